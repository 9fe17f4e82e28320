package dev.torsion.dns.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An absolute domain name: a list of labels (RFC 1035 section 3.1). Case is preserved as written
 * and compared case-insensitively (RFC 4343); labels hold at most 63 octets and the whole name at
 * most 255 on the wire (RFC 1035 section 2.3.4).
 */
public final class Name implements Comparable<Name> {
    /** The root name, ".". */
    public static final Name ROOT = new Name(new byte[0][]);
    /** Longest label, RFC 1035 section 2.3.4. */
    public static final int MAX_LABEL = 63;
    /** Longest name in wire form, RFC 1035 section 2.3.4. */
    public static final int MAX_WIRE = 255;

    private final byte[][] labels;
    private int hash;

    private Name(byte[][] labels) {
        this.labels = labels;
    }

    /** A name from its labels, left to right; throws {@link IllegalArgumentException} past the limits. */
    public static Name of(List<byte[]> labels) {
        int wire = 1;
        for (byte[] label : labels) {
            if (label.length == 0 || label.length > MAX_LABEL) {
                throw new IllegalArgumentException("label of " + label.length + " octets (1 to 63 allowed)");
            }
            wire += label.length + 1;
        }
        if (wire > MAX_WIRE) {
            throw new IllegalArgumentException("name of " + wire + " octets (255 allowed)");
        }
        return new Name(labels.toArray(new byte[0][]));
    }

