package dev.torsion.xmpp.client;

import dev.torsion.tls.TlsOptions;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.XmppLimits;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;

/**
 * How a client logs in.
 *
 * @param jid the account (a bare JID) or the account and the resource wished for (a full JID)
 * @param password the password, UTF-8
 * @param tls the client TLS options for STARTTLS (verifying the server's name), or null for none
 * @param requireTls whether to refuse a server without STARTTLS (RFC 6120 §5.3.1; the default)
 * @param limits the limits applied to the server's stream
 * @param random the source of SCRAM nonces and IQ ids
 */
public record XmppClientConfig(Jid jid, byte[] password, TlsOptions tls, boolean requireTls, XmppLimits limits, Random random) {
    /** Checks that TLS can be required only with TLS options. */
    public XmppClientConfig {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(password, "password");
        if (requireTls && tls == null) {
            throw new IllegalArgumentException("TLS is required but no TLS options are given");
        }
        password = password.clone();
    }

    /** A client of {@code jid} requiring STARTTLS with {@code tls}. */
    public static XmppClientConfig of(Jid jid, byte[] password, TlsOptions tls) {
        return new XmppClientConfig(jid, password, tls, tls != null, XmppLimits.DEFAULTS, new SecureRandom());
    }

    @Override
    public byte[] password() {
        return password.clone();
    }
}
