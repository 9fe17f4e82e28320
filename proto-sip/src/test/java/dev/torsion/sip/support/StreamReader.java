package dev.torsion.sip.support;

import dev.torsion.sip.SipLimits;
import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipStreamParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads one SIP message from a blocking stream (a test's socket), framed by Content-Length. */
public final class StreamReader {
    private StreamReader() {
    }

    public static SipMessage read(InputStream in) throws IOException, SipParseException {
        SipStreamParser parser = new SipStreamParser(SipLimits.DEFAULTS);
        byte[] buffer = new byte[4096];
        for (SipMessage message = parser.next(); ; message = parser.next()) {
            if (message != null) {
                return message;
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("closed before a whole message");
            }
            parser.feed(Arrays.copyOf(buffer, n));
        }
    }
}
