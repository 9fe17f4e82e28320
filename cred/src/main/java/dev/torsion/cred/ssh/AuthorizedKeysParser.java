package dev.torsion.cred.ssh;

import dev.torsion.cred.LogSafe;
import dev.torsion.cred.files.FileLimits;
import dev.torsion.cred.files.LineProblem;
import dev.torsion.cred.files.TextFiles;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parses {@code authorized_keys} files as sshd(8) describes them: optional comma-separated options
 * ({@code no-pty}, {@code command="..."} with {@code \"} for a quote inside), the key type, the
 * base64 key blob and a comment. Lines that cannot be used (unknown options, unsupported or
 * malformed keys, certificates) are reported with their line number and skipped, as sshd does.
 */
public final class AuthorizedKeysParser {
    /** Key types sshd knows but Torsion does not accept; named so the problem says so clearly. */
    private static final Set<String> UNSUPPORTED_TYPES = Set.of("ssh-dss", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");
    /** Options that may appear once per line. */
    private static final Set<String> SINGLE_OPTIONS = Set.of("command", "from");
    private static final DateTimeFormatter[] EXPIRY_FORMATS = {
        DateTimeFormatter.ofPattern("uuuuMMddHHmmss"), DateTimeFormatter.ofPattern("uuuuMMddHHmm")};

    private final int minRsaBits;
    private final FileLimits limits;
    private final ZoneId zone;

    /** A parser with default limits, the default RSA minimum and the system time zone for expiry times. */
    public AuthorizedKeysParser() {
        this(SshPublicKeys.DEFAULT_MIN_RSA_BITS, FileLimits.DEFAULT, ZoneId.systemDefault());
    }

    /**
     * A parser refusing RSA keys below {@code minRsaBits}, within {@code limits}, reading
     * {@code expiry-time} values without a {@code Z} in {@code zone} (sshd uses local time).
     */
    public AuthorizedKeysParser(int minRsaBits, FileLimits limits, ZoneId zone) {
        this.minRsaBits = minRsaBits;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The limits this parser reads files within. */
    public FileLimits limits() {
        return limits;
    }

    /** Parses the lines of one file. */
    public AuthorizedKeys parse(List<String> lines) {
        List<AuthorizedKey> keys = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (TextFiles.isBlankOrComment(line)) {
                continue;
            }
            try {
                if (line.length() > limits.maxLineLength()) {
                    throw new LineException("longer than " + limits.maxLineLength() + " characters");
                }
                if (keys.size() >= limits.maxEntries()) {
                    throw new LineException("more than " + limits.maxEntries() + " keys");
                }
                keys.add(parseLine(line.strip(), i + 1));
            } catch (LineException e) {
                problems.add(new LineProblem(i + 1, e.getMessage()));
            }
        }
        return new AuthorizedKeys(keys, problems);
    }

    /** A reason a line is unusable. */
    private static final class LineException extends Exception {
        LineException(String message) {
            super(message, null, false, false);
        }
    }

    private AuthorizedKey parseLine(String line, int number) throws LineException {
        List<AuthorizedKeyOptions.Option> options = new ArrayList<>();
        String rest = line;
        if (!looksLikeKeyType(firstToken(line))) {
            int end = parseOptions(line, options);
            rest = line.substring(end).strip();
        }
        String[] parts = rest.split("\\s+", 3);
        if (parts.length < 2 || parts[0].isEmpty()) {
            throw new LineException("missing key type or key");
        }
        String typeName = parts[0];
        if (UNSUPPORTED_TYPES.contains(typeName) || typeName.contains("-cert-v01@openssh.com")) {
            throw new LineException("unsupported key type " + LogSafe.text(typeName));
        }
        SshKeyType type = SshKeyType.of(typeName)
                .orElseThrow(() -> new LineException("unknown key type " + LogSafe.text(typeName)));
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new LineException("key is not valid base64");
        }
        SshKey key;
        try {
            key = SshPublicKeys.decode(blob, minRsaBits);
        } catch (SshFormatException e) {
            throw new LineException("bad " + type.sshName() + " key: " + e.getMessage());
        }
        if (key.type() != type) {
            throw new LineException("line says " + type.sshName() + " but the key is " + key.type().sshName());
        }
        AuthorizedKeyOptions parsedOptions = validate(options);
        return new AuthorizedKey(parsedOptions, key, parts.length > 2 ? parts[2] : "", number);
    }

    private static String firstToken(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(0, end);
    }

    private static boolean looksLikeKeyType(String token) {
        return SshKeyType.of(token).isPresent() || UNSUPPORTED_TYPES.contains(token)
                || token.endsWith("@openssh.com");
    }

    /** Parses options at the start of {@code line} into {@code options}; gives where they end. */
    private static int parseOptions(String line, List<AuthorizedKeyOptions.Option> options) throws LineException {
        int position = 0;
        while (true) {
            int nameStart = position;
            while (position < line.length() && isNameChar(line.charAt(position))) {
                position++;
            }
            if (position == nameStart) {
                throw new LineException("malformed options at column " + (position + 1));
            }
            String name = line.substring(nameStart, position);
            String value = null;
            if (position < line.length() && line.charAt(position) == '=') {
                position++;
                if (position >= line.length() || line.charAt(position) != '"') {
                    throw new LineException("option " + LogSafe.text(name) + ": value must be in double quotes");
                }
                StringBuilder unquoted = new StringBuilder();
                position++;
                while (true) {
                    if (position >= line.length()) {
                        throw new LineException("option " + LogSafe.text(name) + ": missing closing quote");
                    }
                    char c = line.charAt(position);
                    if (c == '"') {
                        position++;
                        break;
                    }
                    if (c == '\\' && position + 1 < line.length() && line.charAt(position + 1) == '"') {
                        unquoted.append('"');
                        position += 2;
                    } else {
                        unquoted.append(c);
                        position++;
                    }
                }
                value = unquoted.toString();
            }
            options.add(new AuthorizedKeyOptions.Option(name, value));
            if (position >= line.length()) {
                throw new LineException("options but no key");
            }
            char next = line.charAt(position);
            if (next == ',') {
                position++;
            } else if (Character.isWhitespace(next)) {
                return position;
            } else {
                throw new LineException("malformed options at column " + (position + 1));
            }
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private AuthorizedKeyOptions validate(List<AuthorizedKeyOptions.Option> options) throws LineException {
        Instant expiry = null;
        Set<String> singles = new HashSet<>();
        for (AuthorizedKeyOptions.Option option : options) {
            if (SINGLE_OPTIONS.contains(option.name()) && !singles.add(option.name())) {
                // sshd refuses these too: which command or address list would be meant is unclear.
                throw new LineException("option " + option.name() + " given twice");
            }
            Boolean takesValue = AuthorizedKeyOptions.knownOptions().get(option.name());
            if (takesValue == null) {
                throw new LineException("unknown option " + LogSafe.text(option.name()));
            }
            if (takesValue != (option.value() != null)) {
                throw new LineException("option " + option.name() + (takesValue ? " needs a value" : " takes no value"));
            }
            if (option.name().equals("cert-authority")) {
                throw new LineException("cert-authority (certificate) lines are not supported");
            }
            if (option.name().equals("from")) {
                try {
                    FromPatterns.parse(option.value());
                } catch (IllegalArgumentException e) {
                    throw new LineException("option from: " + e.getMessage());
                }
            }
            if (option.name().equals("expiry-time")) {
                Instant parsed = parseExpiry(option.value());
                expiry = expiry == null || parsed.isBefore(expiry) ? parsed : expiry;
            }
        }
        return new AuthorizedKeyOptions(options, expiry);
    }

    /** YYYYMMDD[HHMM[SS]], in the parser's zone, or in UTC with a trailing Z. */
    private Instant parseExpiry(String text) throws LineException {
        ZoneId inZone = zone;
        String digits = text;
        if (digits.endsWith("Z") || digits.endsWith("z")) {
            inZone = ZoneOffset.UTC;
            digits = digits.substring(0, digits.length() - 1);
        }
        if (digits.length() == 8) {
            digits = digits + "0000";
        }
        for (DateTimeFormatter format : EXPIRY_FORMATS) {
            try {
                return LocalDateTime.parse(digits, format).atZone(inZone).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        throw new LineException("option expiry-time: not YYYYMMDD[HHMM[SS]][Z]");
    }
}
