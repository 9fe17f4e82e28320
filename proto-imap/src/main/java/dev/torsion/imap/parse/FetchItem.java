package dev.torsion.imap.parse;

import java.util.List;

/** A fetch-att of RFC 3501 §6.4.5. */
public sealed interface FetchItem {
    /** A data item without arguments. */
    record Simple(Kind kind) implements FetchItem {
    }

    /**
     * BODY[section]&lt;partial&gt; or BODY.PEEK[...] (RFC 3501 §6.4.5); RFC822, RFC822.HEADER and
     * RFC822.TEXT are the same with their own names in the response.
     *
     * @param peek whether \Seen is left alone
     * @param part the part numbers ({@code 1.2}); empty for the whole message
     * @param text what of the part: whole, HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT, MIME
     * @param fields the header field names of HEADER.FIELDS[.NOT], upper case
     * @param origin the first octet of a partial fetch, or -1
     * @param length the octets of a partial fetch
     * @param responseName the name the response carries ({@code BODY[1.TEXT]<0>}, {@code RFC822})
     */
    record Section(boolean peek, List<Integer> part, SectionText text, List<String> fields, long origin, long length,
            String responseName) implements FetchItem {
        /** Copies the lists. */
        public Section {
            part = List.copyOf(part);
            fields = List.copyOf(fields);
        }
    }

    /**
     * BINARY[part]&lt;partial&gt; or BINARY.PEEK[...] (RFC 3516 §4.2, RFC 9051 §6.4.5): the part with its
     * Content-Transfer-Encoding undone.
     *
     * @param peek whether \Seen is left alone
     * @param part the part numbers; empty for the whole message
     * @param origin the first octet of a partial fetch, or -1
     * @param length the octets of a partial fetch
     * @param responseName the name the response carries ({@code BINARY[1]<0>})
     */
    record Binary(boolean peek, List<Integer> part, long origin, long length, String responseName) implements FetchItem {
        /** Copies the list. */
        public Binary {
            part = List.copyOf(part);
        }
    }

    /**
     * BINARY.SIZE[part] (RFC 3516 §4.2): the size of the part once decoded.
     *
     * @param part the part numbers; empty for the whole message
     * @param responseName the name the response carries ({@code BINARY.SIZE[1]})
     */
    record BinarySize(List<Integer> part, String responseName) implements FetchItem {
        /** Copies the list. */
        public BinarySize {
            part = List.copyOf(part);
        }
    }

    /** The data items without arguments. */
    enum Kind {
        /** FLAGS. */
        FLAGS,
        /** INTERNALDATE. */
        INTERNALDATE,
        /** RFC822.SIZE. */
        RFC822_SIZE,
        /** ENVELOPE. */
        ENVELOPE,
        /** BODY (BODYSTRUCTURE without extensions). */
        BODY,
        /** BODYSTRUCTURE. */
        BODYSTRUCTURE,
        /** UID. */
        UID,
        /** MODSEQ (RFC 7162 §3.1.4.1). */
        MODSEQ
    }

    /** The section-text of a BODY[] section. */
    enum SectionText {
        /** The whole part (or message). */
        ALL,
        /** The header, blank line included. */
        HEADER,
        /** Only the named header fields. */
        HEADER_FIELDS,
        /** All but the named header fields. */
        HEADER_FIELDS_NOT,
        /** The body without the header. */
        TEXT,
        /** The MIME header of a part. */
        MIME
    }
}
