package dev.torsion.imap.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * A part's body with its Content-Transfer-Encoding undone (RFC 2045 §6), as IMAP's BINARY fetch
 * items deliver it (RFC 3516 §4.2, RFC 9051 §6.4.5); the decoding itself is Mime4j's, lenient
 * about stray characters as RFC 2045 §6.7 and §6.8 ask of decoders.
 */
public final class TransferDecoding {
    private TransferDecoding() {
    }

    /**
     * The decoded body of {@code part}, or null when its encoding is none this server knows
     * (the client is then told {@code UNKNOWN-CTE}).
     */
    public static byte[] decode(MimePart part) {
        String encoding = part.field("Content-Transfer-Encoding");
        String name = encoding == null ? "7bit" : encoding.strip().toLowerCase(Locale.ROOT);
        byte[] body = part.body();
        return switch (name) {
            case "7bit", "8bit", "binary" -> body;
            case "base64" -> readAll(new Base64InputStream(new ByteArrayInputStream(body), DecodeMonitor.SILENT));
            case "quoted-printable" -> readAll(new QuotedPrintableInputStream(new ByteArrayInputStream(body), DecodeMonitor.SILENT));
            default -> null;
        };
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            // Reading from memory fails only on malformed input the SILENT monitor let through.
            throw new UncheckedIOException(e);
        }
    }
}
