package dev.torsion.smtp.server;

import dev.torsion.cred.Portal;
import dev.torsion.smtp.SmtpLimits;
import dev.torsion.tls.TlsOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an SMTP server behaves.
 *
 * @param hostname the name in the greeting, EHLO reply and Received lines
 * @param limits every limit and its reply
 * @param tls the options for STARTTLS, or null to not offer it
 * @param implicitTls whether the listening endpoint is already TLS (RFC 8314 submissions)
 * @param portal where AUTH logs users in, or null to not offer AUTH
 * @param avatarInterface the interface asked of the portal's realm at login
 * @param authWithoutTls whether AUTH is offered on a plaintext connection (RFC 4954 §4 advises not)
 * @param receivedHeader whether the server prepends its Received line (RFC 5321 §4.4)
 * @param wallClock the time written in Received lines
 * @param greetingDelay how long to wait before the greeting; a client that talks before it is cut off
 *     with {@code 554 5.5.1}, as Postfix's postscreen pregreet test (zero: greet at once)
 */
public record SmtpServerConfig(String hostname, SmtpLimits limits, TlsOptions tls, boolean implicitTls,
        Portal portal, Class<?> avatarInterface, boolean authWithoutTls, boolean receivedHeader, Clock wallClock, Duration greetingDelay) {

    /** Checks the required parts. */
    public SmtpServerConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(avatarInterface, "avatarInterface");
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(greetingDelay, "greetingDelay");
        if (!hostname.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new IllegalArgumentException("hostname must be a domain or address literal: " + hostname);
        }
    }

    /** Default limits, no TLS, no AUTH, Received lines on. */
    public static SmtpServerConfig of(String hostname) {
        return new SmtpServerConfig(hostname, SmtpLimits.DEFAULTS, null, false, null, Object.class, false, true, Clock.systemUTC(), Duration.ZERO);
    }

    /** With other limits. */
    public SmtpServerConfig withLimits(SmtpLimits newLimits) {
        return new SmtpServerConfig(hostname, newLimits, tls, implicitTls, portal, avatarInterface, authWithoutTls, receivedHeader, wallClock, greetingDelay);
    }

    /** Offering STARTTLS with {@code options}. */
    public SmtpServerConfig withStartTls(TlsOptions options) {
        return new SmtpServerConfig(hostname, limits, options, implicitTls, portal, avatarInterface, authWithoutTls, receivedHeader, wallClock, greetingDelay);
    }

    /** For a listener that is TLS from the first byte (submissions, RFC 8314 §3.3). */
    public SmtpServerConfig withImplicitTls() {
        return new SmtpServerConfig(hostname, limits, tls, true, portal, avatarInterface, authWithoutTls, receivedHeader, wallClock, greetingDelay);
    }

    /** Offering AUTH PLAIN and LOGIN through {@code newPortal}, asking its realm for {@code iface}. */
    public SmtpServerConfig withAuth(Portal newPortal, Class<?> iface) {
        return new SmtpServerConfig(hostname, limits, tls, implicitTls, newPortal, iface, authWithoutTls, receivedHeader, wallClock, greetingDelay);
    }

    /** Offering AUTH before TLS too (tests, or a loopback-only listener). */
    public SmtpServerConfig allowingAuthWithoutTls() {
        return new SmtpServerConfig(hostname, limits, tls, implicitTls, portal, avatarInterface, true, receivedHeader, wallClock, greetingDelay);
    }

    /** Without the server's Received line. */
    public SmtpServerConfig withoutReceivedHeader() {
        return new SmtpServerConfig(hostname, limits, tls, implicitTls, portal, avatarInterface, authWithoutTls, false, wallClock, greetingDelay);
    }

    /** Greeting only after {@code delay}, refusing clients that talk first. */
    public SmtpServerConfig withGreetingDelay(Duration delay) {
        return new SmtpServerConfig(hostname, limits, tls, implicitTls, portal, avatarInterface, authWithoutTls, receivedHeader, wallClock, delay);
    }

    /** With another clock for Received lines. */
    public SmtpServerConfig withWallClock(Clock clock) {
        return new SmtpServerConfig(hostname, limits, tls, implicitTls, portal, avatarInterface, authWithoutTls, receivedHeader, clock, greetingDelay);
    }
}
