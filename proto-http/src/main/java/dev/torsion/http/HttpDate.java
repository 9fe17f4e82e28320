package dev.torsion.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** HTTP dates (RFC 9110 section 5.6.7): IMF-fixdate out, the three historic forms in. */
public final class HttpDate {
    private static final DateTimeFormatter IMF =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private static volatile long cachedSecond = -1;
    private static volatile String cachedNow = "";

    private HttpDate() {
    }

    /** Formats {@code epochMillis} as an IMF-fixdate. */
    public static String format(long epochMillis) {
        return IMF.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The current time as an IMF-fixdate, formatted once per second (for the Date header of every response). */
    public static String now() {
        long second = System.currentTimeMillis() / 1000;
        if (second != cachedSecond) {
            cachedNow = format(second * 1000);
            cachedSecond = second;
        }
        return cachedNow;
    }

    /** Parses any of the three HTTP date forms into epoch milliseconds, or returns -1. */
    public static long parse(String text) {
        if (text == null) {
            return -1;
        }
        String trimmed = text.trim();
        for (DateTimeFormatter format : new DateTimeFormatter[] {IMF, RFC850, ASCTIME}) {
            try {
                return ZonedDateTime.parse(trimmed, format).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return -1;
    }
}
