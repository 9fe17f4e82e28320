package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.internet.Reactor;
import dev.torsion.internet.ReactorProvider;
import dev.torsion.internet.ReusePortListener;
import dev.torsion.internet.ShutdownTimeout;
import org.junit.jupiter.api.Test;

/** The runner finds the Netty reactors through the core's ReactorProvider, by kind name, without naming Netty. */
class NettyReactorProviderTest {
    @Test
    void theServiceLoaderFindsTheNettyProvider() {
        assertInstanceOf(NettyReactorProvider.class, ReactorProvider.load());
    }

    @Test
    void makesTheKindAskedForOrTheBestWhenNone() throws Exception {
        try (NettyReactor nio = (NettyReactor) ReactorProvider.load().create("nio")) {
            assertEquals("nio", nio.kind());
        }
        Reactor best = ReactorProvider.load().create(null);
        assertEquals(EventLoopKind.best().label(), best.kind());
        assertInstanceOf(ReusePortListener.class, best, "--workers shares ports through this capability");
        assertInstanceOf(ShutdownTimeout.class, best, "--shutdown-grace bounds the stop through this capability");
        ((NettyReactor) best).close();
    }

    @Test
    void anUnknownKindIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ReactorProvider.load().create("select"));
        assertEquals(true, refused.getMessage().contains("select"), refused.getMessage());
    }
}
