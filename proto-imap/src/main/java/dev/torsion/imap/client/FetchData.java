package dev.torsion.imap.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One message's FETCH response (RFC 3501 §7.4.2): its sequence number and the data items by
 * name in upper case ({@code FLAGS}, {@code UID}, {@code BODY[]}, ...), values as
 * {@link ImapResponse} items.
 *
 * @param seq the message sequence number
 * @param items name to value
 */
public record FetchData(long seq, Map<String, Object> items) {
    /** The FETCH responses among {@code responses}. */
    static List<FetchData> of(List<ImapResponse> responses) {
        List<FetchData> out = new ArrayList<>();
        for (ImapResponse r : responses) {
            if (r.items().size() == 3 && "FETCH".equalsIgnoreCase(r.text(1)) && r.items().get(2) instanceof List<?> list) {
                Map<String, Object> items = new LinkedHashMap<>();
                for (int i = 0; i + 1 < list.size(); i += 2) {
                    items.put(ImapResponse.asText(list.get(i)).toUpperCase(Locale.ROOT), list.get(i + 1));
                }
                out.add(new FetchData(Long.parseLong(r.text(0)), items));
            }
        }
        return out;
    }

    /** The UID item, or -1. */
    public long uid() {
        Object uid = items.get("UID");
        return uid == null ? -1 : Long.parseLong(ImapResponse.asText(uid));
    }

    /** The MODSEQ item (RFC 7162 §3.1.4.1), or -1. */
    public long modSeq() {
        Object modSeq = items.get("MODSEQ");
        return modSeq instanceof List<?> list && list.size() == 1 ? Long.parseLong(ImapResponse.asText(list.get(0))) : -1;
    }

    /** An item's octets (a body section), or null. */
    public byte[] bytes(String name) {
        return ImapResponse.asBytes(items.get(name.toUpperCase(Locale.ROOT)));
    }

    /** The FLAGS item. */
    public List<String> flags() {
        Object flags = items.get("FLAGS");
        return flags instanceof List<?> list ? list.stream().map(ImapResponse::asText).toList() : List.of();
    }
}
