package dev.torsion.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * One part of a message (RFC 2045, RFC 2046), the message itself being the outermost: where its
 * header and body lie in the message's octets, its header fields, its content type with
 * parameters (parsed by Mime4j's {@link RawFieldParser}), and its sub-parts (multipart) or the
 * message it encapsulates (message/rfc822). IMAP's section numbers (RFC 3501 §6.4.5) and
 * BODYSTRUCTURE are read off this tree. Malformed MIME never fails: what cannot be split stays
 * one leaf part, as RFC 2046 §5.1.1 tolerates.
 */
public final class MimePart {
    /** Parts nested deeper than this are treated as leaves (a bomb of nested multiparts is cheap to send). */
    public static final int MAX_DEPTH = 50;

    private final byte[] message;
    private final int start;
    private final int bodyStart;
    private final int end;
    private final List<HeaderField> fields;
    private final String type;
    private final String subtype;
    private final Map<String, String> parameters;
    private final List<MimePart> children = new ArrayList<>();
    private MimePart encapsulated;

    private MimePart(byte[] message, int start, int end, String defaultType, int depth) {
        this.message = message;
        this.start = start;
        this.end = end;
        this.bodyStart = headerEnd(message, start, end);
        this.fields = parseFields(message, start, bodyStart);
        String contentType = field("Content-Type");
        RawBody parsed = contentType == null ? null : RawFieldParser.DEFAULT.parseRawBody(new RawField("Content-Type", contentType));
        String mediaType = parsed == null ? "" : parsed.getValue().toLowerCase(Locale.ROOT);
        int slash = mediaType.indexOf('/');
        if (slash <= 0 || slash == mediaType.length() - 1) {
            // RFC 2045 §5.2: no or an invalid Content-Type means the default (text/plain, or message/rfc822 in a digest).
            mediaType = defaultType;
            slash = mediaType.indexOf('/');
            parsed = contentType == null || defaultType.startsWith("message") ? null : parsed;
        }
        this.type = mediaType.substring(0, slash);
        this.subtype = mediaType.substring(slash + 1);
        this.parameters = new LinkedHashMap<>();
        if (parsed != null) {
            for (NameValuePair pair : parsed.getParams()) {
                parameters.put(pair.getName().toLowerCase(Locale.ROOT), pair.getValue() == null ? "" : pair.getValue());
            }
        } else if (type.equals("text")) {
            parameters.put("charset", "us-ascii");
        }
        if (depth < MAX_DEPTH) {
            split(depth);
        }
    }

    /** Parses a whole message. */
    public static MimePart parse(byte[] message) {
        return new MimePart(message, 0, message.length, "text/plain", 0);
    }

    private void split(int depth) {
        if (type.equals("multipart") && parameters.containsKey("boundary") && !parameters.get("boundary").isEmpty()) {
            String childDefault = subtype.equals("digest") ? "message/rfc822" : "text/plain";
            for (int[] range : BoundarySplitter.split(message, bodyStart, end, parameters.get("boundary"))) {
                children.add(new MimePart(message, range[0], range[1], childDefault, depth + 1));
            }
        } else if (type.equals("message") && subtype.equals("rfc822")) {
            encapsulated = new MimePart(message, bodyStart, end, "text/plain", depth + 1);
        }
    }

    /** Where the header ends and the body begins: after the first empty line (CR LF or LF), or at the end. */
    private static int headerEnd(byte[] m, int from, int to) {
        int i = from;
        while (i < to) {
            if (m[i] == '\n' && i == from) {
                return i + 1;
            }
            if (m[i] == '\r' && i + 1 < to && m[i + 1] == '\n' && i == from) {
                return i + 2;
            }
            int nl = indexOf(m, (byte) '\n', i, to);
            if (nl < 0) {
                return to;
            }
            int next = nl + 1;
            if (next < to && m[next] == '\n') {
                return next + 1;
            }
            if (next + 1 < to && m[next] == '\r' && m[next + 1] == '\n') {
                return next + 2;
            }
            i = next;
        }
        return to;
    }

    static int indexOf(byte[] m, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (m[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static List<HeaderField> parseFields(byte[] m, int from, int to) {
        List<HeaderField> out = new ArrayList<>();
        String text = new String(m, from, to - from, StandardCharsets.ISO_8859_1);
        StringBuilder current = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
                continue;
            }
            if (current != null) {
                add(out, current.toString());
            }
            current = new StringBuilder(line);
        }
        if (current != null) {
            add(out, current.toString());
        }
        return out;
    }

    private static void add(List<HeaderField> out, String field) {
        int colon = field.indexOf(':');
        if (colon > 0) {
            String value = field.substring(colon + 1);
            // Header octets were read as ISO-8859-1; give UTF-8 values (RFC 6532) their characters back.
            byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
            String utf8 = new String(raw, StandardCharsets.UTF_8);
            out.add(new HeaderField(field.substring(0, colon).strip(), (utf8.indexOf('\uFFFD') >= 0 ? value : utf8).strip()));
        }
    }

    /** The first field named {@code name} (any case), or null. */
    public String field(String name) {
        for (HeaderField f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Every header field, in order. */
    public List<HeaderField> fields() {
        return fields;
    }

    /** The media type in lower case ({@code text}). */
    public String type() {
        return type;
    }

    /** The subtype in lower case ({@code plain}). */
    public String subtype() {
        return subtype;
    }

    /** Content-Type parameters, names in lower case, in order. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The sub-parts of a multipart (empty otherwise). */
    public List<MimePart> children() {
        return children;
    }

    /** The message inside a message/rfc822 part, or null. */
    public MimePart encapsulated() {
        return encapsulated;
    }

    /** The header octets, the empty line included. */
    public byte[] header() {
        return copy(start, bodyStart);
    }

    /** The body octets. */
    public byte[] body() {
        return copy(bodyStart, end);
    }

    /** Header and body. */
    public byte[] whole() {
        return copy(start, end);
    }

    /** The body's size in octets. */
    public int bodySize() {
        return end - bodyStart;
    }

    /** Lines of the body (RFC 3501 §7.4.2: size in text lines). */
    public int bodyLines() {
        int lines = 0;
        for (int i = bodyStart; i < end; i++) {
            if (message[i] == '\n') {
                lines++;
            }
        }
        if (end > bodyStart && message[end - 1] != '\n') {
            lines++;
        }
        return lines;
    }

    private byte[] copy(int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(message, from, out, 0, out.length);
        return out;
    }

    /**
     * The part a section's part numbers name (RFC 3501 §6.4.5): {@code 1.2} is the second part of
     * the first; in a message/rfc822 part the numbers go on inside the encapsulated message; a
     * non-multipart message has part 1, itself. Null when there is no such part.
     */
    public MimePart part(List<Integer> numbers) {
        MimePart current = this;
        for (int i = 0; i < numbers.size(); i++) {
            int n = numbers.get(i);
            MimePart container = i > 0 && current.encapsulated != null ? current.encapsulated : current;
            if (!container.children.isEmpty()) {
                if (n > container.children.size()) {
                    return null;
                }
                current = container.children.get(n - 1);
            } else if (n == 1) {
                // A part that is not multipart has one part: its body (RFC 3501 §6.4.5).
                current = container;
            } else {
                return null;
            }
        }
        return current;
    }
}
