package dev.torsion.smtp.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.smtp.server.SmtpServerFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** An SMTP server with a recording delivery, listening on 127.0.0.1 on a free port of a live reactor. */
public final class SmtpFixture implements AutoCloseable {
    public final LiveReactor live;
    public final RecordingDelivery delivery = new RecordingDelivery();
    public final int port;
    private final ListeningPort listening;

    public SmtpFixture(SmtpServerConfig config) throws Exception {
        this(live -> config);
    }

    /** A server whose config needs the reactor (a portal timing out on it, say). */
    public SmtpFixture(Function<LiveReactor, SmtpServerConfig> configFor) throws Exception {
        live = new LiveReactor();
        SmtpServerConfig config = configFor.apply(live);
        listening = live.call(() -> live.reactor.listenTCP(0, new SmtpServerFactory(config, delivery, live.reactor), 50, "127.0.0.1"));
        port = ((IPv4Address) listening.getHost()).port();
    }

    /** The next message that ended, waiting up to 30 s. */
    public RecordingDelivery.Received nextMessage() throws InterruptedException {
        RecordingDelivery.Received message = delivery.ended.poll(30, TimeUnit.SECONDS);
        assertNotNull(message, "no message arrived");
        return message;
    }

    @Override
    public void close() throws Exception {
        live.call(() -> listening.stopListening());
        live.close();
    }
}
