package dev.torsion.nntp.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A wildmat (RFC 3977 §4): patterns separated by commas, each perhaps negated with {@code !}; the
 * last pattern that matches a name decides (§4.2), and a name no pattern matches does not match.
 * In a pattern {@code *} matches any run of characters and {@code ?} any one character (§4.1).
 * Pure; matching is linear in the name per pattern, so hostile patterns cannot make it slow.
 */
public final class Wildmat {
    private record Pattern(String glob, boolean negated) {
    }

    private final List<Pattern> patterns;

    private Wildmat(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** A wildmat matching every name. */
    public static Wildmat any() {
        return new Wildmat(List.of(new Pattern("*", false)));
    }

    /**
     * Parses {@code text}.
     *
     * @throws NntpSyntaxException 501 for an empty pattern or a character §4.1 does not allow
     *     ({@code [}, {@code \}, {@code ]}, or a control character)
     */
    public static Wildmat parse(String text) throws NntpSyntaxException {
        List<Pattern> patterns = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            boolean negated = part.startsWith("!");
            String glob = negated ? part.substring(1) : part;
            if (glob.isEmpty()) {
                throw new NntpSyntaxException(501, "Bad wildmat");
            }
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c <= 0x20 || c == 0x7f || c == '[' || c == ']' || c == '\\' || c == '!') {
                    throw new NntpSyntaxException(501, "Bad wildmat");
                }
            }
            patterns.add(new Pattern(glob, negated));
        }
        return new Wildmat(List.copyOf(patterns));
    }

    /** Whether {@code name} matches (§4.2: the rightmost matching pattern decides). */
    public boolean matches(String name) {
        for (int i = patterns.size() - 1; i >= 0; i--) {
            Pattern pattern = patterns.get(i);
            if (glob(pattern.glob(), name)) {
                return !pattern.negated();
            }
        }
        return false;
    }

    /** Glob matching with backtracking to the last star only: O(pattern × name) at worst. */
    private static boolean glob(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
