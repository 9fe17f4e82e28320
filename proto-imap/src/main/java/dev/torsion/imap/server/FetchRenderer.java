package dev.torsion.imap.server;

import dev.torsion.imap.mime.MimePart;
import dev.torsion.imap.mime.TransferDecoding;
import dev.torsion.imap.parse.FetchItem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes one message's FETCH response (RFC 3501 §7.4.2) for the requested items. */
final class FetchRenderer {
    private static final DateTimeFormatter INTERNAL_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private FetchRenderer() {
    }

    /** Whether any item needs the message's octets. */
    static boolean needsContent(List<FetchItem> items) {
        for (FetchItem item : items) {
            if (item instanceof FetchItem.Section || item instanceof FetchItem.Binary || item instanceof FetchItem.BinarySize) {
                return true;
            }
            if (item instanceof FetchItem.Simple simple && (simple.kind() == FetchItem.Kind.ENVELOPE
                    || simple.kind() == FetchItem.Kind.BODY || simple.kind() == FetchItem.Kind.BODYSTRUCTURE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code * seq FETCH (...)}: the items in the order asked, FLAGS added when a fetch set
     * \Seen (RFC 3501 §6.4.5), with MODSEQ too once CONDSTORE is enabled (RFC 7162 §3.1.4), and
     * UID for UID FETCH.
     */
    static byte[] render(int seq, MessageInfo info, Set<String> flags, List<FetchItem> items, MimePart message, boolean addFlags,
            boolean condStore) {
        ResponseBuilder out = new ResponseBuilder().raw("* " + seq + " FETCH (");
        boolean first = true;
        boolean flagsWritten = false;
        boolean modSeqWritten = false;
        for (FetchItem item : items) {
            if (!first) {
                out.sp();
            }
            first = false;
            if (item instanceof FetchItem.Simple simple) {
                flagsWritten |= simple.kind() == FetchItem.Kind.FLAGS;
                modSeqWritten |= simple.kind() == FetchItem.Kind.MODSEQ;
                simple(simple.kind(), info, flags, message, out);
            } else if (item instanceof FetchItem.Binary binary) {
                byte[] decoded = decoded(binary.part(), message);
                out.raw(binary.responseName()).sp().binaryLiteral(window(decoded, binary.origin(), binary.length()));
            } else if (item instanceof FetchItem.BinarySize size) {
                out.raw(size.responseName()).sp().raw(decoded(size.part(), message).length);
            } else {
                FetchItem.Section section = (FetchItem.Section) item;
                out.raw(section.responseName()).sp().literal(partial(section, extract(section, message)));
            }
        }
        if (addFlags && !flagsWritten) {
            out.sp().raw("FLAGS ").raw(Flags.list(flags));
        }
        if (addFlags && condStore && !modSeqWritten) {
            out.sp().raw("MODSEQ (" + info.modSeq() + ")");
        }
        return out.raw(")").crlf().bytes();
    }

    private static void simple(FetchItem.Kind kind, MessageInfo info, Set<String> flags, MimePart message, ResponseBuilder out) {
        switch (kind) {
            case FLAGS -> out.raw("FLAGS ").raw(Flags.list(flags));
            case UID -> out.raw("UID ").raw(info.uid());
            case MODSEQ -> out.raw("MODSEQ (").raw(info.modSeq()).raw(")");
            case RFC822_SIZE -> out.raw("RFC822.SIZE ").raw(info.size());
            case INTERNALDATE -> out.raw("INTERNALDATE ").string(INTERNAL_DATE.format(info.internalDate().atZone(ZoneOffset.UTC)));
            case ENVELOPE -> {
                out.raw("ENVELOPE ");
                StructureWriter.envelope(message, out);
            }
            case BODY -> {
                out.raw("BODY ");
                StructureWriter.structure(message, false, out);
            }
            case BODYSTRUCTURE -> {
                out.raw("BODYSTRUCTURE ");
                StructureWriter.structure(message, true, out);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** The octets a section names (RFC 3501 §6.4.5); empty when the part does not exist. */
    static byte[] extract(FetchItem.Section section, MimePart message) {
        MimePart part = section.part().isEmpty() ? message : message.part(section.part());
        if (part == null) {
            return new byte[0];
        }
        MimePart target = part;
        if (!section.part().isEmpty() && section.text() != FetchItem.SectionText.ALL && section.text() != FetchItem.SectionText.MIME) {
            // HEADER, TEXT and HEADER.FIELDS of a part apply to the message a message/rfc822 part holds.
            target = part.encapsulated();
            if (target == null) {
                return new byte[0];
            }
        }
        return switch (section.text()) {
            case ALL -> section.part().isEmpty() ? message.whole() : part.body();
            case MIME, HEADER -> target.header();
            case TEXT -> target.body();
            case HEADER_FIELDS -> fields(target, section.fields(), true);
            case HEADER_FIELDS_NOT -> fields(target, section.fields(), false);
        };
    }

    /**
     * A part's body with its Content-Transfer-Encoding undone (RFC 9051 §6.4.5 BINARY); the whole
     * message as stored for an empty part list, a part that does not exist is empty. An encoding
     * this server does not know fails the FETCH with {@code NO [UNKNOWN-CTE]} (RFC 3516 §4.3).
     */
    static byte[] decoded(List<Integer> numbers, MimePart message) {
        if (numbers.isEmpty()) {
            return message.whole();
        }
        MimePart part = message.part(numbers);
        if (part == null) {
            return new byte[0];
        }
        byte[] decoded = TransferDecoding.decode(part);
        if (decoded == null) {
            throw new MailboxException("UNKNOWN-CTE", "Unknown Content-Transfer-Encoding: " + part.field("Content-Transfer-Encoding"));
        }
        return decoded;
    }

    /** The named fields (or all others) as written, and the empty line. */
    private static byte[] fields(MimePart part, List<String> names, boolean wanted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = new String(part.header(), StandardCharsets.ISO_8859_1);
        StringBuilder field = null;
        for (String line : header.split("(?<=\n)")) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                if (field != null) {
                    field.append(line);
                }
                continue;
            }
            emit(out, field, names, wanted);
            field = line.isBlank() ? null : new StringBuilder(line);
        }
        emit(out, field, names, wanted);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void emit(ByteArrayOutputStream out, StringBuilder field, List<String> names, boolean wanted) {
        if (field == null) {
            return;
        }
        int colon = field.indexOf(":");
        if (colon <= 0) {
            return;
        }
        String name = field.substring(0, colon).strip().toUpperCase(Locale.ROOT);
        if (names.contains(name) == wanted) {
            String text = field.toString();
            if (!text.endsWith("\n")) {
                text += "\r\n";
            }
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** A partial fetch's window: {@code <origin.length>} (RFC 3501 §6.4.5). */
    private static byte[] partial(FetchItem.Section section, byte[] octets) {
        return window(octets, section.origin(), section.length());
    }

    private static byte[] window(byte[] octets, long origin, long length) {
        if (origin < 0) {
            return octets;
        }
        if (origin >= octets.length) {
            return new byte[0];
        }
        int from = (int) origin;
        int to = (int) Math.min(octets.length, origin + length);
        return Arrays.copyOfRange(octets, from, to);
    }
}
