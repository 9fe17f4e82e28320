package dev.torsion.dns.codec;

import dev.torsion.dns.DnsLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages to octets and back (RFC 1035 section 4.1). Pure: no I/O. Decoding checks every count
 * against the octets there are before reading, so a header that claims 65535 records costs
 * nothing; encoding compresses names and fits a reply into a size limit, setting TC when the
 * answer does not fit (RFC 2181 section 9).
 */
public final class MessageCodec {
    /** The header's length (RFC 1035 section 4.1.1). */
    public static final int HEADER_LENGTH = 12;
    private static final int MIN_QUESTION = 5;
    private static final int MIN_RECORD = 11;

    private MessageCodec() {
    }

    // ------------------------------------------------------------------ decoding

    /** Decodes one message; throws {@link DnsFormatException} with the header when it was readable. */
    public static Message decode(byte[] data, DnsLimits limits) throws DnsFormatException {
        if (data.length < HEADER_LENGTH) {
            throw new DnsFormatException("message of " + data.length + " octets, shorter than a header",
                    DnsFormatException.NO_HEADER, DnsFormatException.NO_HEADER);
        }
        int id = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
        int word = ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        WireReader in = new WireReader(data, id, word);
        in.seek(4);
        int qd = in.u16();
        int an = in.u16();
        int ns = in.u16();
        int ar = in.u16();
        // Counts that lie: each question needs 5 octets and each record 11 at least.
        long least = (long) qd * MIN_QUESTION + (long) (an + ns + ar) * MIN_RECORD;
        if (least > in.remaining()) {
            throw in.error("counts " + qd + "/" + an + "/" + ns + "/" + ar + " need at least " + least
                    + " octets, the message has " + in.remaining());
        }
        if (qd > limits.maxQuestions()) {
            throw in.error(qd + " questions (at most " + limits.maxQuestions() + ")");
        }
        List<Question> questions = new ArrayList<>(qd);
        for (int i = 0; i < qd; i++) {
            questions.add(new Question(in.name(), in.u16(), in.u16()));
        }
        List<ResourceRecord> answers = readRecords(in, an, false, null);
        List<ResourceRecord> authority = readRecords(in, ns, false, null);
        OptSeen opt = new OptSeen();
        List<ResourceRecord> additional = readRecords(in, ar, true, opt);
        if (in.remaining() > 0) {
            throw in.error(in.remaining() + " octets after the last record");
        }
        int rcode = word & 0xf;
        if (opt.edns != null) {
            rcode |= opt.extendedRcode << 4;
        }
        return new Message(id, word & 0xfff0, rcode, questions, answers, authority, additional, opt.edns);
    }

    /** The OPT record met while decoding one message. */
    private static final class OptSeen {
        private Edns edns;
        private int extendedRcode;
    }

