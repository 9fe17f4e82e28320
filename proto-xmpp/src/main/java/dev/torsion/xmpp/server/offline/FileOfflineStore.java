package dev.torsion.xmpp.server.offline;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.stream.StreamEvent;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.stream.XmlStreamReader;
import dev.torsion.xmpp.stream.XmlWriter;
import dev.torsion.xmpp.stream.XmppStreamException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline messages in files, one per account ({@code DIR/<user>.offline}, the name URL-encoded):
 * the stanzas one after another as the stream carried them (jabber:client), read back with the
 * stream reader and its limits. Reads and writes run on the reactor's thread pool, one account's
 * operations in the order they were asked (they are chained), so the reactor never waits for a disk.
 */
public final class FileOfflineStore implements OfflineStore {
    private static final Logger log = LoggerFactory.getLogger(FileOfflineStore.class);
    private static final byte[] HEADER = ("<stream:stream xmlns='jabber:client' xmlns:stream='" + Namespaces.STREAMS
            + "' version='1.0'>").getBytes(StandardCharsets.UTF_8);

    private final Path directory;
    private final Reactor reactor;
    private final int limit;
    private final XmppLimits limits;
    private Deferred<Object> last = Deferred.succeed(null);

    /** A store in {@code directory} keeping at most {@code limit} messages per account. */
    public FileOfflineStore(Path directory, Reactor reactor, int limit, XmppLimits limits) {
        this.directory = directory;
        this.reactor = reactor;
        this.limit = limit;
        // A stored message carries a delay stamp beyond what the stream allowed it.
        this.limits = limits.withMaxStanzaSize(limits.maxStanzaSize() + 1024);
    }

    @Override
    public Deferred<Boolean> store(String user, XmlElement message) {
        Path file = fileOf(user);
        byte[] bytes = XmlWriter.bytes(message, Namespaces.CLIENT);
        return chain(() -> {
            if (read(file).size() >= limit) {
                return false;
            }
            Files.createDirectories(directory);
            Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        });
    }

    @Override
    public Deferred<List<XmlElement>> take(String user) {
        Path file = fileOf(user);
        return chain(() -> {
            List<XmlElement> messages = read(file);
            Files.deleteIfExists(file);
            return messages;
        });
    }

    /** Runs {@code work} on the thread pool after the previous operation, so operations never overlap. */
    private <T> Deferred<T> chain(Callable<T> work) {
        Deferred<T> result = new Deferred<>();
        last = last.addBothDeferred((ignored, previousFailure) -> reactor.deferToThread(work).addBoth((value, failure) -> {
            if (failure != null) {
                result.errback(failure);
            } else {
                result.callback(value);
            }
            return (Object) null;
        }));
        return result;
    }

    private List<XmlElement> read(Path file) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        }
        XmlStreamReader reader = new XmlStreamReader(limits, Namespaces.CLIENT);
        reader.feed(HEADER.clone());
        reader.feed(content);
        List<XmlElement> messages = new ArrayList<>();
        try {
            for (StreamEvent event = reader.next(); event != null; event = reader.next()) {
                if (event instanceof StreamEvent.Stanza stanza) {
                    messages.add(stanza.element());
                }
            }
        } catch (XmppStreamException e) {
            log.warn("offline file {}: {} after {} messages; the rest is skipped", file, e.getMessage(), messages.size());
        }
        return messages;
    }

    private Path fileOf(String user) {
        return directory.resolve(URLEncoder.encode(user, StandardCharsets.UTF_8) + ".offline");
    }
}
