package dev.torsion.dns.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SvcParams of an SVCB or HTTPS record (RFC 9460 section 2.2): keys in strictly increasing
 * order, each with its wire value; presentation form as RFC 9460 sections 2.1 and 7 give it.
 *
 * @param params key to wire value, sorted by key
 */
public record SvcParams(TreeMap<Integer, byte[]> params) {
    private static final String[] KEYS = {"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech", "ipv6hint"};

    /** Reads SvcParams to the end of the RDATA; keys must increase strictly (RFC 9460 section 2.2). */
    public static SvcParams read(WireReader in, int end) throws DnsFormatException {
        TreeMap<Integer, byte[]> params = new TreeMap<>();
        int last = -1;
        while (in.position() < end) {
            int key = in.u16();
            int length = in.u16();
            if (key <= last) {
                throw in.error("SvcParamKeys out of order");
            }
            if (in.position() + length > end) {
                throw in.error("SvcParamValue beyond RDATA");
            }
            params.put(key, in.bytes(length));
            last = key;
        }
        return new SvcParams(params);
    }

    /** Writes the params in key order. */
    public void write(WireWriter out) {
        for (Map.Entry<Integer, byte[]> e : params.entrySet()) {
            out.u16(e.getKey());
            out.u16(e.getValue().length);
            out.bytes(e.getValue());
        }
    }

    private static String keyName(int key) {
        return key < KEYS.length ? KEYS[key] : "key" + key;
    }

    private static int parseKey(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < KEYS.length; i++) {
            if (KEYS[i].equals(lower)) {
                return i;
            }
        }
        if (lower.startsWith("key") && lower.length() > 3 && lower.substring(3).chars().allMatch(Character::isDigit)) {
            int key = Integer.parseInt(lower.substring(3));
            if (key <= 65535) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown SvcParamKey " + name);
    }

    /** Presentation form: {@code key=value} words separated by spaces (RFC 9460 section 2.1). */
    @Override
    public String toString() {
        List<String> words = new ArrayList<>();
        for (Map.Entry<Integer, byte[]> e : params.entrySet()) {
            String value = formatValue(e.getKey(), e.getValue());
            words.add(value == null ? keyName(e.getKey()) : keyName(e.getKey()) + "=" + value);
        }
        return String.join(" ", words);
    }

    private static String formatValue(int key, byte[] v) {
        switch (key) {
            case 0: {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i + 1 < v.length; i += 2) {
                    keys.add(keyName(((v[i] & 0xff) << 8) | (v[i + 1] & 0xff)));
                }
                return String.join(",", keys);
            }
            case 1: {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < v.length; ) {
                    int n = v[i] & 0xff;
                    byte[] id = Arrays.copyOfRange(v, i + 1, Math.min(v.length, i + 1 + n));
                    ids.add(escapeAlpn(id));
                    i += 1 + n;
                }
                return "\"" + String.join(",", ids) + "\"";
            }
            case 2:
                return v.length == 0 ? null : Presentation.quote(v);
            case 3:
                return v.length == 2 ? String.valueOf(((v[0] & 0xff) << 8) | (v[1] & 0xff)) : Presentation.quote(v);
            case 4:
            case 6: {
                int size = key == 4 ? 4 : 16;
                List<String> addresses = new ArrayList<>();
                for (int i = 0; i + size <= v.length; i += size) {
                    addresses.add(Presentation.address(Arrays.copyOfRange(v, i, i + size)));
                }
                return String.join(",", addresses);
            }
            case 5:
                return Presentation.base64(v);
            default:
                return v.length == 0 ? null : Presentation.quote(v);
        }
    }

    private static String escapeAlpn(byte[] id) {
        String quoted = Presentation.quote(id);
        // Inside the quoted list a literal comma in an ID is written \\, (RFC 9460 appendix A.1).
        return quoted.substring(1, quoted.length() - 1).replace(",", "\\\\,");
    }

    /** Parses {@code key=value} tokens (RFC 9460 section 2.1). */
    public static SvcParams parse(List<Token> tokens) {
        TreeMap<Integer, byte[]> params = new TreeMap<>();
        for (Token token : tokens) {
            String text = token.text();
            int eq = text.indexOf('=');
            String keyText = eq < 0 ? text : text.substring(0, eq);
            String valueText = eq < 0 ? null : text.substring(eq + 1);
            if (valueText != null && valueText.length() >= 2 && valueText.startsWith("\"") && valueText.endsWith("\"")) {
                valueText = valueText.substring(1, valueText.length() - 1);
            }
            int key = parseKey(keyText);
            if (params.containsKey(key)) {
                throw new IllegalArgumentException("SvcParamKey " + keyText + " repeated");
            }
            params.put(key, parseValue(key, valueText));
        }
        return new SvcParams(params);
    }

    private static byte[] parseValue(int key, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (key) {
            case 0: {
                List<Integer> keys = new ArrayList<>();
                for (String part : require(text, key).split(",")) {
                    keys.add(parseKey(part));
                }
                Collections.sort(keys);
                for (int k : keys) {
                    out.write(k >> 8);
                    out.write(k);
                }
                return out.toByteArray();
            }
            case 1:
                for (String part : require(text, key).split("(?<!\\\\\\\\),")) {
                    byte[] id = Presentation.unescape(part.replace("\\\\,", ","));
                    if (id.length == 0 || id.length > 255) {
                        throw new IllegalArgumentException("bad alpn id");
                    }
                    out.write(id.length);
                    out.write(id, 0, id.length);
                }
                return out.toByteArray();
            case 2:
                if (text != null && !text.isEmpty()) {
                    throw new IllegalArgumentException("no-default-alpn takes no value");
                }
                return new byte[0];
            case 3: {
                int port = Integer.parseInt(require(text, key));
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port out of range");
                }
                return new byte[] {(byte) (port >> 8), (byte) port};
            }
            case 4:
            case 6:
                for (String part : require(text, key).split(",")) {
                    byte[] address = Presentation.parseAddress(part, key == 4 ? 4 : 16);
                    out.write(address, 0, address.length);
                }
                return out.toByteArray();
            case 5:
                return Presentation.parseBase64(require(text, key));
            default:
                return text == null ? new byte[0] : Presentation.unescape(text);
        }
    }

    private static String require(String text, int key) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(keyName(key) + " needs a value");
        }
        return text;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SvcParams other) || other.params.size() != params.size()) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : params.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.params.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return params.keySet().hashCode();
    }
}
