package dev.torsion.imap.parse;

import dev.torsion.imap.ImapLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the client's byte stream into commands (RFC 3501 §2.2): lines ended by CR LF, with
 * literals ({@code {n}} synchronising, {@code {n+}} non-synchronising per RFC 7888 LITERAL+) whose
 * octets follow the line that announces them. A pull decoder: {@link #feed} adds bytes, and
 * {@link #next()} gives one event at a time or null when it needs more, so the server reads the
 * next command only when it has answered the one before. Pure: no I/O.
 *
 * <p>Limits ({@link ImapLimits}): line length, literal size, command size, literals per command.
 * Bytes are buffered only up to one line (plus what was fed ahead); literal octets are collected
 * as they arrive up to the literal limit.
 */
public final class ImapCommandDecoder {
    private final ImapLimits limits;
    private byte[] buffer = new byte[1024];
    private int start;
    private int end;
    /** Where the search for the next LF resumes within the buffered line. */
    private int scanned;
    private DecoderState state = DecoderState.LINE;

    private final List<byte[]> lines = new ArrayList<>();
    private final List<byte[]> literals = new ArrayList<>();
    private String tag;
    private long commandBytes;
    private long literalRemaining;
    private ByteArrayOutputStream literal;

    /** A decoder enforcing {@code limits}. */
    public ImapCommandDecoder(ImapLimits limits) {
        this.limits = limits;
    }

    /** The state. */
    public DecoderState state() {
        return state;
    }

    /** Bytes fed and not yet decoded (the server stops reading above its limit). */
    public int buffered() {
        return end - start;
    }

    /** Adds input; after FAILED input is dropped. */
    public void feed(byte[] data) {
        if (state == DecoderState.FAILED || data.length == 0) {
            return;
        }
        if (end + data.length > buffer.length) {
            compact(data.length);
        }
        System.arraycopy(data, 0, buffer, end, data.length);
        end += data.length;
    }

    private void compact(int more) {
        int live = end - start;
        byte[] target = live + more > buffer.length ? new byte[Math.max(buffer.length * 2, live + more)] : buffer;
        System.arraycopy(buffer, start, target, 0, live);
        scanned -= start;
        buffer = target;
        start = 0;
        end = live;
    }

    /** The next line is not a command but an answer to a continuation request (SASL, IDLE's DONE). */
    public void expectRawLine() {
        state = state.rawLineExpected();
    }

    /** Drops what is buffered (RFC 3207-style: nothing sent before STARTTLS counts after it); returns how many bytes. */
    public int discardBuffered() {
        int dropped = end - start;
        start = end;
        scanned = end;
        return dropped;
    }

    /** The next event, or null when more input is needed (or the decoder has FAILED). */
    public DecoderEvent next() {
        while (true) {
            switch (state) {
                case FAILED:
                    return null;
                case LITERAL:
                    if (!readLiteral()) {
                        return null;
                    }
                    break;
                case RAW_LINE: {
                    byte[] line = line();
                    if (line == null) {
                        return tooLongSoFar();
                    }
                    if (line.length + 2 > limits.lineLength()) {
                        return fail(lineTooLong());
                    }
                    state = state.rawLineRead();
                    return new DecoderEvent.RawLine(line);
                }
                case LINE: {
                    byte[] line = line();
                    if (line == null) {
                        return tooLongSoFar();
                    }
                    DecoderEvent event = lineRead(line);
                    if (event != null) {
                        return event;
                    }
                    break;
                }
                default:
                    throw new IllegalStateException(state.name());
            }
        }
    }

    /** A refusal when the partial line is already too long, else null (wait for more). */
    private DecoderEvent tooLongSoFar() {
        return end - start > limits.lineLength() ? fail(lineTooLong()) : null;
    }

    private ImapParseException lineTooLong() {
        return new ImapParseException(null, ReplyKind.BYE, "TOOBIG", "Command line too long");
    }

    /** Takes the next line off the buffer (without CR LF; a bare LF also ends it), or null. */
    private byte[] line() {
        for (int i = Math.max(scanned, start); i < end; i++) {
            if (buffer[i] == '\n') {
                int stop = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                byte[] line = Arrays.copyOfRange(buffer, start, stop);
                start = i + 1;
                scanned = start;
                return line;
            }
        }
        scanned = end;
        return null;
    }

    /** A line of a command: either it announces a literal, or it ends the command. */
    private DecoderEvent lineRead(byte[] line) {
        if (line.length + 2 > limits.lineLength()) {
            return fail(lineTooLong());
        }
        if (lines.isEmpty()) {
            tag = tagOf(line);
        }
        commandBytes += line.length + 2;
        lines.add(line);
        LiteralHeader header = LiteralHeader.at(line);
        if (header == null) {
            ImapCommandLine command = new ImapCommandLine(lines, literals);
            reset();
            return new DecoderEvent.CommandReady(command);
        }
        if (literals.size() >= limits.literalsPerCommand()) {
            return fail(new ImapParseException(tag, ReplyKind.BYE, "LIMIT", "Too many literals in one command"));
        }
        if (header.size() > limits.literalSize() || commandBytes + header.size() > limits.commandSize()) {
            return literalTooBig(header);
        }
        state = state.literalAnnounced();
        literalRemaining = header.size();
        literal = new ByteArrayOutputStream((int) Math.min(header.size(), 65_536));
        // RFC 3501 §7.5: a synchronising literal waits for "+"; RFC 7888 §3: {n+} does not.
        return header.synchronising() ? new DecoderEvent.ContinuationNeeded() : null;
    }

    /**
     * RFC 7888 §4: a synchronising literal too big is refused and the client sends nothing of it;
     * a non-synchronising one is already on the wire, so the session cannot go on.
     */
    private DecoderEvent literalTooBig(LiteralHeader header) {
        if (header.synchronising()) {
            String refusedTag = tag;
            reset();
            state = state.commandDropped();
            return new DecoderEvent.Refused(new ImapParseException(refusedTag, ReplyKind.NO, "TOOBIG", "Literal too big"));
        }
        return fail(new ImapParseException(tag, ReplyKind.BYE, "TOOBIG", "Literal too big"));
    }

    private boolean readLiteral() {
        int take = (int) Math.min(literalRemaining, end - start);
        literal.write(buffer, start, take);
        start += take;
        scanned = start;
        literalRemaining -= take;
        if (literalRemaining > 0) {
            return false;
        }
        commandBytes += literal.size();
        literals.add(literal.toByteArray());
        literal = null;
        state = state.literalRead();
        return true;
    }

    private DecoderEvent fail(ImapParseException refusal) {
        state = state.fail();
        reset();
        start = end;
        return new DecoderEvent.Refused(refusal);
    }

    private void reset() {
        lines.clear();
        literals.clear();
        tag = null;
        commandBytes = 0;
        literal = null;
        literalRemaining = 0;
    }

    /** The tag of a command's first line (RFC 3501 §9 {@code tag}), or null when it has none. */
    static String tagOf(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] != ' ' && Chars.isAstringChar(line[i]) && line[i] != '+') {
            i++;
        }
        if (i == 0 || (i < line.length && line[i] != ' ')) {
            return null;
        }
        return new String(line, 0, i, StandardCharsets.US_ASCII);
    }
}
