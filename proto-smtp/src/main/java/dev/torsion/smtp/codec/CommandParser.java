package dev.torsion.smtp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns a command line (without CR LF) into an {@link SmtpCommand}. Pure. */
public final class CommandParser {
    private CommandParser() {
    }

    /**
     * Splits {@code line} into verb and argument. Control characters (NUL, a CR left alone) and
     * invalid UTF-8 earn {@code 500 5.5.2}: RFC 5321 §4.1.1 commands are text, and UTF-8 is
     * allowed in them only as SMTPUTF8 (RFC 6531 §3.3) writes it.
     */
    public static SmtpCommand parse(byte[] line) throws SmtpSyntaxException {
        for (byte b : line) {
            if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
                throw new SmtpSyntaxException(500, "5.5.2", "Syntax error, control character in command");
            }
        }
        String text = decodeUtf8(line);
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        if (word.isEmpty()) {
            throw new SmtpSyntaxException(500, "5.5.2", "Syntax error, command unrecognized");
        }
        return new SmtpCommand(Verb.parse(word), word, argument);
    }

    private static String decodeUtf8(byte[] line) throws SmtpSyntaxException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new SmtpSyntaxException(500, "5.5.2", "Syntax error, invalid UTF-8 in command");
        }
    }
}
