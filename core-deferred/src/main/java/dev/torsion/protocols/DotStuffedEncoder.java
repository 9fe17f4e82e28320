package dev.torsion.protocols;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a dot-terminated block (SMTP DATA, RFC 5321 §4.5.2; POP3 multi-line responses, RFC 1939
 * §3; NNTP, RFC 3977 §3.1.1): every line ends with CR LF whatever the content used (a bare LF or a
 * bare CR becomes CR LF, since peers refuse them), a line that starts with a dot gets a second one,
 * and a line holding a single dot ends the block. Pure; the reverse of {@link DotStuffedDecoder}.
 */
public final class DotStuffedEncoder {
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};

    private DotStuffedEncoder() {
    }

    /** {@code content} with CR LF line ends, stuffed, then the terminator. */
    public static byte[] encode(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 40 + 8);
        stuff(content, out);
        out.write(TERMINATOR, 0, TERMINATOR.length);
        return out.toByteArray();
    }

    /** The lines (which hold no CR or LF), each stuffed and ended with CR LF, then the terminator. */
    public static byte[] encodeLines(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0 && bytes[0] == '.') {
                out.write('.');
            }
            out.write(bytes, 0, bytes.length);
            out.write('\r');
            out.write('\n');
        }
        out.write(TERMINATOR, 0, TERMINATOR.length);
        return out.toByteArray();
    }

    /** Writes {@code content} with CR LF line ends and stuffed, without the terminator. */
    public static void stuff(byte[] content, ByteArrayOutputStream out) {
        write(content, out, true);
    }

    /**
     * {@code content} with CR LF line ends and a CR LF at its end, not stuffed (what SMTP's BDAT
     * sends, RFC 3030).
     */
    public static byte[] crlfLines(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 40 + 2);
        write(content, out, false);
        return out.toByteArray();
    }

    private static void write(byte[] content, ByteArrayOutputStream out, boolean stuffed) {
        boolean lineStart = true;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == '\r' || b == '\n') {
                out.write('\r');
                out.write('\n');
                if (b == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
                    i++;
                }
                lineStart = true;
                continue;
            }
            if (stuffed && lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
    }
}
