package dev.torsion.netty;

import dev.torsion.internet.Reactor;
import dev.torsion.internet.ReactorProvider;

/** The Netty reactors as a {@link ReactorProvider}: {@link NettyReactor#create()} and {@link NettyReactor#create(String)}. */
public final class NettyReactorProvider implements ReactorProvider {
    @Override
    public Reactor create(String kind) {
        return kind == null ? NettyReactor.create() : NettyReactor.create(kind);
    }
}
