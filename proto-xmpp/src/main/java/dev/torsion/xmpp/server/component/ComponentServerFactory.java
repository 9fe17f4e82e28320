package dev.torsion.xmpp.server.component;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import dev.torsion.xmpp.server.XmppServer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a {@link ComponentSession} for each connection to the component listener of one
 * {@link XmppServer}: the components it accepts are the domains of {@code secrets}.
 */
public final class ComponentServerFactory implements ProtocolFactory {
    private final XmppServer server;
    private final Map<String, byte[]> secrets = new HashMap<>();
    private final Clock clock;

    /** Accepts the components named by the keys of {@code secrets} (domain to shared secret), timing out on {@code clock}. */
    public ComponentServerFactory(XmppServer server, Map<String, String> secrets, Clock clock) {
        this.server = server;
        this.clock = clock;
        secrets.forEach((domain, secret) -> this.secrets.put(domain.toLowerCase(Locale.ROOT), secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new ComponentSession(server, secrets, clock);
    }
}
