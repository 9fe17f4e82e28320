package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which event loop a reactor runs on, for the machines Torsion ships native loops for. Only Linux
 * x86-64 runs here: the choice on other machines is tested with their availability given, and the
 * native libraries they need are checked to be on the class path (the distribution and every user
 * of transport-netty get them as runtime dependencies).
 */
class EventLoopKindTest {
    @Test
    void linuxGetsEpoll() {
        assertEquals(EventLoopKind.EPOLL, EventLoopKind.best(Set.of(EventLoopKind.EPOLL, EventLoopKind.IO_URING, EventLoopKind.NIO)::contains));
    }

    @Test
    void macOsAndTheBsdsGetKqueue() {
        assertEquals(EventLoopKind.KQUEUE, EventLoopKind.best(Set.of(EventLoopKind.KQUEUE, EventLoopKind.NIO)::contains));
    }

    @Test
    void ioUringIsNeverChosenUnasked() {
        assertEquals(EventLoopKind.NIO, EventLoopKind.best(Set.of(EventLoopKind.IO_URING, EventLoopKind.NIO)::contains));
    }

    @Test
    void anythingElseGetsNio() {
        assertEquals(EventLoopKind.NIO, EventLoopKind.best(Set.of(EventLoopKind.NIO)::contains));
    }

    @Test
    void thisLinuxMachineRunsEpoll() {
        assertEquals(EventLoopKind.EPOLL, EventLoopKind.best());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "libnetty_transport_native_epoll_x86_64.so",
        "libnetty_transport_native_epoll_aarch_64.so",
        "libnetty_transport_native_io_uring42_x86_64.so",
        "libnetty_transport_native_io_uring42_aarch_64.so",
        "libnetty_transport_native_kqueue_x86_64.jnilib",
        "libnetty_transport_native_kqueue_aarch_64.jnilib",
    })
    void theNativeLoopOfEverySupportedMachineShips(String library) {
        assertNotNull(EventLoopKind.class.getClassLoader().getResource("META-INF/native/" + library),
                library + " is not on the class path: that machine would fall back to NIO");
    }
}
