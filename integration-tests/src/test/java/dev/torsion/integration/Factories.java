package dev.torsion.integration;

import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Small factories for tests that hold on to the protocols they make. */
final class Factories {
    private Factories() {
    }

    /** A client factory whose one connection runs {@code protocol}. */
    static ClientFactory clientOf(Protocol protocol) {
        return new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                return protocol;
            }
        };
    }

    /** A server factory that makes protocols with {@code make} and hands the first one to {@code first}. */
    static <P extends Protocol> ProtocolFactory capturingFirst(Supplier<P> make, CompletableFuture<P> first) {
        return address -> {
            P protocol = make.get();
            first.complete(protocol);
            return protocol;
        };
    }
}
