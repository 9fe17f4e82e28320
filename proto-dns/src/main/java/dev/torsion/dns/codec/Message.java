package dev.torsion.dns.codec;

import java.util.List;

/**
 * A DNS message (RFC 1035 section 4.1): header, four sections, and the EDNS pseudo-record
 * (RFC 6891) taken out of the additional section. Immutable.
 *
 * @param id the 16-bit ID
 * @param flags the header's second word without its RCODE bits: QR, opcode, AA, TC, RD, RA, AD, CD
 * @param rcode the whole RCODE: 4 header bits and, with EDNS, 8 more (RFC 6891 section 6.1.3)
 * @param questions the question section
 * @param answers the answer section
 * @param authority the authority section
 * @param additional the additional section, without OPT
 * @param edns the OPT pseudo-record, or null
 */
public record Message(int id, int flags, int rcode, List<Question> questions, List<ResourceRecord> answers,
        List<ResourceRecord> authority, List<ResourceRecord> additional, Edns edns) {
    /** Response (RFC 1035 section 4.1.1). */
    public static final int QR = 0x8000;
    /** Authoritative answer. */
    public static final int AA = 0x0400;
    /** Truncated. */
    public static final int TC = 0x0200;
    /** Recursion desired. */
    public static final int RD = 0x0100;
    /** Recursion available. */
    public static final int RA = 0x0080;
    /** Authentic data (RFC 4035 section 3.2.3). */
    public static final int AD = 0x0020;
    /** Checking disabled (RFC 4035 section 3.2.2). */
    public static final int CD = 0x0010;

    /** Copies the lists. */
    public Message {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    /** A query for one question, with RD set as asked and EDNS when {@code edns} is not null. */
    public static Message query(int id, Question question, boolean recursionDesired, Edns edns) {
        return new Message(id, recursionDesired ? RD : 0, Rcode.NOERROR, List.of(question), List.of(), List.of(),
                List.of(), edns);
    }

    /** Whether {@code flag} (one of the constants) is set. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The opcode. */
    public int opcode() {
        return (flags >> 11) & 0xf;
    }

    /** The first question, or null. */
    public Question question() {
        return questions.isEmpty() ? null : questions.get(0);
    }

    /** A copy with other flags. */
    public Message withFlags(int newFlags) {
        return new Message(id, newFlags, rcode, questions, answers, authority, additional, edns);
    }

    /** A copy with another ID. */
    public Message withId(int newId) {
        return new Message(newId, flags, rcode, questions, answers, authority, additional, edns);
    }

    /** A copy with other record sections. */
    public Message withSections(List<ResourceRecord> newAnswers, List<ResourceRecord> newAuthority,
            List<ResourceRecord> newAdditional) {
        return new Message(id, flags, rcode, questions, newAnswers, newAuthority, newAdditional, edns);
    }
}
