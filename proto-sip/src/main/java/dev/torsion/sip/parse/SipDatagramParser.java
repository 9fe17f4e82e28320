package dev.torsion.sip.parse;

import dev.torsion.sip.SipLimits;
import java.util.Arrays;

/**
 * Parses one UDP datagram as one SIP message (RFC 3261 section 18.3): the body is the rest of the
 * datagram, cut to Content-Length when the header is present and smaller; a Content-Length larger
 * than what arrived is a 400 for a request and a silent drop for a response (the caller drops
 * every faulty response, section 18.1.2).
 */
public final class SipDatagramParser {
    private SipDatagramParser() {
    }

    /**
     * Parses {@code datagram}; null for a keep-alive (nothing but CRLFs, RFC 5626 section 3.5.1).
     * Throws with the status to answer and, when the head could be read, the partial message.
     */
    public static SipMessage parse(byte[] datagram, SipLimits limits) throws SipParseException {
        if (datagram.length > limits.maxDatagram()) {
            throw new SipParseException(513, "Message Too Large");
        }
        int start = 0;
        while (start < datagram.length && (datagram[start] == '\r' || datagram[start] == '\n')) {
            start++;
        }
        if (start == datagram.length) {
            return null;
        }
        int headEnd = -1;
        for (int i = start; i + 3 < datagram.length; i++) {
            if (datagram[i] == '\r' && datagram[i + 1] == '\n' && datagram[i + 2] == '\r' && datagram[i + 3] == '\n') {
                headEnd = i;
                break;
            }
        }
        if (headEnd < 0) {
            SipMessage partial = tryHead(datagram, start, limits);
            throw new SipParseException(400, "Missing Empty Line", partial);
        }
        SipMessage message = MessageHeadParser.parse(datagram, start, headEnd + 2, limits);
        int bodyStart = headEnd + 4;
        int available = datagram.length - bodyStart;
        long declared = MessageHeadParser.contentLength(message, limits);
        if (declared > available) {
            throw new SipParseException(400, "Content-Length Exceeds Datagram", message);
        }
        int length = declared < 0 ? available : (int) declared;
        message.setBody(Arrays.copyOfRange(datagram, bodyStart, bodyStart + length));
        return message;
    }

    /** The head of a datagram missing its empty line, when it parses, so that a 400 can be addressed. */
    private static SipMessage tryHead(byte[] datagram, int start, SipLimits limits) {
        int to = datagram.length;
        while (to > start && (datagram[to - 1] == '\r' || datagram[to - 1] == '\n')) {
            to--;
        }
        byte[] head = Arrays.copyOfRange(datagram, start, to);
        byte[] withEnd = Arrays.copyOf(head, head.length + 2);
        withEnd[head.length] = '\r';
        withEnd[head.length + 1] = '\n';
        try {
            return MessageHeadParser.parse(withEnd, 0, withEnd.length, limits);
        } catch (SipParseException e) {
            return e.partial();
        }
    }
}
