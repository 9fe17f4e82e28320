package dev.torsion.imap.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One server response (RFC 3501 §7): its tag ({@code *} untagged, {@code +} a continuation
 * request, or a command's tag) and its data as items: atoms and quoted strings as {@code String},
 * literals as {@code byte[]}, parenthesised lists as {@code List}, NIL as null. For status
 * responses (OK, NO, BAD, PREAUTH, BYE) {@link #status()}, {@link #code()} and {@link #text()}.
 *
 * @param tag the tag
 * @param items the data after the tag
 * @param status the status word in upper case, or null when the response is not a status response
 * @param code the response code without brackets ({@code UIDNEXT 5}), or null
 * @param text the human-readable text of a status response or continuation request, or null
 */
public record ImapResponse(String tag, List<Object> items, String status, String code, String text) {
    /** Copies the items (which may hold null for NIL). */
    public ImapResponse {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    /** Whether this is untagged data. */
    public boolean untagged() {
        return tag.equals("*");
    }

    /** Item {@code i} as text ({@code byte[]} literals decoded as UTF-8), or null. */
    public String text(int i) {
        return asText(i < items.size() ? items.get(i) : null);
    }

    /** Text of an item ({@code byte[]} decoded as UTF-8), null for NIL. */
    public static String asText(Object item) {
        if (item instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return item == null ? null : item.toString();
    }

    /** Octets of an item (strings as UTF-8), null for NIL. */
    public static byte[] asBytes(Object item) {
        if (item instanceof byte[] bytes) {
            return bytes;
        }
        return item == null ? null : item.toString().getBytes(StandardCharsets.UTF_8);
    }
}
