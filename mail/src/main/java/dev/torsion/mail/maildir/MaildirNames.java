package dev.torsion.mail.maildir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unique Maildir file names in Dovecot's form, {@code SECONDS.MmicrosPpidQcountRrandom.host}: the
 * time, this process, a counter within it and 64 random bits make two deliveries, in this process
 * or another, never pick the same name. The info part after {@code :2,} holds the flags.
 */
public final class MaildirNames {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long PID = ProcessHandle.current().pid();
    private static final String HOST = safeHost();

    private MaildirNames() {
    }

    /** A new unique base name. */
    public static String unique() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return (micros / 1_000_000) + ".M" + (micros % 1_000_000) + "P" + PID + "Q" + COUNTER.incrementAndGet()
                + "R" + HexFormat.of().formatHex(random) + "." + HOST;
    }

    /**
     * Orders base names by delivery: names of the {@link #unique()} form by time, then counter
     * (numerically: {@code M99} comes before {@code M100}); other names after them, by name.
     */
    public static final Comparator<String> DELIVERY_ORDER = Comparator
            .comparing((String name) -> numbers(name), (a, b) -> {
                for (int i = 0; i < a.length; i++) {
                    int c = Long.compare(a[i], b[i]);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            })
            .thenComparing(Comparator.naturalOrder());

    private static final Pattern UNIQUE = Pattern.compile("(\\d{1,18})\\.M(\\d{1,6})P\\d{1,18}Q(\\d{1,18})R.*");

    /** Seconds, microseconds and counter of a name, or maxima for names of other forms. */
    private static long[] numbers(String name) {
        Matcher m = UNIQUE.matcher(name);
        if (!m.matches()) {
            return new long[] {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    /** The base name of a Maildir file: the name without its {@code :2,...} info. */
    public static String baseName(String fileName) {
        int colon = fileName.indexOf(':');
        return colon < 0 ? fileName : fileName.substring(0, colon);
    }

    /** The flag letters of a file name ({@code ""} without info or with experimental {@code :1,} info). */
    public static String flagLetters(String fileName) {
        int info = fileName.indexOf(":2,");
        return info < 0 ? "" : fileName.substring(info + 3);
    }

    /** The host name with {@code /} and {@code :} escaped as the Maildir spec says. */
    private static String safeHost() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host.replace("/", "\\057").replace(":", "\\072");
    }
}
