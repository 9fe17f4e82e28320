package dev.torsion.sip.auth;

import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.Syntax;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An Authorization or Proxy-Authorization value of the Digest scheme (RFC 3261 section 25.1
 * {@code digest-response}, RFC 7616 section 3.4).
 *
 * @param username the user
 * @param realm the realm
 * @param nonce the server's nonce
 * @param uri the digest-uri
 * @param response the hex response
 * @param algorithm the algorithm
 * @param cnonce the client nonce, or null without qop
 * @param nc the nonce count, or null without qop
 * @param qop {@code auth}, or null
 */
public record DigestAuthorization(String username, String realm, String nonce, String uri, String response,
                                  DigestAlgorithm algorithm, String cnonce, String nc, String qop) {
    /** Parses a header value; a malformed one, or one of another scheme or algorithm, is a 400. */
    public static DigestAuthorization parse(String value) throws SipParseException {
        String v = value.trim();
        if (v.length() < 7 || !v.substring(0, 7).equalsIgnoreCase("Digest ")) {
            throw new SipParseException(400, "Unsupported Authorization Scheme");
        }
        Map<String, String> params = new HashMap<>();
        String rest = v.substring(7).trim();
        while (!rest.isEmpty()) {
            int comma = Syntax.indexOutsideQuotes(rest, ',', 0);
            String param = (comma < 0 ? rest : rest.substring(0, comma)).trim();
            rest = comma < 0 ? "" : rest.substring(comma + 1).trim();
            int eq = param.indexOf('=');
            if (eq <= 0) {
                throw new SipParseException(400, "Malformed Authorization");
            }
            params.put(param.substring(0, eq).trim().toLowerCase(Locale.ROOT), unquote(param.substring(eq + 1).trim()));
        }
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(params.get("algorithm"));
        String qop = params.get("qop");
        if (algorithm == null || qop != null && !qop.equals("auth")) {
            throw new SipParseException(400, "Unsupported Digest Algorithm Or Qop");
        }
        DigestAuthorization parsed = new DigestAuthorization(params.get("username"), params.get("realm"),
                params.get("nonce"), params.get("uri"), params.get("response"), algorithm, params.get("cnonce"),
                params.get("nc"), qop);
        if (parsed.username == null || parsed.realm == null || parsed.nonce == null || parsed.uri == null
                || parsed.response == null || qop != null && (parsed.cnonce == null || parsed.nc == null)) {
            throw new SipParseException(400, "Malformed Authorization");
        }
        return parsed;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return s;
    }
}
