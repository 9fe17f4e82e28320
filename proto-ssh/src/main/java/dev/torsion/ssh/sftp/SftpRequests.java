package dev.torsion.ssh.sftp;

import static dev.torsion.ssh.sftp.SftpNumbers.EXTENDED;

import dev.torsion.ssh.codec.WireWriter;
import java.nio.ByteBuffer;

/**
 * The client's requests, each framed for the wire ({@code uint32 length} first): SFTP version 3
 * (draft-ietf-secsh-filexfer-02 section 6) and OpenSSH's extensions. Pure: values in, bytes out.
 */
public final class SftpRequests {
    private SftpRequests() {
    }

    /** SSH_FXP_INIT with version 3 and no extension data (section 4). */
    public static byte[] init() {
        return frame(WireWriter.message(SftpNumbers.INIT).writeUint32(SftpNumbers.VERSION_3));
    }

    /** SSH_FXP_OPEN (section 6.3). */
    public static byte[] open(long id, String path, int flags, SftpAttributes attrs) {
        return frame(attrs.write(WireWriter.message(SftpNumbers.OPEN).writeUint32(id).writeString(path).writeUint32(flags)));
    }

    /** SSH_FXP_CLOSE (section 6.3). */
    public static byte[] close(long id, SftpHandle handle) {
        return handleRequest(SftpNumbers.CLOSE, id, handle);
    }

    /** SSH_FXP_READ (section 6.4). */
    public static byte[] read(long id, SftpHandle handle, long offset, int length) {
        return frame(WireWriter.message(SftpNumbers.READ).writeUint32(id).writeString(handle.wire()).writeUint64(offset)
                .writeUint32(length));
    }

    /** SSH_FXP_WRITE (section 6.4) of {@code length} bytes of {@code data} from {@code from}, built in one array. */
    public static byte[] write(long id, SftpHandle handle, long offset, byte[] data, int from, int length) {
        byte[] wire = handle.wire();
        int body = 1 + 4 + 4 + wire.length + 8 + 4 + length;
        ByteBuffer out = ByteBuffer.allocate(4 + body);
        out.putInt(body).put((byte) SftpNumbers.WRITE).putInt((int) id).putInt(wire.length).put(wire).putLong(offset)
                .putInt(length).put(data, from, length);
        return out.array();
    }

    /** SSH_FXP_LSTAT (section 6.8): a link itself. */
    public static byte[] lstat(long id, String path) {
        return pathRequest(SftpNumbers.LSTAT, id, path);
    }

    /** SSH_FXP_STAT (section 6.8): links followed. */
    public static byte[] stat(long id, String path) {
        return pathRequest(SftpNumbers.STAT, id, path);
    }

    /** SSH_FXP_FSTAT (section 6.8). */
    public static byte[] fstat(long id, SftpHandle handle) {
        return handleRequest(SftpNumbers.FSTAT, id, handle);
    }

    /** SSH_FXP_SETSTAT (section 6.9). */
    public static byte[] setstat(long id, String path, SftpAttributes attrs) {
        return frame(attrs.write(WireWriter.message(SftpNumbers.SETSTAT).writeUint32(id).writeString(path)));
    }

    /** SSH_FXP_FSETSTAT (section 6.9). */
    public static byte[] fsetstat(long id, SftpHandle handle, SftpAttributes attrs) {
        return frame(attrs.write(WireWriter.message(SftpNumbers.FSETSTAT).writeUint32(id).writeString(handle.wire())));
    }

    /** SSH_FXP_OPENDIR (section 6.7). */
    public static byte[] opendir(long id, String path) {
        return pathRequest(SftpNumbers.OPENDIR, id, path);
    }

    /** SSH_FXP_READDIR (section 6.7). */
    public static byte[] readdir(long id, SftpHandle handle) {
        return handleRequest(SftpNumbers.READDIR, id, handle);
    }

    /** SSH_FXP_REMOVE (section 6.5). */
    public static byte[] remove(long id, String path) {
        return pathRequest(SftpNumbers.REMOVE, id, path);
    }

    /** SSH_FXP_MKDIR (section 6.6). */
    public static byte[] mkdir(long id, String path, SftpAttributes attrs) {
        return frame(attrs.write(WireWriter.message(SftpNumbers.MKDIR).writeUint32(id).writeString(path)));
    }

    /** SSH_FXP_RMDIR (section 6.6). */
    public static byte[] rmdir(long id, String path) {
        return pathRequest(SftpNumbers.RMDIR, id, path);
    }

    /** SSH_FXP_REALPATH (section 6.9). */
    public static byte[] realpath(long id, String path) {
        return pathRequest(SftpNumbers.REALPATH, id, path);
    }

    /** SSH_FXP_RENAME (section 6.5): fails when {@code to} exists. */
    public static byte[] rename(long id, String from, String to) {
        return frame(WireWriter.message(SftpNumbers.RENAME).writeUint32(id).writeString(from).writeString(to));
    }

    /** SSH_FXP_READLINK (section 6.10). */
    public static byte[] readlink(long id, String path) {
        return pathRequest(SftpNumbers.READLINK, id, path);
    }

    /**
     * SSH_FXP_SYMLINK (section 6.10) in OpenSSH's order: the target first, then the link's path
     * (the draft says the reverse; OpenSSH's server and every client in use follow OpenSSH).
     */
    public static byte[] symlink(long id, String target, String link) {
        return frame(WireWriter.message(SftpNumbers.SYMLINK).writeUint32(id).writeString(target).writeString(link));
    }

    /** posix-rename@openssh.com: rename(2), replacing {@code to}. */
    public static byte[] posixRename(long id, String from, String to) {
        return frame(extended(id, SftpNumbers.POSIX_RENAME).writeString(from).writeString(to));
    }

    /** statvfs@openssh.com. */
    public static byte[] statvfs(long id, String path) {
        return frame(extended(id, SftpNumbers.STATVFS).writeString(path));
    }

    /** fstatvfs@openssh.com. */
    public static byte[] fstatvfs(long id, SftpHandle handle) {
        return frame(extended(id, SftpNumbers.FSTATVFS).writeString(handle.wire()));
    }

    /** hardlink@openssh.com: link(2) of {@code existing} at {@code link}. */
    public static byte[] hardlink(long id, String existing, String link) {
        return frame(extended(id, SftpNumbers.HARDLINK).writeString(existing).writeString(link));
    }

    /** fsync@openssh.com. */
    public static byte[] fsync(long id, SftpHandle handle) {
        return frame(extended(id, SftpNumbers.FSYNC).writeString(handle.wire()));
    }

    /** limits@openssh.com. */
    public static byte[] limits(long id) {
        return frame(extended(id, SftpNumbers.LIMITS));
    }

    /** expand-path@openssh.com: REALPATH with "~" and "~/" expanded to the home directory. */
    public static byte[] expandPath(long id, String path) {
        return frame(extended(id, SftpNumbers.EXPAND_PATH).writeString(path));
    }

    private static WireWriter extended(long id, String name) {
        return WireWriter.message(EXTENDED).writeUint32(id).writeString(name);
    }

    private static byte[] pathRequest(int type, long id, String path) {
        return frame(WireWriter.message(type).writeUint32(id).writeString(path));
    }

    private static byte[] handleRequest(int type, long id, SftpHandle handle) {
        return frame(WireWriter.message(type).writeUint32(id).writeString(handle.wire()));
    }

    private static byte[] frame(WireWriter packet) {
        return SftpRequestHandler.frame(packet);
    }
}
