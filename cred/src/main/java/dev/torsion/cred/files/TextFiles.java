package dev.torsion.cred.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads an account or key file as UTF-8 lines, within {@link FileLimits}. */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * The lines of {@code file} (without line ends; a final {@code \r} is dropped too). Fails with
     * {@link IOException} when the file cannot be read, is larger than the limit, or is not UTF-8.
     */
    public static List<String> readLines(Path file, FileLimits limits) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit, to tell "exactly at the limit" from "over it".
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
        }
        if (bytes.length > limits.maxFileBytes()) {
            throw new IOException(file + " is larger than the limit of " + limits.maxFileBytes() + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not valid UTF-8", e);
        }
        return text.lines().map(TextFiles::stripCarriageReturn).collect(Collectors.toList());
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Whether {@code line} is blank or a {@code #} comment. */
    public static boolean isBlankOrComment(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#");
    }
}
