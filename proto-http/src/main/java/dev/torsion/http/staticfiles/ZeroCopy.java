package dev.torsion.http.staticfiles;

import dev.torsion.defer.Deferred;
import dev.torsion.http.server.Request;
import dev.torsion.internet.Transport;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends file regions with the transport's own {@code sendFile(FileChannel, long, long)} when it
 * has one (Torsion's Netty transport does: {@code sendfile(2)} in the clear), so file bytes never
 * pass through the Java heap. Found by reflection on a public interface of the transport, so that
 * this module keeps depending on the core interfaces only.
 */
final class ZeroCopy {
    private static final Logger log = LoggerFactory.getLogger(ZeroCopy.class);
    private static final ClassValue<Method> SEND_FILE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return findSendFile(type);
        }
    };

    private ZeroCopy() {
    }

    private static Method findSendFile(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> face : c.getInterfaces()) {
                Method found = publicSendFile(face);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Method publicSendFile(Class<?> face) {
        if (!Modifier.isPublic(face.getModifiers())) {
            return null;
        }
        try {
            Method method = face.getMethod("sendFile", FileChannel.class, long.class, long.class);
            return Deferred.class.isAssignableFrom(method.getReturnType()) ? method : null;
        } catch (NoSuchMethodException e) {
            for (Class<?> parent : face.getInterfaces()) {
                Method found = publicSendFile(parent);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
    }

    /** Whether {@code transport} can send files itself. */
    static boolean isAvailable(Transport transport) {
        return transport != null && SEND_FILE.get(transport.getClass()) != null;
    }

    /**
     * Sends the pieces of a sized response: head, literal pieces through the request, file regions
     * through the transport, in order; finishes the request when the last region is out.
     */
    static void send(Request request, Path file, List<FileStreamer.Piece> pieces) throws IOException {
        Transport transport = request.transport();
        Method sendFile = SEND_FILE.get(transport.getClass());
        request.sendHead();
        Deferred<?> last = Deferred.succeed(null);
        for (FileStreamer.Piece piece : pieces) {
            if (piece.bytes() != null) {
                transport.write(piece.bytes());
                request.countBytesSent(piece.bytes().length);
                continue;
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                last = (Deferred<?>) sendFile.invoke(transport, channel, piece.offset(), piece.length());
            } catch (IllegalAccessException | InvocationTargetException e) {
                channel.close();
                throw new IOException("zero-copy send failed", e instanceof InvocationTargetException ite ? ite.getCause() : e);
            }
            request.countBytesSent(piece.length());
        }
        last.addCallbacks(sent -> {
            if (!request.isFinished()) {
                request.finish();
            }
            return null;
        }, failure -> {
            log.debug("sending {} failed: {}", file, failure.getErrorMessage());
            return null;
        });
    }
}
