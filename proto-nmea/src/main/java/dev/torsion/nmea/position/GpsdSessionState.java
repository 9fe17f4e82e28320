package dev.torsion.nmea.position;

/** The lifecycle of a {@link GpsdNmeaProtocol} session; one method per transition. */
public enum GpsdSessionState {
    /** Not yet connected. */
    CONNECTING,
    /** Connected; the {@code ?WATCH} command is sent and its reply awaited. */
    WATCH_SENT,
    /** gpsd confirmed the watch: sentences flow. */
    WATCHING,
    /** The connection is over. */
    CLOSED;

    /** The TCP connection is up and the watch was sent. */
    public GpsdSessionState watchSent() {
        if (this != CONNECTING) {
            throw new IllegalStateException("watch sent while " + this);
        }
        return WATCH_SENT;
    }

    /** gpsd answered with its WATCH report (again, after a later ?WATCH, changes nothing). */
    public GpsdSessionState watchConfirmed() {
        if (this == CONNECTING || this == CLOSED) {
            throw new IllegalStateException("watch confirmed while " + this);
        }
        return WATCHING;
    }

    /** The connection ended. */
    public GpsdSessionState closed() {
        return CLOSED;
    }
}
