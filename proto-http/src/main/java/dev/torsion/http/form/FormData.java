package dev.torsion.http.form;

import dev.torsion.http.Headers;
import dev.torsion.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a form body: {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data}. Text fields are in {@link #fields()}, every multipart part (files
 * too) in {@link #parts()}. Malformed bodies are refused with a 400 {@link HttpError}.
 */
public final class FormData {
    private static final FormData EMPTY = new FormData(Map.of(), List.of());
    private final Map<String, List<String>> fields;
    private final List<FormPart> parts;

    private FormData(Map<String, List<String>> fields, List<FormPart> parts) {
        this.fields = Collections.unmodifiableMap(fields);
        this.parts = Collections.unmodifiableList(parts);
    }

    /** Parses {@code body} according to {@code contentType}; any other type gives an empty form. */
    public static FormData parse(String contentType, byte[] body, FormLimits limits) {
        if (contentType == null) {
            return EMPTY;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/x-www-form-urlencoded")) {
            return new FormData(UrlEncoding.parseForm(new String(body, StandardCharsets.ISO_8859_1), limits.maxFields()), List.of());
        }
        if (type.equals("multipart/form-data")) {
            String boundary = parameter(contentType, "boundary");
            if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
                throw new HttpError(400, "multipart body without a valid boundary");
            }
            return parseMultipart(body, boundary, limits);
        }
        return EMPTY;
    }

    /** The text fields, by name. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** Every multipart part, files included (empty for urlencoded bodies). */
    public List<FormPart> parts() {
        return parts;
    }

    /** The first value of field {@code name}, or null. */
    public String get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first part named {@code name}, or null. */
    public FormPart part(String name) {
        for (FormPart part : parts) {
            if (part.name().equals(name)) {
                return part;
            }
        }
        return null;
    }

    /** A parameter of a header value such as {@code multipart/form-data; boundary="x"}, unquoted, or null. */
    public static String parameter(String headerValue, String name) {
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            int equals = headerValue.indexOf('=', i);
            if (equals < 0) {
                return null;
            }
            String key = headerValue.substring(i + 1, equals).trim();
            int valueStart = equals + 1;
            String value;
            int next;
            if (valueStart < headerValue.length() && headerValue.charAt(valueStart) == '"') {
                StringBuilder quoted = new StringBuilder();
                int j = valueStart + 1;
                while (j < headerValue.length() && headerValue.charAt(j) != '"') {
                    if (headerValue.charAt(j) == '\\' && j + 1 < headerValue.length()) {
                        j++;
                    }
                    quoted.append(headerValue.charAt(j++));
                }
                value = quoted.toString();
                next = headerValue.indexOf(';', j);
            } else {
                next = headerValue.indexOf(';', valueStart);
                value = headerValue.substring(valueStart, next < 0 ? headerValue.length() : next).trim();
            }
            if (key.equalsIgnoreCase(name)) {
                return value;
            }
            i = next;
        }
        return null;
    }

    private static FormData parseMultipart(byte[] body, String boundary, FormLimits limits) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw new HttpError(400, "multipart body without its boundary");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<FormPart> parts = new ArrayList<>();
        position += delimiter.length;
        while (true) {
            if (startsWith(body, position, "--")) {
                break;
            }
            if (!startsWith(body, position, "\r\n")) {
                throw new HttpError(400, "malformed multipart delimiter");
            }
            if (parts.size() >= limits.maxFields()) {
                throw new HttpError(400, "too many multipart parts");
            }
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), position);
            if (headerEnd < 0 || headerEnd - position > limits.maxPartHeaderBytes()) {
                throw new HttpError(400, "malformed or oversized multipart part headers");
            }
            Headers headers = parsePartHeaders(new String(body, position + 2, headerEnd - position - 2, StandardCharsets.UTF_8));
            int dataStart = headerEnd + 4;
            int dataEnd = indexOf(body, nextDelimiter, dataStart);
            if (dataEnd < 0) {
                throw new HttpError(400, "multipart part without its closing boundary");
            }
            String disposition = headers.get("Content-Disposition");
            String name = disposition == null ? null : parameter(disposition, "name");
            if (name == null) {
                throw new HttpError(400, "multipart part without a name");
            }
            String filename = parameter(disposition, "filename");
            byte[] data = Arrays.copyOfRange(body, dataStart, dataEnd);
            FormPart part = new FormPart(name, filename, headers, data);
            parts.add(part);
            if (filename == null) {
                fields.computeIfAbsent(name, key -> new ArrayList<>(1)).add(part.text());
            }
            position = dataEnd + nextDelimiter.length;
        }
        return new FormData(fields, parts);
    }

    private static Headers parsePartHeaders(String text) {
        Headers headers = new Headers();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new HttpError(400, "malformed multipart part header");
            }
            try {
                headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "malformed multipart part header");
            }
        }
        return headers;
    }

    private static boolean startsWith(byte[] data, int at, String prefix) {
        if (at + prefix.length() > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
