package dev.torsion.dns.codec;

import java.util.Locale;

/** RR classes (RFC 1035 section 3.2.4) and their mnemonics. */
public final class RRClass {
    public static final int IN = 1;
    public static final int CH = 3;
    public static final int HS = 4;
    public static final int NONE = 254;
    public static final int ANY = 255;

    private RRClass() {
    }

    /** The mnemonic, or {@code CLASSnnn} (RFC 3597 section 5). */
    public static String toString(int rrClass) {
        return switch (rrClass) {
            case IN -> "IN";
            case CH -> "CH";
            case HS -> "HS";
            case NONE -> "NONE";
            case ANY -> "ANY";
            default -> "CLASS" + rrClass;
        };
    }

    /** Parses a class mnemonic or {@code CLASSnnn}; throws {@link IllegalArgumentException}. */
    public static int parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "IN": return IN;
            case "CH": return CH;
            case "HS": return HS;
            case "NONE": return NONE;
            case "ANY": return ANY;
            default: break;
        }
        if (upper.startsWith("CLASS") && upper.length() > 5 && upper.substring(5).chars().allMatch(Character::isDigit)) {
            int value = Integer.parseInt(upper.substring(5));
            if (value <= 0xffff) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown class " + text);
    }

    /** Whether {@code text} names a class. */
    public static boolean isClass(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
