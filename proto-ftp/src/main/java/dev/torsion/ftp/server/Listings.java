package dev.torsion.ftp.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The text of listings: LIST in the {@code ls -l} form every client parses, NLST names (RFC 959
 * §4.1.3), and the machine-readable facts of MLST and MLSD (RFC 3659 §7). Names holding CR, LF or
 * NUL are left out: on the wire they would forge listing lines (RFC 2640 §3.1 pads a CR with NUL,
 * which no client undoes reliably).
 */
final class Listings {
    /** RFC 3659 §2.3: {@code YYYYMMDDHHMMSS}, UTC. */
    static final DateTimeFormatter TIME_VAL = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Duration HALF_YEAR = Duration.ofDays(182);

    private Listings() {
    }

    /** An RFC 3659 §2.3 time-val ({@code YYYYMMDDHHMMSS}, optional fraction ignored), or null. */
    static Instant parseTimeVal(String text) {
        if (!text.matches("\\d{14}(\\.\\d{1,3})?")) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.substring(0, 14), DateTimeFormatter.ofPattern("yyyyMMddHHmmss")).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether {@code name} can be listed safely. */
    static boolean listable(String name) {
        return name.indexOf('\r') < 0 && name.indexOf('\n') < 0 && name.indexOf('\0') < 0;
    }

    /** LIST: one {@code ls -l} line per entry. */
    static byte[] longForm(List<FileEntry> entries, Instant now) {
        StringBuilder out = new StringBuilder();
        for (FileEntry entry : entries) {
            if (listable(entry.name())) {
                out.append(lsLine(entry, now)).append("\r\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String lsLine(FileEntry entry, Instant now) {
        String mode = entry.directory() ? (entry.writable() ? "drwxr-xr-x" : "dr-xr-xr-x")
                : (entry.writable() ? "-rw-r--r--" : "-r--r--r--");
        boolean recent = Duration.between(entry.modified(), now).abs().compareTo(HALF_YEAR) < 0;
        String when = (recent ? RECENT : OLD).format(entry.modified());
        return String.format(Locale.ROOT, "%s %3d %-8s %-8s %12d %s %s", mode, entry.directory() ? 2 : 1, "ftp", "ftp",
                entry.size(), when, entry.name());
    }

    /** NLST: the names, one per line. */
    static byte[] names(List<FileEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (FileEntry entry : entries) {
            if (listable(entry.name())) {
                out.append(entry.name()).append("\r\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** MLSD: one facts line per entry (RFC 3659 §7.2). */
    static byte[] machine(List<FileEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (FileEntry entry : entries) {
            if (listable(entry.name())) {
                out.append(facts(entry)).append(' ').append(entry.name()).append("\r\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 3659 §7.5: {@code type}, {@code size}, {@code modify} and {@code perm}, each ending with {@code ;}. */
    static String facts(FileEntry entry) {
        StringBuilder facts = new StringBuilder();
        facts.append("type=").append(entry.directory() ? "dir" : "file").append(';');
        if (!entry.directory()) {
            facts.append("size=").append(entry.size()).append(';');
        }
        facts.append("modify=").append(TIME_VAL.format(entry.modified())).append(';');
        String perm;
        if (entry.directory()) {
            perm = entry.writable() ? "cdeflmp" : "el";
        } else {
            perm = entry.writable() ? "adfrw" : "r";
        }
        facts.append("perm=").append(perm).append(';');
        return facts.toString();
    }
}
