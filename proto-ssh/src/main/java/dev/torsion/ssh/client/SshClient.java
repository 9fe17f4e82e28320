package dev.torsion.ssh.client;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.TransportConfig;
import java.security.SecureRandom;

/**
 * Connects and logs in: the Deferred API of the SSH client.
 *
 * <pre>{@code
 * SshClient.connect(reactor, "example.org", 22, "alice", HostKey.read(keyFile), null,
 *                 KnownHosts.read(Path.of(home, ".ssh/known_hosts")))
 *         .addCallbackDeferred(client -> client.exec("uname -a"))
 *         .addCallback(result -> result.stdoutText());
 * }</pre>
 */
public final class SshClient {
    private SshClient() {
    }

    /** Connects to {@code host}:{@code port} and logs in with the key and/or password given. */
    public static Deferred<SshClientProtocol> connect(Reactor reactor, String host, int port, String username,
            HostKey identity, String password, HostKeyVerifier verifier) {
        return connect(reactor, host, port, username, identity, password, verifier, TransportConfig.DEFAULTS,
                SshLimits.DEFAULTS);
    }

    /** As {@link #connect(Reactor, String, int, String, HostKey, String, HostKeyVerifier)} with other algorithms and limits. */
    public static Deferred<SshClientProtocol> connect(Reactor reactor, String host, int port, String username,
            HostKey identity, String password, HostKeyVerifier verifier, TransportConfig config, SshLimits limits) {
        SshClientProtocol protocol = new SshClientProtocol(config, limits, reactor, new SecureRandom(), host, port,
                username, identity, password, verifier);
        return new TCP4ClientEndpoint(reactor, host, port).connect(address -> protocol)
                .addCallbackDeferred(connected -> protocol.whenAuthenticated());
    }
}
