package dev.torsion.netty;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.UNIXAddress;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectError;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UNIX sockets for one reactor: stream listeners and connectors, datagram sockets, Linux's
 * abstract namespace (a name starting with NUL or {@code '@'}), and Twisted's {@code wantPID}
 * lock files ({@code PATH.lock} holds the listener's PID; a lock left by a dead process is stale
 * and is removed along with the socket file it guarded).
 */
final class UnixSockets {
    private static final Logger log = LoggerFactory.getLogger(UnixSockets.class);

    private final NettyReactor reactor;

    UnixSockets(NettyReactor reactor) {
        this.reactor = reactor;
    }

    /** NUL-prefixed form of an abstract name ({@code @name} is accepted as well), else the path as is. */
    static String normalize(String path) {
        return path.startsWith("@") ? "\0" + path.substring(1) : path;
    }

    static boolean isAbstract(String path) {
        return path.startsWith("\0");
    }

    private SocketAddress socketAddress(String path, String what) {
        if (reactor.loopKind().isNative()) {
            return new DomainSocketAddress(path);
        }
        if (isAbstract(path)) {
            throw new CannotListenError(what + ": the abstract namespace needs a native loop (epoll); this reactor runs "
                    + reactor.kind());
        }
        return UnixDomainSocketAddress.of(path);
    }

    ListeningPort listen(String rawPath, ProtocolFactory factory, int backlog, int mode, boolean wantPID) {
        String path = normalize(rawPath);
        String what = "UNIX socket " + new UNIXAddress(path);
        Path lock = null;
        if (!isAbstract(path)) {
            if (wantPID) {
                lock = acquireLock(Path.of(path), what);
            }
        } else if (wantPID) {
            throw new CannotListenError(what + ": wantPID needs a socket in the file system");
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(reactor.eventLoop())
                .channel(reactor.loopKind().serverDomainSocketChannel())
                .option(ChannelOption.SO_BACKLOG, backlog)
                .childHandler(reactor.serverPipeline(factory, channel -> null));
        factory.startFactory();
        Channel channel;
        try {
            channel = reactor.bind(bootstrap, socketAddress(path, what), what);
            if (!isAbstract(path)) {
                Files.setPosixFilePermissions(Path.of(path), permissions(mode));
            }
        } catch (CannotListenError e) {
            factory.stopFactory();
            release(lock);
            throw e;
        } catch (IOException e) {
            factory.stopFactory();
            release(lock);
            throw new CannotListenError(what + ": cannot set its mode: " + e.getMessage(), e);
        }
        Path lockFile = lock;
        NettyListeningPort port = new NettyListeningPort(reactor, channel, factory, () -> {
            if (!isAbstract(path)) {
                deleteQuietly(Path.of(path));
            }
            release(lockFile);
        });
        reactor.trackPort(port);
        return port;
    }

    Connector connect(String rawPath, ClientFactory factory, Duration timeout, boolean checkPID) {
        String path = normalize(rawPath);
        UNIXAddress destination = new UNIXAddress(path);
        Supplier<Deferred<SocketAddress>> resolver = () -> {
            if (checkPID && (isAbstract(path) || !lockIsLive(lockPath(Path.of(path))))) {
                return Deferred.fail(new ConnectError("no live process holds the lock of " + destination));
            }
            try {
                return Deferred.succeed(socketAddress(path, destination.toString()));
            } catch (CannotListenError e) {
                return Deferred.fail(new ConnectError(e.getMessage(), e));
            }
        };
        Class<? extends Channel> type = reactor.loopKind().domainSocketChannel();
        NettyConnector connector = new NettyConnector(reactor, destination, resolver,
                () -> NettyReactor.newChannel(type), bootstrap -> { }, null, null, -1, timeout, null, factory);
        connector.connect();
        return connector;
    }

    ListeningPort listenDatagram(String rawPath, DatagramProtocol protocol, int maxPacketSize, int mode) {
        String path = normalize(rawPath);
        String what = "UNIX datagram socket " + new UNIXAddress(path);
        Supplier<Channel> channels = reactor.loopKind().domainDatagramChannel();
        if (channels == null) {
            throw new CannotListenError(what + ": UNIX datagram sockets need the epoll or kqueue loop; this reactor runs "
                    + reactor.kind());
        }
        DatagramPort port = new DatagramPort(reactor, protocol, maxPacketSize, true);
        port.bindUnix(channels, new DomainSocketAddress(path), what, () -> {
            if (!isAbstract(path)) {
                deleteQuietly(Path.of(path));
            }
        });
        if (!isAbstract(path)) {
            try {
                Files.setPosixFilePermissions(Path.of(path), permissions(mode));
            } catch (IOException e) {
                port.stopListening();
                throw new CannotListenError(what + ": cannot set its mode: " + e.getMessage(), e);
            }
        }
        return port;
    }

    // ------------------------------------------------------------------ wantPID lock files

    static Path lockPath(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".lock");
    }

    /** Takes {@code PATH.lock}, clearing a stale lock and socket file left by a dead process. */
    private static Path acquireLock(Path socket, String what) {
        Path lock = lockPath(socket);
        byte[] pid = String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.write(lock, pid, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return lock;
            } catch (FileAlreadyExistsException e) {
                if (lockIsLive(lock)) {
                    throw new CannotListenError(what + ": in use by the live process in " + lock);
                }
                log.info("Removing the stale lock {} and socket {} of a dead process", lock, socket);
                deleteQuietly(lock);
                deleteQuietly(socket);
            } catch (IOException e) {
                throw new CannotListenError(what + ": cannot create the lock " + lock + ": " + e.getMessage(), e);
            }
        }
        throw new CannotListenError(what + ": cannot take the lock " + lock);
    }

    /** Whether {@code lock} names a process that is alive. */
    static boolean lockIsLive(Path lock) {
        try {
            String text = Files.readString(lock, StandardCharsets.US_ASCII).trim();
            long pid = Long.parseLong(text);
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static void release(Path lock) {
        if (lock != null) {
            deleteQuietly(lock);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
