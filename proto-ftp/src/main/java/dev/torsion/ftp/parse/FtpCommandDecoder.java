package dev.torsion.ftp.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes the control connection's bytes into commands: a push decoder with no I/O, fed bytes as
 * they arrive, cut anywhere.
 *
 * <p>Decisions, by RFC:
 * <ul>
 * <li>RFC 959 §4.1.3 and RFC 854: the control connection speaks Telnet. {@code IAC IAC} is a data
 *     byte 0xFF; {@code IAC} with WILL, WONT, DO or DONT and its option byte is dropped (the server
 *     negotiates no option, as RFC 1123 §4.1.2.12 permits); a subnegotiation {@code IAC SB ... IAC SE}
 *     is dropped; any other Telnet command ({@code IAC IP}, {@code IAC DM}, ...) is dropped, so the
 *     {@code IAC IP IAC DM ABOR} of an abort decodes as {@code ABOR}. An {@code IAC} followed by a
 *     byte that is no Telnet command (the Synch's DM was taken out of band) drops the {@code IAC}
 *     alone. A CR right after {@code ABOR} ends that line at once (see {@link State#CR_ENDED}).</li>
 * <li>RFC 959 §5.3 and RFC 854: a line ends with CR LF; a bare LF ends it too (RFC 1123 §4.1.2.11
 *     asks for tolerance, and clients that send LF alone exist). CR NUL is how RFC 2640 §3.1 sends
 *     a CR inside a pathname, and a CR followed by anything else is malformed: either way the line
 *     earns {@code 501} (a CR in a name is refused: it would forge lines in listings and replies).
 *     A NUL in a line earns {@code 501} too.</li>
 * <li>RFC 959 §5.3.1: the verb is 1 to 4 ASCII letters, case-insensitive, followed by one space
 *     and the argument, or by nothing; anything else earns {@code 500}.</li>
 * <li>RFC 2640 §2.2: arguments are UTF-8; invalid UTF-8 earns {@code 501}.</li>
 * <li>A line longer than the limit earns {@code 421} and the decoder fails (terminal): the
 *     connection closes, having buffered no more than the limit.</li>
 * </ul>
 */
public final class FtpCommandDecoder {
    private static final int IAC = 255;
    private static final int SB = 250;
    private static final int SE = 240;
    private static final int WILL = 251;
    private static final int DONT = 254;
    private static final int FIRST_COMMAND = 241;

    /** Where the decoder stands in the byte stream. */
    public enum State {
        /** In a line's text. */
        TEXT,
        /** After a CR: LF ends the line, anything else spoils it. */
        CR,
        /** After the CR that ended an ABOR line at once: a following LF or NUL is swallowed. */
        CR_ENDED,
        /** After an IAC. */
        IAC,
        /** After IAC WILL/WONT/DO/DONT: the option byte comes. */
        OPTION,
        /** In a subnegotiation, until IAC SE. */
        SUBNEGOTIATION,
        /** In a subnegotiation, after an IAC. */
        SUBNEGOTIATION_IAC,
        /** A line was too long: nothing more is decoded (terminal). */
        FAILED
    }

    private final int maxLineLength;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.TEXT;
    private String spoiled;

    /** A decoder that refuses lines longer than {@code maxLineLength} bytes (CR LF not counted). */
    public FtpCommandDecoder(int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive");
        }
        this.maxLineLength = maxLineLength;
    }

    /** The decoder's state. */
    public State state() {
        return state;
    }

    /** Whether a partial line is buffered. */
    public boolean hasPartialLine() {
        return line.size() > 0 || state != State.TEXT && state != State.FAILED;
    }

    /**
     * Forgets the partial line, for AUTH TLS: nothing sent in the clear after it may count as a
     * command under TLS (RFC 4217 §4, as RFC 2595 §4 for STARTTLS). Returns the bytes dropped.
     */
    public int reset() {
        int dropped = line.size();
        line.reset();
        spoiled = null;
        if (state != State.FAILED) {
            state = State.TEXT;
        }
        return dropped;
    }

    /** Decodes {@code data}; returns the lines it completed, in order (empty lines are skipped). */
    public List<FtpInput> feed(byte[] data) {
        List<FtpInput> out = new ArrayList<>();
        for (int i = 0; i < data.length && state != State.FAILED; i++) {
            FtpInput input = take(data[i] & 0xff);
            if (input != null) {
                out.add(input);
            }
        }
        return out;
    }

    private FtpInput take(int b) {
        switch (state) {
            case CR -> {
                if (b == '\n') {
                    return endLine();
                }
                // RFC 854: CR NUL is a bare CR; CR anything else is malformed. Neither is allowed here.
                spoil("501 CR not allowed in a command line");
                state = State.TEXT;
                return b == 0 ? null : text(b);
            }
            case CR_ENDED -> {
                state = State.TEXT;
                return b == '\n' || b == 0 ? null : text(b);
            }
            case IAC -> {
                return afterIac(b);
            }
            case OPTION -> {
                state = State.TEXT;
                return null;
            }
            case SUBNEGOTIATION -> {
                if (b == IAC) {
                    state = State.SUBNEGOTIATION_IAC;
                }
                return null;
            }
            case SUBNEGOTIATION_IAC -> {
                state = b == SE ? State.TEXT : State.SUBNEGOTIATION;
                return null;
            }
            default -> {
                return text(b);
            }
        }
    }

    private FtpInput afterIac(int b) {
        state = State.TEXT;
        if (b == IAC) {
            return append(IAC);
        }
        if (b >= WILL && b <= DONT) {
            state = State.OPTION;
            return null;
        }
        if (b == SB) {
            state = State.SUBNEGOTIATION;
            return null;
        }
        if (b >= FIRST_COMMAND) {
            return null;
        }
        // Not a Telnet command: the IAC began a Synch whose DM went out of band. Drop the IAC only.
        return text(b);
    }

    private FtpInput text(int b) {
        switch (b) {
            case IAC -> {
                state = State.IAC;
                return null;
            }
            case '\r' -> {
                if (spoiled == null && isAbor()) {
                    // RFC 959 §4.1.3: ABOR comes with the Telnet Synch as TCP urgent data, and a client
                    // that sends the whole line urgent (Python's ftplib) loses its last byte, the LF,
                    // to the kernel's out-of-band slot. The CR ends an ABOR line: waiting for the LF
                    // would wait for ever while the client waits for the reply.
                    FtpInput abort = endLine();
                    state = State.CR_ENDED;
                    return abort;
                }
                state = State.CR;
                return null;
            }
            case '\n' -> {
                return endLine();
            }
            case 0 -> {
                spoil("501 NUL not allowed in a command line");
                return null;
            }
            default -> {
                return append(b);
            }
        }
    }

    private boolean isAbor() {
        if (line.size() != 4) {
            return false;
        }
        byte[] bytes = line.toByteArray();
        return (bytes[0] | 0x20) == 'a' && (bytes[1] | 0x20) == 'b' && (bytes[2] | 0x20) == 'o' && (bytes[3] | 0x20) == 'r';
    }

    private FtpInput append(int b) {
        if (line.size() >= maxLineLength) {
            state = State.FAILED;
            line.reset();
            return new FtpBadLine(FtpReply.of(421, "Command line too long"), true);
        }
        line.write(b);
        return null;
    }

    private void spoil(String reply) {
        if (spoiled == null) {
            spoiled = reply;
        }
    }

    private FtpInput endLine() {
        state = State.TEXT;
        byte[] bytes = line.toByteArray();
        line.reset();
        String problem = spoiled;
        spoiled = null;
        if (problem != null) {
            return new FtpBadLine(FtpReply.of(Integer.parseInt(problem.substring(0, 3)), problem.substring(4)), false);
        }
        if (bytes.length == 0) {
            return null;
        }
        return parse(bytes);
    }

    /** Parses one line without its end (RFC 959 §5.3): a command, or the reply the line earns. */
    public static FtpInput parse(byte[] bytes) {
        int verbEnd = 0;
        while (verbEnd < bytes.length && bytes[verbEnd] != ' ') {
            verbEnd++;
        }
        if (verbEnd == 0 || verbEnd > 4 || !letters(bytes, verbEnd)) {
            return new FtpBadLine(FtpReply.of(500, "Syntax error, command unrecognized"), false);
        }
        String verb = new String(bytes, 0, verbEnd, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        if (verbEnd == bytes.length) {
            return new FtpCommand(verb, "");
        }
        String argument;
        try {
            argument = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, verbEnd + 1, bytes.length - verbEnd - 1))
                    .toString();
        } catch (CharacterCodingException e) {
            return new FtpBadLine(FtpReply.of(501, "Invalid UTF-8 in argument"), false);
        }
        return new FtpCommand(verb, argument);
    }

    private static boolean letters(byte[] bytes, int end) {
        for (int i = 0; i < end; i++) {
            int c = bytes[i] | 0x20;
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
