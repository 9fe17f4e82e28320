package dev.torsion.nmea.codec;

/**
 * What {@link SentenceParser} made of a sentence: exactly one of a message or a rejection.
 *
 * @param message the typed message, or null
 * @param rejection why a known sentence's fields were refused, or null
 */
public record ParseResult(NmeaMessage message, Rejection rejection) {

    static ParseResult of(NmeaMessage message) {
        return new ParseResult(message, null);
    }

    static ParseResult rejected(Rejection rejection) {
        return new ParseResult(null, rejection);
    }
}
