package dev.torsion.imap.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds server responses (RFC 3501 §7) with the string forms of §4.3: a quoted string when the
 * text allows one, otherwise a literal; NIL for absent values.
 */
final class ResponseBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Raw ASCII: atoms, numbers, punctuation. */
    ResponseBuilder raw(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    ResponseBuilder raw(long n) {
        return raw(Long.toString(n));
    }

    ResponseBuilder sp() {
        out.write(' ');
        return this;
    }

    /** A string: quoted if every character may stand in a quoted string, else a literal. */
    ResponseBuilder string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b < 0x20 || b == 0x7f) {
                return literal(bytes);
            }
        }
        if (bytes.length > 1024) {
            return literal(bytes);
        }
        out.write('"');
        for (byte b : bytes) {
            if (b == '"' || b == '\\') {
                out.write('\\');
            }
            out.write(b);
        }
        out.write('"');
        return this;
    }

    /** A string or NIL. */
    ResponseBuilder nstring(String text) {
        return text == null ? raw("NIL") : string(text);
    }

    /** A literal: {@code {n}} CR LF and the octets. */
    ResponseBuilder literal(byte[] octets) {
        raw("{" + octets.length + "}\r\n");
        out.writeBytes(octets);
        return this;
    }

    /**
     * Octets that may hold NUL: a literal8 {@code ~{n}} when they do, else a plain literal (RFC
     * 3516 §4.2, RFC 9051 §4.3.1: literal8 only where it is needed).
     */
    ResponseBuilder binaryLiteral(byte[] octets) {
        for (byte b : octets) {
            if (b == 0) {
                raw("~");
                break;
            }
        }
        return literal(octets);
    }

    ResponseBuilder crlf() {
        out.write('\r');
        out.write('\n');
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
