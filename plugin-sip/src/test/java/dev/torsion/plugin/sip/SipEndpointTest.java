package dev.torsion.plugin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.sip.transport.TransportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code --listen} strings of {@code torsion sip}: kinds, interfaces and the UDP receive buffer. */
class SipEndpointTest {
    private static final int MIB = 1024 * 1024;

    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> SipEndpoint.parse(spec)).getMessage();
    }

    @Test
    void udpAsksForFourMebibytesUnlessTold() {
        assertEquals(new SipEndpoint("udp:5060:interface=127.0.0.1", TransportKind.UDP, 5060, "127.0.0.1", 4 * MIB),
                SipEndpoint.parse("udp:5060:interface=127.0.0.1"));
        assertEquals(new SipEndpoint("udp:0", TransportKind.UDP, 0, "", 4 * MIB), SipEndpoint.parse("udp:0"));
    }

    @Test
    void receiveBufferTakesTheRunnersSizes() {
        assertEquals(8 * MIB, SipEndpoint.parse("udp:5060:interface=127.0.0.1:receiveBuffer=8MB").receiveBuffer());
        assertEquals(512 * 1024, SipEndpoint.parse("udp:5060:receiveBuffer=512KB").receiveBuffer());
        assertEquals(300000, SipEndpoint.parse("udp:5060:receiveBuffer=300000").receiveBuffer());
        assertEquals(1 << 30, SipEndpoint.parse("udp:5060:receiveBuffer=1gb").receiveBuffer());
        assertEquals(0, SipEndpoint.parse("udp:5060:receiveBuffer=0").receiveBuffer(), "0: the kernel's default");
        assertEquals(2 * MIB, SipEndpoint.parse("udp:5060:receiveBuffer=2MB:interface=127.0.0.1").receiveBuffer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4m", "-1", "big", "", "1TB", "4 MiB"})
    void whatIsNotASizeIsRefusedInTheRunnersWords(String size) {
        String spec = "udp:5060:receiveBuffer=" + size;
        assertEquals("--listen " + spec + ": bad receiveBuffer: '" + size + "' is not a size such as 512KB, 10MB or 1GB",
                error(spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2GB", "1073741825", "9223372036854775807"})
    void aReceiveBufferOverOneGigabyteIsRefused(String size) {
        String spec = "udp:5060:receiveBuffer=" + size;
        assertEquals("--listen " + spec + ": bad receiveBuffer '" + size + "': expected a size such as 4MB, 512KB or a"
                + " number of bytes (0: the kernel's default), at most 1GB", error(spec));
    }

    /** Sizes past a long, which the converter once wrapped (17179869184GB to 0, the kernel's default). */
    @ParameterizedTest
    @ValueSource(strings = {"17179869184GB", "8589934592GB", "18014398509481985KB", "99999999999999999999"})
    void aReceiveBufferPastALongIsRefusedByTheRunnersConverter(String size) {
        String spec = "udp:5060:receiveBuffer=" + size;
        assertEquals("--listen " + spec + ": bad receiveBuffer: '" + size + "' is too large: a size is at most"
                + " 9223372036854775807 bytes (8589934591GB)", error(spec));
    }

    @Test
    void tcpHasNoReceiveBuffer() {
        assertEquals(new SipEndpoint("tcp:5060:interface=127.0.0.1", TransportKind.TCP, 5060, "127.0.0.1", 0),
                SipEndpoint.parse("tcp:5060:interface=127.0.0.1"));
        assertEquals("--listen tcp:5060:receiveBuffer=4MB: unknown argument 'receiveBuffer' for a tcp endpoint"
                + " (it takes port, interface)", error("tcp:5060:receiveBuffer=4MB"));
    }

    @Test
    void interfacesAreIpLiterals() {
        assertEquals("::1", SipEndpoint.parse("udp:5060:interface=\\:\\:1").interfaceAddress());
        assertEquals("--listen udp:5060:interface=example.org: bad interface 'example.org' for a udp endpoint:"
                + " expected an IPv4 address", error("udp:5060:interface=example.org"));
    }

    @Test
    void otherMistakesNameTheListenOption() {
        assertEquals("--listen sctp:5060: expected udp:, tcp: or ssl:", error("sctp:5060"));
        assertEquals("--listen udp:: expected udp:PORT, tcp:PORT or ssl:PORT:...", error("udp:"));
        assertEquals("--listen udp:70000: bad port '70000' for a udp endpoint: expected a port number from 0 to 65535",
                error("udp:70000"));
        assertEquals("--listen udp:5060:mtu=1500: unknown argument 'mtu' for a udp endpoint"
                + " (it takes port, interface, receiveBuffer)", error("udp:5060:mtu=1500"));
        assertEquals("--listen udp:5060:receiveBuffer=1MB:receiveBuffer=2MB: keyword 'receiveBuffer' given twice in"
                + " endpoint description 'udp:5060:receiveBuffer=1MB:receiveBuffer=2MB'",
                error("udp:5060:receiveBuffer=1MB:receiveBuffer=2MB"));
    }

    @Test
    void sslGoesWholeToTheTlsEndpoint() {
        SipEndpoint tls = SipEndpoint.parse("ssl:5061:privateKey=/k.pem:certKey=/c.pem:interface=127.0.0.1");
        assertEquals(TransportKind.TLS, tls.kind());
        assertEquals(5061, tls.port());
        assertEquals("127.0.0.1", tls.interfaceAddress(), "the first interface given is the advertised host");
    }
}
