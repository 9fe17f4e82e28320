package dev.torsion.dns.codec;

import static dev.torsion.dns.codec.FieldKind.BASE32_U8;
import static dev.torsion.dns.codec.FieldKind.BASE64_REST;
import static dev.torsion.dns.codec.FieldKind.CAA_TAG;
import static dev.torsion.dns.codec.FieldKind.HEX_REST;
import static dev.torsion.dns.codec.FieldKind.HEX_U8;
import static dev.torsion.dns.codec.FieldKind.IPV4;
import static dev.torsion.dns.codec.FieldKind.IPV6;
import static dev.torsion.dns.codec.FieldKind.NAME;
import static dev.torsion.dns.codec.FieldKind.NAME_COMPRESSED;
import static dev.torsion.dns.codec.FieldKind.STRING;
import static dev.torsion.dns.codec.FieldKind.STRINGS;
import static dev.torsion.dns.codec.FieldKind.SVC_PARAMS;
import static dev.torsion.dns.codec.FieldKind.TEXT_REST;
import static dev.torsion.dns.codec.FieldKind.TIME;
import static dev.torsion.dns.codec.FieldKind.TYPE;
import static dev.torsion.dns.codec.FieldKind.TYPE_BITMAP;
import static dev.torsion.dns.codec.FieldKind.U16;
import static dev.torsion.dns.codec.FieldKind.U32;
import static dev.torsion.dns.codec.FieldKind.U8;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RR type numbers, their mnemonics and the field layout of their RDATA. Types without a layout
 * here are carried as opaque data (RFC 3597).
 */
public final class RRType {
    public static final int A = 1;
    public static final int NS = 2;
    public static final int CNAME = 5;
    public static final int SOA = 6;
    public static final int PTR = 12;
    public static final int HINFO = 13;
    public static final int MX = 15;
    public static final int TXT = 16;
    public static final int AAAA = 28;
    public static final int SRV = 33;
    public static final int NAPTR = 35;
    public static final int DNAME = 39;
    public static final int OPT = 41;
    public static final int DS = 43;
    public static final int SSHFP = 44;
    public static final int RRSIG = 46;
    public static final int NSEC = 47;
    public static final int DNSKEY = 48;
    public static final int NSEC3 = 50;
    public static final int NSEC3PARAM = 51;
    public static final int TLSA = 52;
    public static final int SVCB = 64;
    public static final int HTTPS = 65;
    public static final int IXFR = 251;
    public static final int AXFR = 252;
    public static final int ANY = 255;
    public static final int CAA = 257;

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, Integer> NUMBERS = new HashMap<>();
    private static final Map<Integer, List<FieldKind>> LAYOUTS = new HashMap<>();

    static {
        define(A, "A", IPV4);
        define(NS, "NS", NAME_COMPRESSED);
        define(CNAME, "CNAME", NAME_COMPRESSED);
        define(SOA, "SOA", NAME_COMPRESSED, NAME_COMPRESSED, U32, U32, U32, U32, U32);
        define(PTR, "PTR", NAME_COMPRESSED);
        define(HINFO, "HINFO", STRING, STRING);
        define(MX, "MX", U16, NAME_COMPRESSED);
        define(TXT, "TXT", STRINGS);
        define(AAAA, "AAAA", IPV6);
        define(SRV, "SRV", U16, U16, U16, NAME);
        define(NAPTR, "NAPTR", U16, U16, STRING, STRING, STRING, NAME);
        define(DNAME, "DNAME", NAME);
        define(DS, "DS", U16, U8, U8, HEX_REST);
        define(SSHFP, "SSHFP", U8, U8, HEX_REST);
        define(RRSIG, "RRSIG", TYPE, U8, U8, U32, TIME, TIME, U16, NAME, BASE64_REST);
        define(NSEC, "NSEC", NAME, TYPE_BITMAP);
        define(DNSKEY, "DNSKEY", U16, U8, U8, BASE64_REST);
        define(NSEC3, "NSEC3", U8, U8, U16, HEX_U8, BASE32_U8, TYPE_BITMAP);
        define(NSEC3PARAM, "NSEC3PARAM", U8, U8, U16, HEX_U8);
        define(TLSA, "TLSA", U8, U8, U8, HEX_REST);
        define(SVCB, "SVCB", U16, NAME, SVC_PARAMS);
        define(HTTPS, "HTTPS", U16, NAME, SVC_PARAMS);
        define(CAA, "CAA", U8, CAA_TAG, TEXT_REST);
        // Types with no RDATA layout: OPT is handled by Edns, the rest are query-only (RFC 1035 section 3.2.3).
        name(OPT, "OPT");
        name(IXFR, "IXFR");
        name(AXFR, "AXFR");
        name(ANY, "ANY");
    }

    private RRType() {
    }

    private static void define(int type, String mnemonic, FieldKind... layout) {
        name(type, mnemonic);
        LAYOUTS.put(type, List.of(layout));
    }

    private static void name(int type, String mnemonic) {
        NAMES.put(type, mnemonic);
        NUMBERS.put(mnemonic, type);
    }

    /** The RDATA layout of {@code type}, or null when it is carried opaque (RFC 3597). */
    public static List<FieldKind> layout(int type) {
        return LAYOUTS.get(type);
    }

    /** The mnemonic, or {@code TYPEnnn} (RFC 3597 section 5). */
    public static String toString(int type) {
        String name = NAMES.get(type);
        return name != null ? name : "TYPE" + type;
    }

    /** Parses a mnemonic or {@code TYPEnnn}, case-insensitive; throws {@link IllegalArgumentException}. */
    public static int parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        Integer known = NUMBERS.get(upper);
        if (known != null) {
            return known;
        }
        if (upper.startsWith("TYPE") && upper.length() > 4 && upper.substring(4).chars().allMatch(Character::isDigit)) {
            int value = Integer.parseInt(upper.substring(4));
            if (value <= 0xffff) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown RR type " + text);
    }

    /** Whether {@code text} names a type. */
    public static boolean isType(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Every type this codec knows the RDATA layout of. */
    public static List<Integer> withLayouts() {
        return LAYOUTS.keySet().stream().sorted().toList();
    }
}
