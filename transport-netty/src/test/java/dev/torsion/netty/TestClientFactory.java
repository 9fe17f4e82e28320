package dev.torsion.netty;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.Protocol;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A client factory that records every notification. */
final class TestClientFactory extends ClientFactory {
    final CompletableFuture<Connector> started = new CompletableFuture<>();
    final CompletableFuture<Failure> failed = new CompletableFuture<>();
    final CompletableFuture<Failure> lostConnection = new CompletableFuture<>();
    private final Supplier<? extends Protocol> protocols;

    TestClientFactory(Supplier<? extends Protocol> protocols) {
        this.protocols = protocols;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return protocols.get();
    }

    @Override
    public void startedConnecting(Connector connector) {
        started.complete(connector);
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        failed.complete(reason);
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        lostConnection.complete(reason);
    }
}
