package dev.torsion.ssh.sftp;

/**
 * Every limit of the SFTP server and client, with its default and the reply it earns when a peer
 * passes it. The server announces the first four in its limits@openssh.com reply.
 *
 * @param maxPacket          the longest SFTP packet accepted, either side (default 256 KiB, as
 *                           OpenSSH's SFTP_MAX_MSG_LENGTH): the subsystem ends (the client: the
 *                           channel closes and every request fails)
 * @param maxRead            the most bytes one READ is answered with (default 256 KiB - 1 KiB, as
 *                           OpenSSH's sftp-server, whose limits@openssh.com reply makes OpenSSH's
 *                           client ask for that much): a longer READ gets a short DATA, as the
 *                           draft allows (section 6.4)
 * @param maxWrite           the most bytes one WRITE may carry (default 256 KiB - 1 KiB, as
 *                           OpenSSH): STATUS FAILURE
 * @param maxHandles         open file and directory handles per session (default 256): OPEN and
 *                           OPENDIR get STATUS FAILURE
 * @param maxOutstanding     requests received and not yet answered (default 256; OpenSSH's client
 *                           keeps 64 in flight): STATUS FAILURE for the one over, then the
 *                           subsystem ends
 * @param maxOutstandingBytes the bytes of those requests (default 20 MiB: 64 writes of 256 KiB fit):
 *                           as above
 * @param readdirBatch       names per READDIR reply (default 100)
 */
public record SftpLimits(int maxPacket, int maxRead, int maxWrite, int maxHandles, int maxOutstanding,
        long maxOutstandingBytes, int readdirBatch) {

    /** The defaults listed above. */
    public static final SftpLimits DEFAULTS = new SftpLimits(256 * 1024, 255 * 1024, 255 * 1024, 256, 256,
            20L * 1024 * 1024, 100);

    /** Checks the values. */
    public SftpLimits {
        if (maxPacket < 34000 || maxRead < 1024 || maxRead > maxPacket - 1024 || maxWrite < 1024
                || maxWrite > maxPacket - 1024 || maxHandles < 1 || maxOutstanding < 1
                || maxOutstandingBytes < maxPacket || readdirBatch < 1) {
            throw new IllegalArgumentException("SFTP limit out of range");
        }
    }

    /** A copy with other handle and outstanding-request limits. */
    public SftpLimits withHandlesAndOutstanding(int handles, int outstanding) {
        return new SftpLimits(maxPacket, maxRead, maxWrite, handles, outstanding, maxOutstandingBytes, readdirBatch);
    }
}
