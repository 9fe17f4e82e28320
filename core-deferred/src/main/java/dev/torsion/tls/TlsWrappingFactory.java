package dev.torsion.tls;

import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.protocols.policies.ForwardingClientFactory;
import java.util.Objects;

/**
 * A factory that wraps each protocol another factory makes in a {@link TlsProtocol}: Twisted's
 * {@code TLSMemoryBIOFactory}. With it, any stream transport carries TLS:
 *
 * <pre>{@code
 * reactor.listenTCP(8443, new TlsWrappingFactory(serverOptions, address -> new Echo()));
 * reactor.connectTCP("localhost", 8443, new TlsWrappingFactory(TlsOptions.client("localhost"), clientFactory));
 * }</pre>
 *
 * It is a {@link ClientFactory}, so it serves listening and connecting alike; connect
 * notifications reach the wrapped factory when that is a {@code ClientFactory}.
 */
public class TlsWrappingFactory extends ForwardingClientFactory {
    private final TlsOptions options;

    /** Wraps the protocols of {@code wrappedFactory} in TLS with {@code options}. */
    public TlsWrappingFactory(TlsOptions options, ProtocolFactory wrappedFactory) {
        super(wrappedFactory);
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The TLS options of every connection. */
    public TlsOptions options() {
        return options;
    }

    /** A {@link TlsProtocol} around the wrapped factory's protocol; null when that factory refuses. */
    @Override
    public Protocol buildProtocol(Address address) {
        Protocol protocol = wrappedFactory().buildProtocol(address);
        return protocol == null ? null : new TlsProtocol(options, protocol);
    }
}
