package dev.torsion.xmpp.sasl;

/** The SASL failure conditions of RFC 6120 §6.5, each with its element name. */
public enum SaslCondition {
    /** §6.5.1: the client aborted. */
    ABORTED("aborted"),
    /** §6.5.2: the account is disabled. */
    ACCOUNT_DISABLED("account-disabled"),
    /** §6.5.3: the credentials have expired. */
    CREDENTIALS_EXPIRED("credentials-expired"),
    /** §6.5.4: the mechanism needs an encrypted stream. */
    ENCRYPTION_REQUIRED("encryption-required"),
    /** §6.5.5: the data was not valid base64. */
    INCORRECT_ENCODING("incorrect-encoding"),
    /** §6.5.6: the authorization identity is not allowed. */
    INVALID_AUTHZID("invalid-authzid"),
    /** §6.5.7: the mechanism is not offered. */
    INVALID_MECHANISM("invalid-mechanism"),
    /** §6.5.8: the request is malformed. */
    MALFORMED_REQUEST("malformed-request"),
    /** §6.5.9: the mechanism is too weak. */
    MECHANISM_TOO_WEAK("mechanism-too-weak"),
    /** §6.5.10: wrong credentials. */
    NOT_AUTHORIZED("not-authorized"),
    /** §6.5.11: a temporary error on the server. */
    TEMPORARY_AUTH_FAILURE("temporary-auth-failure");

    private final String elementName;

    SaslCondition(String elementName) {
        this.elementName = elementName;
    }

    /** The element name in the SASL namespace. */
    public String elementName() {
        return elementName;
    }
}
