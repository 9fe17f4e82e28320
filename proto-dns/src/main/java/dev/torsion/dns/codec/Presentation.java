package dev.torsion.dns.codec;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** The text encodings of presentation form: character-strings, hex, Base64, Base32hex, addresses, times. */
public final class Presentation {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String BASE32HEX = "0123456789abcdefghijklmnopqrstuv";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private Presentation() {
    }

    /** A character-string quoted, with {@code \"}, {@code \\} and {@code \DDD} escapes (RFC 1035 section 5.1). */
    public static String quote(byte[] octets) {
        StringBuilder sb = new StringBuilder(octets.length + 2).append('"');
        for (byte b : octets) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append('\\').append(String.format("%03d", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }

    /** Undoes the escapes of a character-string (RFC 1035 section 5.1). */
    public static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("dangling backslash");
                }
                char d = text.charAt(i + 1);
                if (Character.isDigit(d)) {
                    if (i + 4 > text.length() || !text.substring(i + 1, i + 4).chars().allMatch(Character::isDigit)) {
                        throw new IllegalArgumentException("bad \\DDD escape");
                    }
                    int value = Integer.parseInt(text.substring(i + 1, i + 4));
                    if (value > 255) {
                        throw new IllegalArgumentException("\\DDD escape above 255");
                    }
                    out.write(value);
                    i += 4;
                } else {
                    out.write(d);
                    i += 2;
                }
            } else {
                if (c > 0xff) {
                    // Octets beyond Latin-1 are written in UTF-8, as BIND does.
                    byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    out.write(utf8, 0, utf8.length);
                } else {
                    out.write(c);
                }
                i++;
            }
        }
        return out.toByteArray();
    }

    /** Upper-case hex, as BIND prints digests. */
    public static String hex(byte[] octets) {
        return HEX.formatHex(octets);
    }

    /** Parses hex; throws {@link IllegalArgumentException}. */
    public static byte[] parseHex(String text) {
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        return HexFormat.of().parseHex(text);
    }

    /** Base64 with padding. */
    public static String base64(byte[] octets) {
        return Base64.getEncoder().encodeToString(octets);
    }

    /** Parses Base64; throws {@link IllegalArgumentException}. */
    public static byte[] parseBase64(String text) {
        return Base64.getDecoder().decode(text);
    }

    /** Base32 with the extended hex alphabet, lower case, no padding (RFC 4648 section 7, RFC 5155 section 3.3). */
    public static String base32hex(byte[] octets) {
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : octets) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32HEX.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32HEX.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    /** Parses Base32hex, either case, no padding. */
    public static byte[] parseBase32hex(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            int v = BASE32HEX.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not Base32hex: " + c);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("Base32hex with trailing bits");
        }
        return out.toByteArray();
    }

    /** An IPv4 or IPv6 address from its octets; IPv6 in RFC 5952 form (longest zero run as ::, lower case). */
    public static String address(byte[] octets) {
        if (octets.length == 4) {
            return (octets[0] & 0xff) + "." + (octets[1] & 0xff) + "." + (octets[2] & 0xff) + "." + (octets[3] & 0xff);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((octets[2 * i] & 0xff) << 8) | (octets[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(words[i]));
        }
        return sb.toString();
    }

    /** Parses an IPv4 dotted quad ({@code length} 4) or an IPv6 literal ({@code length} 16), never looking a name up. */
    public static byte[] parseAddress(String text, int length) {
        boolean literal = length == 4
                ? text.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                : text.matches("[0-9A-Fa-f:.]+") && text.contains(":");
        if (!literal) {
            throw new IllegalArgumentException("not an IPv" + (length == 4 ? 4 : 6) + " address: " + text);
        }
        try {
            byte[] octets = InetAddress.getByName(text).getAddress();
            if (octets.length != length) {
                throw new IllegalArgumentException("not an IPv" + (length == 4 ? 4 : 6) + " address: " + text);
            }
            return octets;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address " + text, e);
        }
    }

    /** A signature time as YYYYMMDDHHmmSS in UTC (RFC 4034 section 3.2). */
    public static String time(long seconds) {
        return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).format(TIME);
    }

    /** Parses YYYYMMDDHHmmSS, or a plain number of seconds (RFC 4034 section 3.2). */
    public static long parseTime(String text) {
        if (text.length() == 14 && text.chars().allMatch(Character::isDigit)) {
            return LocalDateTime.parse(text, TIME).toEpochSecond(ZoneOffset.UTC);
        }
        long value = Long.parseLong(text);
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("time out of range: " + text);
        }
        return value;
    }
}
