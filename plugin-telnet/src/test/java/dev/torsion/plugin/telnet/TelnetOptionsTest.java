package dev.torsion.plugin.telnet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TelnetOptionsTest {
    @Test
    void loopbackEndpoints() {
        assertTrue(TelnetOptions.isLoopbackEndpoint("tcp:4040:interface=127.0.0.1"));
        assertTrue(TelnetOptions.isLoopbackEndpoint("tcp:4040:backlog=5:interface=127.0.0.2"));
        assertTrue(TelnetOptions.isLoopbackEndpoint("tcp6:4040:interface=\\:\\:1"));
        assertTrue(TelnetOptions.isLoopbackEndpoint("unix:/run/manhole.sock"));
        assertFalse(TelnetOptions.isLoopbackEndpoint("tcp:4040"));
        assertFalse(TelnetOptions.isLoopbackEndpoint("tcp:4040:interface=0.0.0.0"));
        assertFalse(TelnetOptions.isLoopbackEndpoint("tcp:4040:interface=192.0.2.1"));
    }
}
