package dev.torsion.nntp.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The date and time arguments of NEWGROUPS and NEWNEWS (RFC 3977 §7.3.2). Pure. */
public final class DateTimeArgument {
    private DateTimeArgument() {
    }

    /**
     * Parses {@code date} ({@code yyyymmdd} or {@code yymmdd}) and {@code time} ({@code hhmmss}).
     * §7.3.2: a two-digit year is in the current century if not after the current year, else in
     * the previous one. Times are UTC whether or not GMT is given: this server's local time is UTC.
     *
     * @param now the current time, for the century of a two-digit year
     * @throws NntpSyntaxException 501 when either is malformed or names no real instant
     */
    public static Instant parse(String date, String time, ZonedDateTime now) throws NntpSyntaxException {
        if (!date.matches("[0-9]{6}|[0-9]{8}") || !time.matches("[0-9]{6}")) {
            throw new NntpSyntaxException(501, "Bad date or time");
        }
        int year;
        String rest;
        if (date.length() == 8) {
            year = Integer.parseInt(date.substring(0, 4));
            rest = date.substring(4);
        } else {
            int yy = Integer.parseInt(date.substring(0, 2));
            int current = now.getYear();
            int century = current - current % 100;
            year = century + yy <= current ? century + yy : century - 100 + yy;
            rest = date.substring(2);
        }
        try {
            return LocalDateTime.of(year, Integer.parseInt(rest.substring(0, 2)), Integer.parseInt(rest.substring(2, 4)),
                    Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)),
                    Integer.parseInt(time.substring(4, 6))).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new NntpSyntaxException(501, "Bad date or time");
        }
    }
}
