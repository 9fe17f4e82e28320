package dev.torsion.ftp;

import java.time.Duration;

/**
 * Every limit the FTP server enforces, with its default and the reply it earns.
 *
 * @param commandLineLength longest command line in bytes, without CR LF (RFC 959 sets none; 4096
 *     here, room for a PATH_MAX pathname); a longer one earns
 *     {@code 421 Command line too long} and the control connection is closed
 * @param failedLogins failed logins allowed per connection; each earns {@code 530 Login incorrect},
 *     the last {@code 421 Too many failed logins} and the connection is closed
 * @param errorsBeforeDisconnect 5xx replies allowed per connection before
 *     {@code 421 Too many errors} closes it
 * @param passiveWithoutTransfer PASV or EPSV requests allowed in a row without a transfer between
 *     them; the next earns {@code 421 Too many passive requests without a transfer} and the
 *     connection is closed (each request closes the previous listener, so a session holds one
 *     passive port at most)
 * @param pipelinedCommands commands that may wait while one is being answered (a login, a transfer);
 *     one more earns {@code 421 Too many pipelined commands} and the connection is closed
 * @param idleTimeout time without a command while no transfer runs; then
 *     {@code 421 Timeout: closing control connection}
 * @param dataConnectTimeout time for the data connection to be made after a transfer command; then
 *     {@code 425 Can't open data connection}
 * @param dataIdleTimeout time without a byte on an upload's data connection; then the transfer
 *     ends with {@code 426 Data connection timed out}
 */
public record FtpLimits(int commandLineLength, int failedLogins, int errorsBeforeDisconnect, int passiveWithoutTransfer,
        int pipelinedCommands, Duration idleTimeout, Duration dataConnectTimeout, Duration dataIdleTimeout) {

    /** The defaults: 4096-byte lines, 3 failed logins, 30 errors, 50 passive requests, 5 minutes idle. */
    public static final FtpLimits DEFAULTS = new FtpLimits(4096, 3, 30, 50, 64,
            Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofMinutes(5));

    /** Checks that every limit is usable. */
    public FtpLimits {
        if (commandLineLength < 512 || failedLogins < 1 || errorsBeforeDisconnect < 1 || passiveWithoutTransfer < 1
                || pipelinedCommands < 1) {
            throw new IllegalArgumentException("FTP limits must be positive (and lines at least 512 bytes)");
        }
        for (Duration d : new Duration[] {idleTimeout, dataConnectTimeout, dataIdleTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("FTP timeouts must be positive");
            }
        }
    }

    /** These limits with another idle timeout. */
    public FtpLimits withIdleTimeout(Duration timeout) {
        return new FtpLimits(commandLineLength, failedLogins, errorsBeforeDisconnect, passiveWithoutTransfer,
                pipelinedCommands, timeout, dataConnectTimeout, dataIdleTimeout);
    }
}
