package dev.torsion.ssh.server;

/** SSH_MSG_CHANNEL_OPEN_FAILURE reason codes (RFC 4254 section 5.1). */
public final class ChannelOpenFailure {
    /** SSH_OPEN_ADMINISTRATIVELY_PROHIBITED. */
    public static final int ADMINISTRATIVELY_PROHIBITED = 1;
    /** SSH_OPEN_CONNECT_FAILED. */
    public static final int CONNECT_FAILED = 2;
    /** SSH_OPEN_UNKNOWN_CHANNEL_TYPE. */
    public static final int UNKNOWN_CHANNEL_TYPE = 3;
    /** SSH_OPEN_RESOURCE_SHORTAGE. */
    public static final int RESOURCE_SHORTAGE = 4;

    private ChannelOpenFailure() {
    }
}
