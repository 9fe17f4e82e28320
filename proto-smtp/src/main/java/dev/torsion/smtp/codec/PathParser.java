package dev.torsion.smtp.codec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code FROM:<path> params} and {@code TO:<path> params} (RFC 5321 §4.1.1.2, §4.1.1.3,
 * §4.1.2). Strict on the brackets (an address without {@code <>} earns 501, as Postfix with
 * {@code strict_rfc821_envelopes}); lenient on one space after the colon, as most servers are.
 */
public final class PathParser {
    /** Longest local part (RFC 5321 §4.5.3.1.1). */
    public static final int MAX_LOCAL_PART = 64;
    /** Longest domain (RFC 5321 §4.5.3.1.2). */
    public static final int MAX_DOMAIN = 255;
    /** Longest path, brackets included (RFC 5321 §4.5.3.1.3). */
    public static final int MAX_PATH = 256;

    private PathParser() {
    }

    /** Parses MAIL's argument; {@code <>} is allowed. */
    public static PathArgument parseMail(String argument) throws SmtpSyntaxException {
        return parse(argument, "FROM:", true);
    }

    /** Parses RCPT's argument; {@code <postmaster>} without a domain is allowed (§4.1.1.3). */
    public static PathArgument parseRcpt(String argument) throws SmtpSyntaxException {
        return parse(argument, "TO:", false);
    }

    private static PathArgument parse(String argument, String prefix, boolean nullAllowed) throws SmtpSyntaxException {
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new SmtpSyntaxException(501, "5.5.4", "Syntax: " + (nullAllowed ? "MAIL FROM:<address>" : "RCPT TO:<address>"));
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        if (!rest.startsWith("<")) {
            throw new SmtpSyntaxException(501, "5.1.7", "Bad address syntax: brackets required");
        }
        int close = closingBracket(rest);
        if (close < 0) {
            throw new SmtpSyntaxException(501, "5.1.7", "Bad address syntax: unterminated path");
        }
        if (close + 1 > MAX_PATH) {
            throw new SmtpSyntaxException(501, "5.1.7", "Bad address syntax: path too long");
        }
        String path = stripSourceRoute(rest.substring(1, close));
        String params = rest.substring(close + 1);
        if (!params.isEmpty() && !params.startsWith(" ")) {
            throw new SmtpSyntaxException(501, "5.5.4", "Syntax error after the path");
        }
        Mailbox mailbox;
        if (path.isEmpty()) {
            if (!nullAllowed) {
                throw new SmtpSyntaxException(501, "5.1.3", "Bad recipient address syntax: empty");
            }
            mailbox = null;
        } else {
            mailbox = parseMailbox(path, !nullAllowed);
        }
        return new PathArgument(mailbox, parseParameters(params.strip()));
    }

    /** The index of the {@code >} that closes the path, skipping quoted strings. */
    private static int closingBracket(String rest) {
        boolean quoted = false;
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '>') {
                return i;
            } else if (!quoted && c == '<') {
                return -1;
            }
        }
        return -1;
    }

    /** RFC 5321 §4.1.2 / §C: a source route {@code @a,@b:} MUST be accepted and SHOULD be ignored. */
    private static String stripSourceRoute(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            return colon < 0 ? path : path.substring(colon + 1);
        }
        return path;
    }

    private static Mailbox parseMailbox(String path, boolean bareLocalAllowed) throws SmtpSyntaxException {
        int at = path.lastIndexOf('@');
        String local = at < 0 ? path : path.substring(0, at);
        String domain = at < 0 ? "" : path.substring(at + 1);
        if (at < 0 && !(bareLocalAllowed && local.equalsIgnoreCase("postmaster"))) {
            throw new SmtpSyntaxException(501, "5.1.3", "Bad address syntax: domain required");
        }
        checkLocalPart(local);
        if (at >= 0) {
            checkDomain(domain);
        }
        return new Mailbox(local, domain);
    }

    private static void checkLocalPart(String local) throws SmtpSyntaxException {
        if (local.isEmpty() || local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART) {
            throw new SmtpSyntaxException(501, "5.1.3", "Bad address syntax: local part empty or too long");
        }
        if (local.startsWith("\"")) {
            if (local.length() < 2 || !local.endsWith("\"")) {
                throw new SmtpSyntaxException(501, "5.1.3", "Bad address syntax: quoted local part");
            }
            return;
        }
        // Dot-string (§4.1.2): atoms of atext (UTF-8 allowed, RFC 6531 §3.3), no empty atom.
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new SmtpSyntaxException(501, "5.1.3", "Bad address syntax: dots in local part");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c < 0x80 && !isAtext(c) && c != '.') {
                throw new SmtpSyntaxException(501, "5.1.3", "Bad address syntax: character not allowed in local part");
            }
        }
    }

    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static void checkDomain(String domain) throws SmtpSyntaxException {
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN) {
            throw new SmtpSyntaxException(501, "5.1.3", "Bad address syntax: domain empty or too long");
        }
        if (domain.startsWith("[")) {
            // Address literal (§4.1.3): brackets around an IPv4 address or a tagged one; no spaces.
            if (!domain.endsWith("]") || !domain.substring(1, domain.length() - 1).matches("[0-9A-Za-z.:-]+")) {
                throw new SmtpSyntaxException(501, "5.1.3", "Bad address syntax: address literal");
            }
            return;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw new SmtpSyntaxException(501, "5.1.3", "Bad address syntax: domain label");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ldh = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ldh && c < 0x80) {
                    throw new SmtpSyntaxException(501, "5.1.3", "Bad address syntax: character not allowed in domain");
                }
            }
        }
    }

    /** {@code KEYWORD[=value]} separated by spaces (RFC 5321 §4.1.2 Mail-parameters). */
    private static Map<String, String> parseParameters(String params) throws SmtpSyntaxException {
        Map<String, String> out = new LinkedHashMap<>();
        if (params.isEmpty()) {
            return out;
        }
        for (String param : params.split(" +")) {
            int eq = param.indexOf('=');
            String keyword = (eq < 0 ? param : param.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            if (keyword.isEmpty() || !keyword.matches("[A-Z0-9][A-Z0-9-]*") || (eq >= 0 && value.isEmpty())) {
                throw new SmtpSyntaxException(501, "5.5.4", "Syntax error in parameters");
            }
            if (out.put(keyword, value) != null) {
                throw new SmtpSyntaxException(501, "5.5.4", "Duplicate parameter " + keyword);
            }
        }
        return out;
    }
}
