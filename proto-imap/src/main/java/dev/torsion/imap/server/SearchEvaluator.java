package dev.torsion.imap.server;

import dev.torsion.imap.mime.HeaderField;
import dev.torsion.imap.mime.MimePart;
import dev.torsion.imap.parse.SearchKey;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Decides whether a message matches a search key (RFC 3501 §6.4.4). Header and text keys match
 * substrings without regard to case; header values are decoded from RFC 2047 encoded words by
 * Mime4j first. Dates compare by day, internal dates in UTC.
 */
final class SearchEvaluator {
    private final SelectedMailbox view;

    SearchEvaluator(SelectedMailbox view) {
        this.view = view;
    }

    /** Whether evaluating {@code key} needs the message's octets. */
    static boolean needsContent(SearchKey key) {
        if (key instanceof SearchKey.Header || key instanceof SearchKey.Text) {
            return true;
        }
        if (key instanceof SearchKey.Date d) {
            return d.sent();
        }
        if (key instanceof SearchKey.Not n) {
            return needsContent(n.key());
        }
        if (key instanceof SearchKey.Or o) {
            return needsContent(o.left()) || needsContent(o.right());
        }
        if (key instanceof SearchKey.And a) {
            return a.keys().stream().anyMatch(SearchEvaluator::needsContent);
        }
        return false;
    }

    /** Whether {@code key} uses MODSEQ (RFC 7162 §3.1.5: the response then tells the highest MODSEQ found). */
    static boolean usesModSeq(SearchKey key) {
        if (key instanceof SearchKey.ModSeq) {
            return true;
        }
        if (key instanceof SearchKey.Not n) {
            return usesModSeq(n.key());
        }
        if (key instanceof SearchKey.Or o) {
            return usesModSeq(o.left()) || usesModSeq(o.right());
        }
        if (key instanceof SearchKey.And a) {
            return a.keys().stream().anyMatch(SearchEvaluator::usesModSeq);
        }
        return false;
    }

    /** Whether message {@code seq} matches; {@code message} is its parsed content, or null when not needed. */
    boolean matches(SearchKey key, int seq, MimePart message) {
        MessageInfo info = view.at(seq);
        if (key instanceof SearchKey.And and) {
            return and.keys().stream().allMatch(k -> matches(k, seq, message));
        }
        if (key instanceof SearchKey.Or or) {
            return matches(or.left(), seq, message) || matches(or.right(), seq, message);
        }
        if (key instanceof SearchKey.Not not) {
            return !matches(not.key(), seq, message);
        }
        if (key instanceof SearchKey.Sequence s) {
            return view.contains(s.set(), s.uid(), seq);
        }
        if (key instanceof SearchKey.Flag f) {
            return view.flagsOf(seq).contains(f.flag()) == f.present();
        }
        if (key instanceof SearchKey.ModSeq m) {
            return info.modSeq() >= m.modSeq();
        }
        if (key instanceof SearchKey.Size s) {
            return s.larger() ? info.size() > s.octets() : info.size() < s.octets();
        }
        if (key instanceof SearchKey.Date d) {
            return date(d, d.sent() ? sentDate(message) : info.internalDate().atZone(ZoneOffset.UTC).toLocalDate());
        }
        if (key instanceof SearchKey.Header h) {
            return header(message, h.field(), h.value());
        }
        if (key instanceof SearchKey.Text t) {
            return text(message, t.wholeMessage(), t.value());
        }
        return key instanceof SearchKey.All;
    }

    private static boolean date(SearchKey.Date key, LocalDate date) {
        if (date == null) {
            return false;
        }
        return switch (key.op()) {
            case BEFORE -> date.isBefore(key.date());
            case ON -> date.isEqual(key.date());
            case SINCE -> !date.isBefore(key.date());
        };
    }

    private static LocalDate sentDate(MimePart message) {
        String value = message.field("Date");
        if (value == null) {
            return null;
        }
        String cleaned = value.replaceAll("\\s*\\([^)]*\\)\\s*$", "").strip();
        try {
            return ZonedDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean header(MimePart message, String field, String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (HeaderField f : message.fields()) {
            if (f.name().equalsIgnoreCase(field) && decode(f.value()).toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static boolean text(MimePart message, boolean whole, String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        if (whole) {
            for (HeaderField f : message.fields()) {
                if (decode(f.value()).toLowerCase(Locale.ROOT).contains(wanted)) {
                    return true;
                }
            }
        }
        return new String(message.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(wanted);
    }
}
