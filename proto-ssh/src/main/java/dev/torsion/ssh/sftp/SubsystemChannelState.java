package dev.torsion.ssh.sftp;

/** The life of the client's session channel carrying the sftp subsystem (RFC 4254 sections 5 and 6.5). */
public enum SubsystemChannelState {
    /** CHANNEL_OPEN sent. */
    OPENING,
    /** Confirmed; the subsystem request sent, its reply awaited. */
    REQUESTING,
    /** The subsystem runs: data flows both ways. */
    OPEN,
    /** We sent EOF and CLOSE; the peer's CLOSE awaited. */
    CLOSING,
    /** Closed both ways, refused, or the connection went away. */
    CLOSED;

    /** CHANNEL_OPEN_CONFIRMATION came. */
    SubsystemChannelState confirmed() {
        return expect(OPENING, REQUESTING);
    }

    /** CHANNEL_SUCCESS answered the subsystem request. */
    SubsystemChannelState started() {
        return expect(REQUESTING, OPEN);
    }

    /** We sent CLOSE. */
    SubsystemChannelState closing() {
        return this == CLOSED ? CLOSED : CLOSING;
    }

    /** Closed for good. */
    SubsystemChannelState closed() {
        return CLOSED;
    }

    private SubsystemChannelState expect(SubsystemChannelState from, SubsystemChannelState to) {
        if (this != from) {
            throw new IllegalStateException(this + " is not " + from);
        }
        return to;
    }
}
