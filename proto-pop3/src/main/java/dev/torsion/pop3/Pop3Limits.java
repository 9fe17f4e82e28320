package dev.torsion.pop3;

import java.time.Duration;

/**
 * Every limit the POP3 server enforces, with its default and the reply it earns.
 *
 * @param lineLength longest command line, CR LF included (RFC 2449 §4: 255); a longer one earns
 *     {@code -ERR Line too long} and the connection is closed
 * @param authLineLength longest SASL response line of AUTH (RFC 5034 §4 sets none; 8192 here);
 *     a longer one earns {@code -ERR} and the connection is closed
 * @param failedLogins failed logins allowed per connection; the next failure earns
 *     {@code -ERR [AUTH]} and the connection is closed
 * @param errorsBeforeDisconnect {@code -ERR} replies allowed per connection before
 *     {@code -ERR Too many errors} closes it
 * @param idleTimeout the autologout timer (RFC 1939 §3: at least 10 minutes); then
 *     {@code -ERR Disconnected for inactivity} and the connection closes without UPDATE
 */
public record Pop3Limits(int lineLength, int authLineLength, int failedLogins, int errorsBeforeDisconnect, Duration idleTimeout) {

    /** The defaults named in each component's description: 3 failed logins, 10 errors. */
    public static final Pop3Limits DEFAULTS = new Pop3Limits(255, 8192, 3, 10, Duration.ofMinutes(10));

    /** Checks that every limit is usable. */
    public Pop3Limits {
        if (lineLength < 255 || authLineLength < lineLength || failedLogins < 1 || errorsBeforeDisconnect < 1) {
            throw new IllegalArgumentException("POP3 limits below RFC 2449's minimum or not positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
    }
}
