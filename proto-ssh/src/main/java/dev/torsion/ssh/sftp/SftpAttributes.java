package dev.torsion.ssh.sftp;

import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;

/**
 * File attributes, the ATTRS structure of draft-ietf-secsh-filexfer-02 section 5: each field is
 * present when its bit is in {@code flags}. Extended attribute pairs are read and dropped (this
 * implementation has none to offer or to set).
 *
 * @param flags       SSH_FILEXFER_ATTR_* bits of the fields present
 * @param size        the size in bytes ({@link #SIZE})
 * @param uid         the owner's user id ({@link #UIDGID})
 * @param gid         the group id ({@link #UIDGID})
 * @param permissions the mode: permission bits and the file type bits of stat(2) ({@link #PERMISSIONS})
 * @param atime       access time, seconds since 1970 ({@link #ACMODTIME})
 * @param mtime       modification time, seconds since 1970 ({@link #ACMODTIME})
 */
public record SftpAttributes(int flags, long size, int uid, int gid, int permissions, long atime, long mtime) {
    public static final int SIZE = 0x1;
    public static final int UIDGID = 0x2;
    public static final int PERMISSIONS = 0x4;
    public static final int ACMODTIME = 0x8;
    public static final int EXTENDED = 0x80000000;

    private static final int TYPE_MASK = 0170000;

    /** No attribute at all. */
    public static final SftpAttributes NONE = new SftpAttributes(0, 0, 0, 0, 0, 0, 0);

    /** Only a size (truncating or extending with SETSTAT). */
    public static SftpAttributes ofSize(long size) {
        return new SftpAttributes(SIZE, size, 0, 0, 0, 0, 0);
    }

    /** Only permission bits (chmod). */
    public static SftpAttributes ofPermissions(int mode) {
        return new SftpAttributes(PERMISSIONS, 0, 0, 0, mode, 0, 0);
    }

    /** Only times (touch). */
    public static SftpAttributes ofTimes(long atime, long mtime) {
        return new SftpAttributes(ACMODTIME, 0, 0, 0, 0, atime, mtime);
    }

    /** Only owner and group (chown). */
    public static SftpAttributes ofOwner(int uid, int gid) {
        return new SftpAttributes(UIDGID, 0, uid, gid, 0, 0, 0);
    }

    /** True when the field bit {@code flag} is present. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** A directory, by the type bits of the permissions. */
    public boolean isDirectory() {
        return has(PERMISSIONS) && (permissions & TYPE_MASK) == 0040000;
    }

    /** A regular file, by the type bits of the permissions. */
    public boolean isRegularFile() {
        return has(PERMISSIONS) && (permissions & TYPE_MASK) == 0100000;
    }

    /** A symbolic link, by the type bits of the permissions (an LSTAT answer). */
    public boolean isSymbolicLink() {
        return has(PERMISSIONS) && (permissions & TYPE_MASK) == 0120000;
    }

    /** Reads ATTRS; extended pairs are read and dropped. */
    public static SftpAttributes read(WireReader in) throws SshProtocolException {
        int flags = (int) in.readUint32();
        long size = (flags & SIZE) != 0 ? in.readUint64() : 0;
        int uid = 0;
        int gid = 0;
        if ((flags & UIDGID) != 0) {
            uid = (int) in.readUint32();
            gid = (int) in.readUint32();
        }
        int permissions = (flags & PERMISSIONS) != 0 ? (int) in.readUint32() : 0;
        long atime = 0;
        long mtime = 0;
        if ((flags & ACMODTIME) != 0) {
            atime = in.readUint32();
            mtime = in.readUint32();
        }
        if ((flags & EXTENDED) != 0) {
            // Each pair takes at least 8 bytes, so a lying count ends at the packet's end.
            long count = in.readUint32();
            for (long i = 0; i < count; i++) {
                in.readString();
                in.readString();
            }
        }
        return new SftpAttributes(flags & ~EXTENDED, size, uid, gid, permissions, atime, mtime);
    }

    /** Writes ATTRS with the fields present (never extended pairs). */
    public WireWriter write(WireWriter out) {
        int present = flags & ~EXTENDED;
        out.writeUint32(present & 0xffffffffL);
        if ((present & SIZE) != 0) {
            out.writeUint64(size);
        }
        if ((present & UIDGID) != 0) {
            out.writeUint32(uid & 0xffffffffL).writeUint32(gid & 0xffffffffL);
        }
        if ((present & PERMISSIONS) != 0) {
            out.writeUint32(permissions & 0xffffffffL);
        }
        if ((present & ACMODTIME) != 0) {
            out.writeUint32(atime & 0xffffffffL).writeUint32(mtime & 0xffffffffL);
        }
        return out;
    }
}
