package dev.torsion.ssh.sftp;

import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;

/**
 * The statvfs@openssh.com reply (OpenSSH's PROTOCOL): statvfs(3)'s fields, each a uint64.
 *
 * @param blockSize    f_bsize
 * @param fragmentSize f_frsize, the unit of the block counts
 * @param blocks       f_blocks
 * @param freeBlocks   f_bfree
 * @param availBlocks  f_bavail (free to unprivileged users)
 * @param files        f_files
 * @param freeFiles    f_ffree
 * @param availFiles   f_favail
 * @param fsid         f_fsid
 * @param flags        1 read-only, 2 no setuid
 * @param nameMax      f_namemax
 */
public record SftpStatvfs(long blockSize, long fragmentSize, long blocks, long freeBlocks, long availBlocks,
        long files, long freeFiles, long availFiles, long fsid, long flags, long nameMax) {
    /** ST_RDONLY. */
    public static final long READ_ONLY = 1;
    /** ST_NOSUID. */
    public static final long NO_SUID = 2;

    /** Reads the eleven fields after the request id. */
    public static SftpStatvfs read(WireReader in) throws SshProtocolException {
        return new SftpStatvfs(in.readUint64(), in.readUint64(), in.readUint64(), in.readUint64(), in.readUint64(),
                in.readUint64(), in.readUint64(), in.readUint64(), in.readUint64(), in.readUint64(), in.readUint64());
    }

    /** The total size in bytes. */
    public long totalBytes() {
        return blocks * fragmentSize;
    }

    /** The bytes free to unprivileged users. */
    public long availableBytes() {
        return availBlocks * fragmentSize;
    }
}