    private static List<ResourceRecord> readRecords(WireReader in, int count, boolean additional, OptSeen opt)
            throws DnsFormatException {
        List<ResourceRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Name name = in.name();
            int type = in.u16();
            int rrClass = in.u16();
            long ttl = in.u32();
            int length = in.u16();
            if (type == RRType.OPT) {
                readOpt(in, additional, opt, name, rrClass, ttl, length);
                continue;
            }
            RData data = RData.read(type, in, length);
            // RFC 2181 section 8: a TTL with the top bit set is taken as zero.
            out.add(new ResourceRecord(name, rrClass, ttl > Integer.MAX_VALUE ? 0 : ttl, data));
        }
        return out;
    }

    /** RFC 6891 section 6.1.1: one OPT, in the additional section, owned by the root. */
    private static void readOpt(WireReader in, boolean additional, OptSeen opt, Name name, int payload, long ttl,
            int length) throws DnsFormatException {
        if (!additional || opt == null || opt.edns != null || !name.equals(Name.ROOT)) {
            throw in.error("OPT record out of place (RFC 6891 section 6.1.1)");
        }
        int end = in.position() + length;
        if (length > in.remaining()) {
            throw in.error("OPT RDLENGTH beyond the message");
        }
        List<Edns.Option> options = new ArrayList<>();
        while (in.position() < end) {
            int code = in.u16();
            int size = in.u16();
            if (in.position() + size > end) {
                throw in.error("EDNS option beyond the OPT RDATA");
            }
            options.add(new Edns.Option(code, in.bytes(size)));
        }
        opt.extendedRcode = (int) (ttl >>> 24) & 0xff;
        opt.edns = new Edns(payload, (int) (ttl >>> 16) & 0xff, (ttl & 0x8000) != 0, options);
    }

    // ------------------------------------------------------------------ encoding

    /** Encodes a message whole, however long. */
    public static byte[] encode(Message message) {
        return encode(message, 65535);
    }

    /**
     * Encodes a message into at most {@code maxSize} octets: additional records that do not fit are
     * left out; when answer or authority records do not fit, they are all left out and TC is set
     * (RFC 2181 section 9, RFC 1035 section 4.2.1). The OPT record always stays (RFC 6891 section 7).
     */
    public static byte[] encode(Message message, int maxSize) {
        WireWriter out = new WireWriter(512);
        int optSize = optSize(message.edns());
        int limit = maxSize - optSize;
        writeHeader(out, message);
        for (Question q : message.questions()) {
            out.name(q.name(), true);
            out.u16(q.type());
            out.u16(q.qclass());
        }
        int afterQuestions = out.position();
        boolean fits = writeAll(out, message.answers(), limit) && writeAll(out, message.authority(), limit);
        if (!fits) {
            out.truncate(afterQuestions);
            writeOpt(out, message);
            byte[] bytes = out.toByteArray();
            patchHeader(bytes, message.flags() | Message.TC, message.rcode(), 0, 0, message.edns() != null ? 1 : 0);
            return bytes;
        }
        int additional = 0;
        for (ResourceRecord record : message.additional()) {
            int before = out.position();
            writeRecord(out, record);
            if (out.position() > limit) {
                out.truncate(before);
                break;
            }
            additional++;
        }
        writeOpt(out, message);
        byte[] bytes = out.toByteArray();
        patchHeader(bytes, message.flags(), message.rcode(), message.answers().size(), message.authority().size(),
                additional + (message.edns() != null ? 1 : 0));
        return bytes;
    }

    private static boolean writeAll(WireWriter out, List<ResourceRecord> records, int limit) {
        for (ResourceRecord record : records) {
            writeRecord(out, record);
            if (out.position() > limit) {
                return false;
            }
        }
        return true;
    }

    /** The header with zero record counts: {@link #patchHeader} writes the counts once the records that fit are known. */
    private static void writeHeader(WireWriter out, Message message) {
        out.u16(message.id());
        out.u16((message.flags() & 0xfff0) | (message.rcode() & 0xf));
        out.u16(message.questions().size());
        out.u16(0);
        out.u16(0);
        out.u16(0);
    }

    private static void patchHeader(byte[] bytes, int flags, int rcode, int an, int ns, int ar) {
        int word = (flags & 0xfff0) | (rcode & 0xf);
        bytes[2] = (byte) (word >> 8);
        bytes[3] = (byte) word;
        bytes[6] = (byte) (an >> 8);
        bytes[7] = (byte) an;
        bytes[8] = (byte) (ns >> 8);
        bytes[9] = (byte) ns;
        bytes[10] = (byte) (ar >> 8);
        bytes[11] = (byte) ar;
    }

    /** Writes one record, RDLENGTH filled in after the RDATA. */
    public static void writeRecord(WireWriter out, ResourceRecord record) {
        out.name(record.name(), true);
        out.u16(record.type());
        out.u16(record.rrClass());
        out.u32(record.ttl());
        int lengthAt = out.position();
        out.u16(0);
        record.data().write(out);
        out.u16At(lengthAt, out.position() - lengthAt - 2);
    }

    private static int optSize(Edns edns) {
        if (edns == null) {
            return 0;
        }
        int size = MIN_RECORD;
        for (Edns.Option option : edns.options()) {
            size += 4 + option.data().length;
        }
        return size;
    }

    private static void writeOpt(WireWriter out, Message message) {
        Edns edns = message.edns();
        if (edns == null) {
            return;
        }
        out.u8(0);
        out.u16(RRType.OPT);
        out.u16(edns.udpPayloadSize());
        long ttl = ((long) ((message.rcode() >> 4) & 0xff) << 24) | ((long) (edns.version() & 0xff) << 16)
                | (edns.dnssecOk() ? 0x8000 : 0);
        out.u32(ttl);
        int lengthAt = out.position();
        out.u16(0);
        for (Edns.Option option : edns.options()) {
            out.u16(option.code());
            out.u16(option.data().length);
            out.bytes(option.data());
        }
        out.u16At(lengthAt, out.position() - lengthAt - 2);
    }
}
