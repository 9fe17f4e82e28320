package dev.torsion.smtp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Decodes the base64 SASL responses of AUTH (RFC 4954 §4) for PLAIN (RFC 4616) and LOGIN. Pure. */
public final class SaslResponses {
    /** PLAIN's three fields. */
    public record Plain(String authorizationId, String username, byte[] password) {
    }

    private SaslResponses() {
    }

    /** Decodes a base64 response; bad base64 earns {@code 501 5.5.2} (RFC 4954 §4). */
    public static byte[] decodeBase64(String response) throws SmtpSyntaxException {
        if (response.isEmpty() || response.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            throw new SmtpSyntaxException(501, "5.5.2", "Invalid base64 data");
        }
    }

    /** Splits PLAIN's {@code authzid NUL authcid NUL passwd} (RFC 4616 §2). */
    public static Plain plain(byte[] message) throws SmtpSyntaxException {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (first < 0 || second < 0 || indexOf(message, second + 1) >= 0) {
            throw new SmtpSyntaxException(501, "5.5.2", "Invalid PLAIN response");
        }
        String authzid = utf8(message, 0, first);
        String authcid = utf8(message, first + 1, second);
        byte[] password = new byte[message.length - second - 1];
        System.arraycopy(message, second + 1, password, 0, password.length);
        if (authcid.isEmpty()) {
            throw new SmtpSyntaxException(501, "5.5.2", "Invalid PLAIN response");
        }
        return new Plain(authzid, authcid, password);
    }

    /** A LOGIN username: UTF-8 without NUL. */
    public static String username(byte[] decoded) throws SmtpSyntaxException {
        if (indexOf(decoded, 0) >= 0 || decoded.length == 0) {
            throw new SmtpSyntaxException(501, "5.5.2", "Invalid username");
        }
        return utf8(decoded, 0, decoded.length);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] bytes, int from, int to) throws SmtpSyntaxException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new SmtpSyntaxException(501, "5.5.2", "Invalid UTF-8 in SASL response");
        }
    }
}
