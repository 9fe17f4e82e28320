package dev.torsion.http.form;

import dev.torsion.http.Headers;
import java.nio.charset.StandardCharsets;

/**
 * One part of a {@code multipart/form-data} body.
 *
 * @param name the field name from Content-Disposition
 * @param filename the file name the client gave, or null for a plain field (never trust it as a path)
 * @param headers the part's own header fields
 * @param data the part's bytes
 */
public record FormPart(String name, String filename, Headers headers, byte[] data) {
    /** The part's Content-Type, or {@code text/plain} when it gave none. */
    public String contentType() {
        String type = headers.get("Content-Type");
        return type == null ? "text/plain" : type;
    }

    /** The data as UTF-8 text. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
