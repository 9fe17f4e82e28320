package dev.torsion.sip.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
        StringBuilder head = new StringBuilder(512);
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + message.body().length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(message.body());
        return out.toByteArray();
    }
}
