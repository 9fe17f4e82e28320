package dev.torsion.sip.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a message in the form RFC 3261 section 7 requires: the start line, every header value on
 * its own line under its full name (never the compact form, section 7.3.3 allows either), a
 * Content-Length always equal to the body (section 20.14), the empty line and the body.
 */
public final class SipWriter {
    private SipWriter() {
    }

    /** The message's bytes. */
    public static byte[] encode(SipMessage message) {
        // 1 KiB: a forwarded INVITE's head (two Vias, Record-Route) fits without the builder growing.
        StringBuilder head = new StringBuilder(1024);
        if (message instanceof SipRequest request) {
            head.append(request.method()).append(' ').append(request.uri()).append(" SIP/2.0\r\n");
        } else {
            SipResponse response = (SipResponse) message;
            head.append("SIP/2.0 ").append(response.status()).append(' ').append(response.reason()).append("\r\n");
        }
        for (SipHeaders.Field field : message.headers().fields()) {
            if (!field.name().equals(HeaderNames.CONTENT_LENGTH)) {
                head.append(field.name()).append(": ").append(field.value()).append("\r\n");
            }
        }
        head.append(HeaderNames.CONTENT_LENGTH).append(": ").append(message.body().length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = message.body();
        if (body.length == 0) {
            return headBytes;
        }
        byte[] out = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }
}