    /** Parses presentation form; a name without a final dot is made absolute under {@code origin} (RFC 1035 section 5.1). */
    public static Name parse(String text, Name origin) {
        if (text.equals("@")) {
            if (origin == null) {
                throw new IllegalArgumentException("@ without an origin");
            }
            return origin;
        }
        if (text.equals(".")) {
            return ROOT;
        }
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        boolean absolute = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i = unescape(text, i, label);
                continue;
            }
            if (c == '.') {
                if (label.size() == 0) {
                    throw new IllegalArgumentException("empty label in " + text);
                }
                out.add(label.toByteArray());
                label.reset();
                if (i == text.length() - 1) {
                    absolute = true;
                }
                i++;
                continue;
            }
            if (c > 0xff) {
                throw new IllegalArgumentException("non-Latin-1 character in name " + text);
            }
            label.write(c);
            i++;
        }
        if (label.size() > 0) {
            out.add(label.toByteArray());
        }
        if (!absolute) {
            if (origin == null) {
                throw new IllegalArgumentException("relative name without an origin: " + text);
            }
            out.addAll(origin.labels());
        }
        return of(out);
    }

    /** Parses an absolute name (a missing final dot is taken as the root's). */
    public static Name parse(String text) {
        return parse(text, ROOT);
    }

    /** RFC 1035 section 5.1: {@code \X} is X, {@code \DDD} the octet DDD; returns the next index. */
    private static int unescape(String text, int i, ByteArrayOutputStream label) {
        if (i + 1 >= text.length()) {
            throw new IllegalArgumentException("dangling backslash in " + text);
        }
        char d = text.charAt(i + 1);
        if (Character.isDigit(d)) {
            String digits = text.substring(i + 1, Math.min(i + 4, text.length()));
            if (digits.length() != 3 || !digits.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad \\DDD escape in " + text);
            }
            int value = Integer.parseInt(digits);
            if (value > 255) {
                throw new IllegalArgumentException("\\DDD escape above 255 in " + text);
            }
            label.write(value);
            return i + 4;
        }
        label.write(d);
        return i + 2;
    }

    /** The labels, left to right (copies). */
    public List<byte[]> labels() {
        List<byte[]> out = new ArrayList<>(labels.length);
        for (byte[] label : labels) {
            out.add(label.clone());
        }
        return out;
    }

    /** How many labels (the root has none). */
    public int labelCount() {
        return labels.length;
    }

    /** Label {@code index} (0 is leftmost), a copy. */
    public byte[] label(int index) {
        return labels[index].clone();
    }

    /** The length of the wire form, uncompressed. */
    public int wireLength() {
        int n = 1;
        for (byte[] label : labels) {
            n += label.length + 1;
        }
        return n;
    }

    /** This name without its leftmost {@code count} labels. */
    public Name parent(int count) {
        return new Name(Arrays.copyOfRange(labels, count, labels.length));
    }

    /** This name with {@code label} put in front. */
    public Name child(byte[] label) {
        List<byte[]> out = new ArrayList<>();
        out.add(label);
        out.addAll(Arrays.asList(labels));
        return of(out);
    }

    /** Whether this name is {@code other} or below it (case-insensitive). */
    public boolean isSubdomainOf(Name other) {
        int offset = labels.length - other.labels.length;
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < other.labels.length; i++) {
            if (!labelEquals(labels[offset + i], other.labels[i])) {
                return false;
            }
        }
        return true;
    }

    /** This name under a new suffix: {@code this} must be below {@code from}; DNAME substitution (RFC 6672 section 2.2). */
    public Name replaceSuffix(Name from, Name to) {
        List<byte[]> out = new ArrayList<>(Arrays.asList(labels).subList(0, labels.length - from.labels.length));
        out.addAll(to.labels());
        return of(out);
    }

    /** Whether the leftmost label is {@code *} (RFC 4592 section 2.1.1). */
    public boolean isWildcard() {
        return labels.length > 0 && labels[0].length == 1 && labels[0][0] == '*';
    }

    /** Lowercased in ASCII (RFC 4034 section 6.2 canonical form). */
    public Name toLowerCase() {
        byte[][] out = new byte[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = lower(out[i][j]);
            }
        }
        return new Name(out);
    }

    /** Uncompressed wire form. */
    public byte[] toWire() {
        byte[] out = new byte[wireLength()];
        int p = 0;
        for (byte[] label : labels) {
            out[p++] = (byte) label.length;
            System.arraycopy(label, 0, out, p, label.length);
            p += label.length;
        }
        return out;
    }

    static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    static boolean labelEquals(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (lower(a[i]) != lower(b[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Name other) || other.labels.length != labels.length) {
            return false;
        }
        for (int i = 0; i < labels.length; i++) {
            if (!labelEquals(labels[i], other.labels[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the names are equal with case compared too. */
    public boolean equalsExactly(Name other) {
        return Arrays.deepEquals(labels, other.labels);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 1;
            for (byte[] label : labels) {
                for (byte b : label) {
                    h = 31 * h + lower(b);
                }
                h = 31 * h + 46;
            }
            hash = h;
        }
        return h;
    }

    /** Canonical DNS order (RFC 4034 section 6.1): label by label from the right, case-insensitive. */
    @Override
    public int compareTo(Name other) {
        int i = labels.length - 1;
        int j = other.labels.length - 1;
        while (i >= 0 && j >= 0) {
            byte[] a = labels[i--];
            byte[] b = other.labels[j--];
            int n = Math.min(a.length, b.length);
            for (int k = 0; k < n; k++) {
                int c = Integer.compare(lower(a[k]) & 0xff, lower(b[k]) & 0xff);
                if (c != 0) {
                    return c;
                }
            }
            if (a.length != b.length) {
                return Integer.compare(a.length, b.length);
            }
        }
        return Integer.compare(labels.length, other.labels.length);
    }

    /** Presentation form, absolute with a final dot, with {@code \.}, {@code \\} and {@code \DDD} escapes (RFC 4343 section 2.1). */
    @Override
    public String toString() {
        if (labels.length == 0) {
            return ".";
        }
        StringBuilder sb = new StringBuilder();
        for (byte[] label : labels) {
            for (byte b : label) {
                int c = b & 0xff;
                if (c == '.' || c == '\\' || c == '"' || c == ';' || c == '(' || c == ')' || c == '@' || c == '$') {
                    sb.append('\\').append((char) c);
                } else if (c <= 0x20 || c >= 0x7f) {
                    sb.append('\\').append(String.format("%03d", c));
                } else {
                    sb.append((char) c);
                }
            }
            sb.append('.');
        }
        return sb.toString();
    }
}
