package dev.torsion.sip.ua;

import dev.torsion.sip.auth.DigestAlgorithm;
import dev.torsion.sip.parse.Responses;
import dev.torsion.sip.parse.Syntax;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client side of digest authentication (RFC 3261 section 22.2, RFC 7616, RFC 8760): picks the
 * first challenge with an algorithm it knows (SHA-256 or MD5, in the server's order of preference)
 * and computes the answer with {@code qop=auth} when offered.
 */
final class DigestClient {
    private DigestClient() {
    }

    /** The Authorization value answering one of {@code challenges}, or null when none can be answered. */
    static String answer(List<String> challenges, String method, String uri, String user, String password) {
        for (String challenge : challenges) {
            Map<String, String> params = parse(challenge);
            if (params == null) {
                continue;
            }
            DigestAlgorithm algorithm = DigestAlgorithm.fromToken(params.get("algorithm"));
            String realm = params.get("realm");
            String nonce = params.get("nonce");
            if (algorithm == null || realm == null || nonce == null) {
                continue;
            }
            String qop = params.get("qop");
            boolean auth = qop != null && List.of(qop.split("\\s*,\\s*")).contains("auth");
            String ha1 = algorithm.hash(user + ":" + realm + ":" + password);
            String ha2 = algorithm.hash(method + ":" + uri);
            String cnonce = Responses.newTag();
            String nc = "00000001";
            String response = auth ? algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                    : algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
            StringBuilder value = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"")
                    .append(realm).append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri)
                    .append("\", response=\"").append(response).append("\", algorithm=").append(algorithm.token());
            if (auth) {
                value.append(", cnonce=\"").append(cnonce).append("\", qop=auth, nc=").append(nc);
            }
            if (params.get("opaque") != null) {
                value.append(", opaque=\"").append(params.get("opaque")).append('"');
            }
            return value.toString();
        }
        return null;
    }

    private static Map<String, String> parse(String challenge) {
        String c = challenge.trim();
        if (c.length() < 7 || !c.substring(0, 7).equalsIgnoreCase("Digest ")) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        String rest = c.substring(7).trim();
        while (!rest.isEmpty()) {
            int comma = Syntax.indexOutsideQuotes(rest, ',', 0);
            String param = (comma < 0 ? rest : rest.substring(0, comma)).trim();
            rest = comma < 0 ? "" : rest.substring(comma + 1).trim();
            int eq = param.indexOf('=');
            if (eq > 0) {
                String value = param.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                params.put(param.substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
            }
        }
        return params;
    }
}
