package dev.torsion.nntp.parse;

/**
 * A range of article numbers (RFC 3977 §6.1.2 and §8.3.2: {@code n}, {@code n-} or {@code n-m}).
 *
 * @param low the first number
 * @param high the last number, inclusive; {@link #MAX_NUMBER} for {@code n-}
 */
public record ArticleRange(long low, long high) {
    /** The largest article number (RFC 3977 §6: 2 147 483 647). */
    public static final long MAX_NUMBER = 2_147_483_647L;

    /** Whether {@code number} is in the range; an empty range (high below low) holds none. */
    public boolean contains(long number) {
        return number >= low && number <= high;
    }

    /**
     * Parses {@code text}. A number is 1 to 16 digits (RFC 3977 §9.8 allows leading zeros);
     * numbers above {@link #MAX_NUMBER} are refused.
     *
     * @throws NntpSyntaxException 501 when it is not a range
     */
    public static ArticleRange parse(String text) throws NntpSyntaxException {
        int dash = text.indexOf('-');
        if (dash < 0) {
            long n = number(text);
            return new ArticleRange(n, n);
        }
        long low = number(text.substring(0, dash));
        String rest = text.substring(dash + 1);
        return new ArticleRange(low, rest.isEmpty() ? MAX_NUMBER : number(rest));
    }

    /** Parses one article number (RFC 3977 §6: 1 to 2^31-1; 0 is refused as well). */
    public static long number(String text) throws NntpSyntaxException {
        if (!text.matches("[0-9]{1,16}")) {
            throw new NntpSyntaxException(501, "Bad article number or range");
        }
        long n = Long.parseLong(text);
        if (n > MAX_NUMBER) {
            throw new NntpSyntaxException(501, "Article number out of range");
        }
        return n;
    }
}
