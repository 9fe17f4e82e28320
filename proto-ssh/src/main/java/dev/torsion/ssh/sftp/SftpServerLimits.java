package dev.torsion.ssh.sftp;

import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;

/**
 * The limits@openssh.com reply (OpenSSH's PROTOCOL): what the server accepts; 0 means no limit
 * stated.
 */
public record SftpServerLimits(long maxPacket, long maxRead, long maxWrite, long maxOpenHandles) {
    /** Reads the four fields after the request id. */
    public static SftpServerLimits read(WireReader in) throws SshProtocolException {
        return new SftpServerLimits(in.readUint64(), in.readUint64(), in.readUint64(), in.readUint64());
    }
}
