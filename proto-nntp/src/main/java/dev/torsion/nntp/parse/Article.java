package dev.torsion.nntp.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed article (RFC 5536): its header fields and its bytes, CR LF line ends, not dot-stuffed.
 *
 * @param headers the header fields in order
 * @param bytes the whole article
 * @param headerEnd where the header section ends (before the CR LF of the empty line)
 * @param bodyStart where the body starts (after the empty line), or {@code bytes.length}
 */
public record Article(List<HeaderField> headers, byte[] bytes, int headerEnd, int bodyStart) {
    /** Copies the header list. */
    public Article {
        headers = List.copyOf(headers);
    }

    /** The first value of the field called {@code name}, if any. */
    public Optional<String> header(String name) {
        for (HeaderField field : headers) {
            if (field.is(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** How many fields are called {@code name}. */
    public int count(String name) {
        int n = 0;
        for (HeaderField field : headers) {
            if (field.is(name)) {
                n++;
            }
        }
        return n;
    }

    /** The message-id (RFC 5536 §3.1.3), or the empty string when the article has none. */
    public String messageId() {
        return header("Message-ID").map(String::strip).orElse("");
    }

    /** The groups of the Newsgroups field (RFC 5536 §3.1.4), white space removed. */
    public List<String> newsgroups() {
        List<String> groups = new ArrayList<>();
        for (String name : header("Newsgroups").orElse("").split(",")) {
            String group = name.strip();
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        return groups;
    }

    /** The header section, CR LF after each field, without the empty line. */
    public byte[] head() {
        return Arrays.copyOfRange(bytes, 0, headerEnd);
    }

    /** The body (possibly empty). */
    public byte[] body() {
        return Arrays.copyOfRange(bytes, bodyStart, bytes.length);
    }

    /** How many lines the body has (the {@code :lines} overview metadata, RFC 3977 §8.4.2). */
    public long bodyLines() {
        long lines = 0;
        for (int i = bodyStart; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** This article with {@code fields} put before its own fields (an injecting or relaying agent's additions). */
    public Article withFieldsFirst(List<HeaderField> fields) {
        StringBuilder text = new StringBuilder();
        for (HeaderField field : fields) {
            text.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        byte[] added = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[added.length + bytes.length];
        System.arraycopy(added, 0, joined, 0, added.length);
        System.arraycopy(bytes, 0, joined, added.length, bytes.length);
        List<HeaderField> all = new ArrayList<>(fields);
        all.addAll(headers);
        return new Article(all, joined, headerEnd + added.length, bodyStart + added.length);
    }

    /** This article with the value of its first Path field replaced (RFC 5537 §3.2: a relay prepends its name). */
    public Article withPath(String path) throws ArticleException {
        StringBuilder text = new StringBuilder("Path: ").append(path).append("\r\n");
        // ISO-8859-1 maps every octet to one char and back, so 8-bit headers and bodies pass unchanged.
        String original = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
        for (String line : unfoldedLines(original)) {
            if (!line.regionMatches(true, 0, "Path:", 0, 5)) {
                text.append(line);
            }
        }
        text.append(new String(bytes, headerEnd, bytes.length - headerEnd, StandardCharsets.ISO_8859_1));
        return ArticleParser.parse(text.toString().getBytes(StandardCharsets.ISO_8859_1), Integer.MAX_VALUE);
    }

    /** The header section split into whole fields, each with its folded lines and CR LF. */
    private static List<String> unfoldedLines(String head) {
        List<String> fields = new ArrayList<>();
        for (String line : head.split("(?<=\r\n)")) {
            if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + line);
            } else if (!line.isEmpty()) {
                fields.add(line);
            }
        }
        return fields;
    }
}
