package dev.torsion.plugin.sip;

import dev.torsion.app.SizeConverter;
import dev.torsion.internet.endpoints.EndpointArguments;
import dev.torsion.internet.endpoints.EndpointDescription;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.transport.TransportKind;
import java.util.List;
import picocli.CommandLine.TypeConversionException;

/**
 * A parsed {@code --listen}, in the syntax of the runner's endpoint strings (colon-separated,
 * {@code key=value} options, backslash escapes): {@code udp:PORT[:interface=IP][:receiveBuffer=SIZE]},
 * {@code tcp:PORT[:interface=IP]}, or {@code ssl:PORT:...}, which goes whole to the runner's TLS
 * endpoint. The runner's endpoints are for streams, so UDP and TCP are parsed here.
 *
 * @param spec the string as given
 * @param kind the transport
 * @param port the port (0: any free one)
 * @param interfaceAddress the IP address to bind (empty: every interface)
 * @param receiveBuffer the UDP socket receive buffer to ask for, in bytes (0: the kernel's
 *     default); {@link SipServer#DEFAULT_UDP_RECEIVE_BUFFER} unless {@code receiveBuffer=} says
 */
record SipEndpoint(String spec, TransportKind kind, int port, String interfaceAddress, int receiveBuffer) {
    /** The largest receive buffer accepted: far above any kernel's cap, and a bound on what a typo asks for. */
    static final long MAX_RECEIVE_BUFFER = 1L << 30;
    private static final List<String> UDP = List.of("port", "interface", "receiveBuffer");
    private static final List<String> TCP = List.of("port", "interface");

    /** Parses {@code spec}; a bad one is an {@link IllegalArgumentException} that starts with {@code --listen SPEC:}. */
    static SipEndpoint parse(String spec) {
        try {
            return parseDescription(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--listen " + spec + ": " + e.getMessage(), e);
        }
    }

    private static SipEndpoint parseDescription(String spec) {
        EndpointDescription description = EndpointDescription.parse(spec);
        TransportKind kind = switch (description.kind()) {
            case "udp" -> TransportKind.UDP;
            case "tcp" -> TransportKind.TCP;
            case "ssl" -> TransportKind.TLS;
            default -> throw new IllegalArgumentException("expected udp:, tcp: or ssl:");
        };
        if (description.args().isEmpty() || !description.args().get(0).matches("\\d{1,5}")) {
            throw new IllegalArgumentException("expected udp:PORT, tcp:PORT or ssl:PORT:...");
        }
        if (kind == TransportKind.TLS) {
            // The rest is the TLS endpoint's to check (ServerEndpoints); its interface may name the advertised host.
            return new SipEndpoint(spec, kind, Integer.parseInt(description.args().get(0)),
                    description.kwargs().getOrDefault("interface", ""), 0);
        }
        EndpointArguments arguments = EndpointArguments.bind(description.kind(), kind == TransportKind.UDP ? UDP : TCP,
                description.args(), description.kwargs());
        String address = arguments.string("interface", "");
        address = arguments.ipLiteral("interface", "", address.contains(":"));
        int receiveBuffer = arguments.has("receiveBuffer") ? size(arguments.required("receiveBuffer"))
                : kind == TransportKind.UDP ? SipServer.DEFAULT_UDP_RECEIVE_BUFFER : 0;
        return new SipEndpoint(spec, kind, arguments.port("port"), address, receiveBuffer);
    }

    /**
     * A size as the runner's size options take it (4MB, 512KB, a number of bytes), 0 to 1 GB. What
     * is not a size, or too large for a long, the runner's converter refuses in its own words.
     */
    private static int size(String text) {
        long bytes;
        try {
            bytes = SizeConverter.parse(text);
        } catch (TypeConversionException e) {
            throw new IllegalArgumentException("bad receiveBuffer: " + e.getMessage(), e);
        }
        if (bytes > MAX_RECEIVE_BUFFER) {
            throw new IllegalArgumentException("bad receiveBuffer '" + text + "': expected a size such as 4MB, 512KB or"
                    + " a number of bytes (0: the kernel's default), at most 1GB");
        }
        return (int) bytes;
    }
}
