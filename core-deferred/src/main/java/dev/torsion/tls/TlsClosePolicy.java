package dev.torsion.tls;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.error.ConnectionLost;

/**
 * How a TLS connection ends, decided once for both TLS paths: {@link TlsProtocol} (the JDK engine
 * over any transport) and transport-netty's {@code SslHandler} path (TLS over a socket). Each path
 * asks these questions at the same points, so both end connections the same way:
 *
 * <ul>
 * <li>{@link #onCloseNotify}: the peer's {@code close_notify} ends its writing. TLS 1.3 closes one
 *     direction only (RFC 8446 6.1), so a half-closeable protocol may go on writing; TLS 1.2 requires
 *     an immediate answer and close (RFC 5246 7.2.1).</li>
 * <li>{@link #isTruncation}: a connection whose handshake completed and that ends without the
 *     peer's {@code close_notify}, without this side having asked to close, may have been cut short
 *     by an attacker (a truncation attack, RFC 8446 6.1): the protocol hears
 *     {@link #truncation ConnectionLost}, never a clean {@code ConnectionDone}.</li>
 * <li>this side's close sends {@code close_notify} and does not wait for the peer's (RFC 8446 6.1
 *     and RFC 5246 7.2.1 allow it), so the transport's close deadline bounds it.</li>
 * </ul>
 */
public final class TlsClosePolicy {
    /** What the reading side of a TLS connection has seen, in order. */
    public enum Inbound {
        /** The handshake has not completed: an end now is a failed handshake, not a truncation. */
        HANDSHAKING,
        /** The handshake completed: an end without close_notify is a truncation. */
        ESTABLISHED,
        /** The peer's close_notify came: its writing ended cleanly. */
        CLOSE_NOTIFY_RECEIVED;

        /** The handshake completed (only from {@link #HANDSHAKING}; later states stay). */
        public Inbound handshakeCompleted() {
            return this == HANDSHAKING ? ESTABLISHED : this;
        }

        /**
         * The peer's close_notify arrived. During the handshake it ends a handshake that failed:
         * the state stays {@link #HANDSHAKING}, so the end is reported as a failed handshake.
         */
        public Inbound closeNotifyReceived() {
            return this == HANDSHAKING ? HANDSHAKING : CLOSE_NOTIFY_RECEIVED;
        }
    }

    /** What to do when the peer's close_notify arrives. */
    public enum OnCloseNotify {
        /** Tell a half-closeable protocol {@code readConnectionLost}; it may go on writing. */
        HALF_CLOSE,
        /** Answer with this side's close_notify (if not sent) and close the connection. */
        CLOSE
    }

    private static final String TLS_1_3 = "TLSv1.3";

    private TlsClosePolicy() {
    }

    /**
     * The answer to the peer's close_notify.
     *
     * @param halfCloseable the protocol above implements {@code HalfCloseableProtocol}
     * @param closing this side asked to close the whole connection already
     * @param ownWritingShut this side has sent its close_notify already (its own half-close)
     * @param version the negotiated version ({@code SSLSession.getProtocol()})
     * @param outboundDone the engine can write no more ({@code SSLEngine.isOutboundDone()})
     */
    public static OnCloseNotify onCloseNotify(boolean halfCloseable, boolean closing, boolean ownWritingShut,
            String version, boolean outboundDone) {
        if (!halfCloseable || closing) {
            return OnCloseNotify.CLOSE;
        }
        return ownWritingShut || mayWriteAfterPeerClosed(version, outboundDone)
                ? OnCloseNotify.HALF_CLOSE : OnCloseNotify.CLOSE;
    }

    /**
     * Whether this side may go on writing after the peer's close_notify: only in TLS 1.3, where it
     * closes one direction; TLS 1.2 requires an immediate answer (RFC 5246 7.2.1), which the JDK
     * engine has already queued.
     */
    public static boolean mayWriteAfterPeerClosed(String version, boolean outboundDone) {
        return !outboundDone && TLS_1_3.equals(version);
    }

    /** Whether an end of the connection in {@code state} is a truncation, unless this side was closing. */
    public static boolean isTruncation(Inbound state, boolean closingLocally) {
        return state == Inbound.ESTABLISHED && !closingLocally;
    }

    /** The reason a protocol hears for a truncated connection. */
    public static Failure truncation(Address peer, Throwable cause) {
        return Failure.of(new ConnectionLost("the connection to " + peer
                + " ended without a TLS close_notify (the data may be truncated)", cause));
    }
}
