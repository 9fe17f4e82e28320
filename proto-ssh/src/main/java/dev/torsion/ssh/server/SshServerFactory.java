package dev.torsion.ssh.server;

import dev.torsion.cred.Portal;
import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.TransportConfig;
import dev.torsion.time.Clock;
import java.security.SecureRandom;
import java.util.List;

/**
 * Makes an {@link SshServerProtocol} per connection: Twisted's {@code SSHFactory}.
 *
 * <pre>{@code
 * HostKey key = HostKey.loadOrGenerate(Path.of("ssh_host_ed25519_key"));
 * Portal portal = new Portal(realm, reactor, new SshPublicKeyChecker());
 * reactor.listenTCP(2222, new SshServerFactory(reactor, key, portal));
 * }</pre>
 */
public final class SshServerFactory implements ProtocolFactory {
    private final Clock clock;
    private final List<HostKey> hostKeys;
    private final Portal portal;
    private final TransportConfig config;
    private final SshLimits limits;
    private final SecureRandom random = new SecureRandom();
    private TcpForwarding forwarding;
    private boolean keyboardInteractive;

    /** A factory with the default algorithms and limits. */
    public SshServerFactory(Clock clock, HostKey hostKey, Portal portal) {
        this(clock, hostKey, portal, TransportConfig.DEFAULTS, SshLimits.DEFAULTS);
    }

    /** A factory with these algorithms and limits. */
    public SshServerFactory(Clock clock, HostKey hostKey, Portal portal, TransportConfig config, SshLimits limits) {
        this(clock, List.of(hostKey), portal, config, limits);
    }

    /**
     * A factory with several host keys (ed25519, RSA, ECDSA: one of each at most), all offered; the
     * client picks the algorithm (RFC 4253 section 7.1).
     */
    public SshServerFactory(Clock clock, List<HostKey> hostKeys, Portal portal, TransportConfig config,
            SshLimits limits) {
        this.clock = clock;
        this.hostKeys = List.copyOf(hostKeys);
        this.portal = portal;
        this.config = config;
        this.limits = limits;
    }

    /** Serves direct-tcpip channels (local forwarding, {@code ssh -L} and {@code -W}) through {@code value}. */
    public SshServerFactory withTcpForwarding(TcpForwarding value) {
        this.forwarding = value;
        return this;
    }

    /**
     * Offers keyboard-interactive logins (RFC 4256): one password prompt, checked through the portal
     * as a password login, with the same attempt limit and failure delay. Off by default.
     */
    public SshServerFactory withKeyboardInteractive(boolean offered) {
        this.keyboardInteractive = offered;
        return this;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new SshServerProtocol(config, limits, clock, random, hostKeys, portal, forwarding)
                .withKeyboardInteractive(keyboardInteractive);
    }
}
