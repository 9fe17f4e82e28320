package dev.torsion.smtp.client;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.Endpoints;
import java.util.List;

/**
 * Twisted's {@code twisted.mail.smtp.sendmail}: connects, sends one message, and gives a Deferred
 * of the result.
 *
 * <pre>{@code
 * SmtpSender.sendmail(reactor, Endpoints.clientFromString(reactor, "tcp:mx.example.org:25"),
 *         SmtpClientConfig.of("me.example.org").withTls(TlsMode.REQUIRED, TlsOptions.client("mx.example.org")),
 *         "me@example.org", List.of("you@example.org"), message)
 *     .addCallback(result -> result.finalReply());
 * }</pre>
 */
public final class SmtpSender {
    private SmtpSender() {
    }

    /** Sends {@code message} through the server at {@code endpoint}. */
    public static Deferred<SendResult> sendmail(Reactor reactor, ClientEndpoint endpoint, SmtpClientConfig config,
            String from, List<String> recipients, byte[] message) {
        SmtpClient client = new SmtpClient(config, from, recipients, message, reactor);
        Deferred<SmtpClient> connected = Endpoints.connectProtocol(endpoint, client);
        return connected.addCallbackDeferred(SmtpClient::result);
    }
}
