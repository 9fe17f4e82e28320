package dev.torsion.http.guard;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.http.server.Request;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP Basic authentication (RFC 7617), as twisted.web's {@code BasicCredentialFactory}: challenges
 * with {@code Basic realm="...", charset="UTF-8"} and reads {@code Basic base64(user:password)} into
 * {@link UsernamePassword}. Basic sends the password in the clear: serve it over TLS.
 *
 * <p>The decoding is strict: the token must be canonical base64 (RFC 4648 alphabet, padding as
 * required), hold a colon, and the user name must be UTF-8 without control characters. The
 * password stays bytes (never a String) and the decoded buffer is wiped.
 */
public final class BasicCredentialFactory implements CredentialFactory {
    private final String realm;

    /** A factory that names {@code realm} in its challenge (printable text; quotes are escaped). */
    public BasicCredentialFactory(String realm) {
        Objects.requireNonNull(realm, "realm");
        for (int i = 0; i < realm.length(); i++) {
            if (Character.isISOControl(realm.charAt(i))) {
                throw new IllegalArgumentException("control character in the realm name");
            }
        }
        this.realm = realm;
    }

    /** The realm named in the challenge. */
    public String realm() {
        return realm;
    }

    @Override
    public String scheme() {
        return "Basic";
    }

    @Override
    public String challenge(Request request) {
        return "Basic realm=\"" + quoted(realm) + "\", charset=\"UTF-8\"";
    }

    @Override
    public Credentials decode(String response, Request request) throws LoginFailed {
        byte[] decoded = base64(response.trim());
        try {
            int colon = indexOf(decoded, (byte) ':');
            if (colon < 0) {
                throw new LoginFailed("malformed Basic credentials: no colon");
            }
            String user = utf8(decoded, colon);
            return new UsernamePassword(user, Arrays.copyOfRange(decoded, colon + 1, decoded.length));
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private static byte[] base64(String token) throws LoginFailed {
        try {
            byte[] decoded = Base64.getDecoder().decode(token);
            // Java accepts a token without its padding; a canonical one re-encodes to itself.
            if (!Base64.getEncoder().encodeToString(decoded).equals(token)) {
                Arrays.fill(decoded, (byte) 0);
                throw new LoginFailed("malformed Basic credentials: not canonical base64");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw new LoginFailed("malformed Basic credentials: bad base64");
        }
    }

    private static String utf8(byte[] bytes, int length) throws LoginFailed {
        try {
            String user = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            if (user.chars().anyMatch(Character::isISOControl)) {
                throw new LoginFailed("malformed Basic credentials: control character in the user name");
            }
            return user;
        } catch (CharacterCodingException e) {
            throw new LoginFailed("malformed Basic credentials: user name is not UTF-8");
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
