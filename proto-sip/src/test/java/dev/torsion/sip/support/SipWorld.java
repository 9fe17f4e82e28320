package dev.torsion.sip.support;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.auth.DigestAuthenticator;
import dev.torsion.sip.parse.SipDatagramParser;
import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.SipDatagramProtocol;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A registrar and proxy on a recording UDP socket and a TestClock, with phones on 127.0.0.1 ports. */
public final class SipWorld {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5060;
    public final TestClock clock = new TestClock();
    public final RecordingUdp udp = new RecordingUdp(HOST, PORT);
    public final SipServer server;
    private final SipDatagramProtocol protocol;

    public SipWorld(DigestAuthenticator authenticator) {
        this(authenticator, new MemoryLocationService());
    }

    public SipWorld(DigestAuthenticator authenticator, MemoryLocationService locations) {
        server = new SipServer(null, clock, "example.org", HOST, SipLimits.DEFAULTS, TimerSettings.DEFAULTS,
                locations, authenticator);
        server.transport().setPort(TransportKind.UDP, PORT);
        protocol = server.transport().datagramProtocol();
        protocol.makeConnection(udp);
    }

    /** A datagram from a phone on {@code port}. */
    public void send(int fromPort, String text) {
        protocol.datagramReceived(text.getBytes(StandardCharsets.UTF_8), new IPv4Address(SocketType.UDP, HOST, fromPort));
    }

    /** The messages sent to {@code port} since the last call, parsed; the others are kept. */
    public List<SipMessage> to(int port) throws SipParseException {
        List<SipMessage> out = new ArrayList<>();
        List<RecordingUdp.Sent> keep = new ArrayList<>();
        for (RecordingUdp.Sent sent : udp.sent) {
            if (sent.port() == port) {
                out.add(SipDatagramParser.parse(sent.text().getBytes(StandardCharsets.UTF_8), SipLimits.DEFAULTS));
            } else {
                keep.add(sent);
            }
        }
        udp.sent.clear();
        udp.sent.addAll(keep);
        return out;
    }

    /** The single response sent to {@code port}. */
    public SipResponse response(int port) throws SipParseException {
        List<SipMessage> got = to(port);
        if (got.size() != 1 || !(got.get(0) instanceof SipResponse r)) {
            throw new AssertionError("expected one response to " + port + ", got " + got);
        }
        return r;
    }

    /** The single request sent to {@code port}. */
    public SipRequest request(int port) throws SipParseException {
        List<SipMessage> got = to(port);
        if (got.size() != 1 || !(got.get(0) instanceof SipRequest r)) {
            throw new AssertionError("expected one request to " + port + ", got " + got);
        }
        return r;
    }

    /** A request from a phone on {@code port}. */
    public static String request(String method, String uri, int port, String branch, String from, String to,
                                 String callId, int cseq, String extra) {
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + HOST + ":" + port + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <" + from + ">;tag=f" + port + "\r\n"
                + "To: <" + to + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    /** A REGISTER of {@code user} from a phone on {@code port} with {@code contacts} (Contact lines). */
    public static String register(String user, int port, String branch, int cseq, String extra) {
        return request("REGISTER", "sip:example.org", port, branch, "sip:" + user + "@example.org",
                "sip:" + user + "@example.org", "reg-" + user + "-" + port, cseq, extra);
    }

    /** A response to {@code request} as a phone answers it, with its own To tag. */
    public static String answer(SipRequest request, int status, String reason, String toTag, String extra) {
        StringBuilder out = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String via : request.headers().all("Via")) {
            out.append("Via: ").append(via).append("\r\n");
        }
        for (String rr : request.headers().all("Record-Route")) {
            out.append("Record-Route: ").append(rr).append("\r\n");
        }
        out.append("From: ").append(request.headers().first("From")).append("\r\n");
        out.append("To: ").append(request.headers().first("To")).append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
        out.append("Call-ID: ").append(request.callId()).append("\r\n");
        out.append("CSeq: ").append(request.headers().first("CSeq")).append("\r\n");
        out.append(extra).append("Content-Length: 0\r\n\r\n");
        return out.toString();
    }
}
