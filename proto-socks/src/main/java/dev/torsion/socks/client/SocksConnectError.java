package dev.torsion.socks.client;

import dev.torsion.internet.error.ConnectError;

/** The proxy did not connect us: it refused (with its reply code) or did not speak SOCKS. */
public final class SocksConnectError extends ConnectError {
    private static final long serialVersionUID = 1L;

    private final int reply;

    /** A failure with the proxy's reply code ({@code -1} when there was none). */
    public SocksConnectError(String message, int reply) {
        super(message);
        this.reply = reply;
    }

    /** The SOCKS5 REP or SOCKS4 CD code, or -1 when the proxy gave none. */
    public int reply() {
        return reply;
    }
}
