package dev.torsion.imap.parse;

/** What {@link ImapCommandDecoder#next()} found in the input. */
public sealed interface DecoderEvent {
    /** A whole command. */
    record CommandReady(ImapCommandLine command) implements DecoderEvent {
    }

    /** A synchronising literal was announced: the server sends {@code + } before the client goes on (RFC 3501 §7.5). */
    record ContinuationNeeded() implements DecoderEvent {
    }

    /** A line the server asked for with {@link ImapCommandDecoder#expectRawLine()}, without CR LF. */
    record RawLine(byte[] line) implements DecoderEvent {
    }

    /** A command refused while it was being read; when {@code refusal.fatal()} the decoder has FAILED. */
    record Refused(ImapParseException refusal) implements DecoderEvent {
    }
}
