package dev.torsion.http.form;

import dev.torsion.http.HttpError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percent-decoding and {@code application/x-www-form-urlencoded} parsing and building. */
public final class UrlEncoding {
    private static final String HEX = "0123456789ABCDEF";

    private UrlEncoding() {
    }

    /**
     * Decodes %XX escapes as UTF-8 bytes ({@code plusIsSpace}: and '+' as a space, as forms do).
     * A malformed escape stays as it was.
     */
    public static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }

    /**
     * Parses {@code a=1&b=2&a=3} into names and their values in order. More than
     * {@code maxFields} fields is a 400 ({@link HttpError}).
     */
    public static Map<String, List<String>> parseForm(String text, int maxFields) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return fields;
        }
        int count = 0;
        for (String pair : text.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > maxFields) {
                throw new HttpError(400, "too many form fields");
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true);
            fields.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
        }
        return fields;
    }

    /** Percent-encodes {@code text} as UTF-8, leaving only unreserved characters (and '/' when {@code keepSlash}). */
    public static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/');
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
            }
        }
        return out.toString();
    }

    /** Builds {@code a=1&b=2} from names and values. */
    public static String buildForm(Map<String, List<String>> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((name, values) -> {
            for (String value : values) {
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(encode(name, false)).append('=').append(encode(value, false));
            }
        });
        return out.toString();
    }
}
