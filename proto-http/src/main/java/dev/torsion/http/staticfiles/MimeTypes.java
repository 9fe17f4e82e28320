package dev.torsion.http.staticfiles;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Content types by file extension: a built-in table of the common ones, and any added with
 * {@link #add}. Unknown extensions are {@code application/octet-stream}.
 */
public final class MimeTypes {
    /** The type of files whose extension is unknown. */
    public static final String DEFAULT_TYPE = "application/octet-stream";

    private final Map<String, String> byExtension = new HashMap<>();

    /** A table with the built-in types. */
    public MimeTypes() {
        String[] table = {
            "html", "text/html", "htm", "text/html", "css", "text/css", "txt", "text/plain", "text", "text/plain",
            "csv", "text/csv", "md", "text/markdown", "xml", "application/xml", "js", "text/javascript",
            "mjs", "text/javascript", "json", "application/json", "map", "application/json",
            "svg", "image/svg+xml", "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
            "gif", "image/gif", "webp", "image/webp", "ico", "image/vnd.microsoft.icon", "avif", "image/avif",
            "pdf", "application/pdf", "zip", "application/zip", "gz", "application/gzip", "tar", "application/x-tar",
            "wasm", "application/wasm", "woff", "font/woff", "woff2", "font/woff2", "ttf", "font/ttf", "otf", "font/otf",
            "mp3", "audio/mpeg", "ogg", "audio/ogg", "wav", "audio/wav", "mp4", "video/mp4", "webm", "video/webm",
            "java", "text/plain", "py", "text/plain", "c", "text/plain", "h", "text/plain", "sh", "text/plain",
            "jar", "application/java-archive", "bin", DEFAULT_TYPE,
        };
        for (int i = 0; i < table.length; i += 2) {
            byExtension.put(table[i], table[i + 1]);
        }
    }

    /** Adds or replaces the type of extension {@code extension} (with or without the dot). */
    public MimeTypes add(String extension, String type) {
        byExtension.put(strip(extension), type);
        return this;
    }

    /** The type of a file named {@code filename}. */
    public String typeOf(String filename) {
        int dot = filename.lastIndexOf('.');
        if (dot < 0 || dot == filename.length() - 1) {
            return DEFAULT_TYPE;
        }
        return byExtension.getOrDefault(filename.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT_TYPE);
    }

    /** Whether a body of {@code type} shrinks under gzip (text, scripts, JSON, XML, SVG). */
    public static boolean isCompressible(String type) {
        String bare = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return bare.startsWith("text/") || bare.equals("application/json") || bare.equals("application/xml")
                || bare.equals("image/svg+xml") || bare.equals("application/wasm") || bare.endsWith("+xml")
                || bare.endsWith("+json");
    }

    private static String strip(String extension) {
        return (extension.startsWith(".") ? extension.substring(1) : extension).toLowerCase(Locale.ROOT);
    }
}
