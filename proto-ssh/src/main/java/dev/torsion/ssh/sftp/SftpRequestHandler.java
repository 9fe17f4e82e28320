package dev.torsion.ssh.sftp;

import static dev.torsion.ssh.sftp.SftpNumbers.ATTRS;
import static dev.torsion.ssh.sftp.SftpNumbers.BAD_MESSAGE;
import static dev.torsion.ssh.sftp.SftpNumbers.DATA;
import static dev.torsion.ssh.sftp.SftpNumbers.EOF;
import static dev.torsion.ssh.sftp.SftpNumbers.EXTENDED_REPLY;
import static dev.torsion.ssh.sftp.SftpNumbers.FAILURE;
import static dev.torsion.ssh.sftp.SftpNumbers.HANDLE;
import static dev.torsion.ssh.sftp.SftpNumbers.NAME;
import static dev.torsion.ssh.sftp.SftpNumbers.NO_SUCH_FILE;
import static dev.torsion.ssh.sftp.SftpNumbers.OK;
import static dev.torsion.ssh.sftp.SftpNumbers.OP_UNSUPPORTED;
import static dev.torsion.ssh.sftp.SftpNumbers.PERMISSION_DENIED;
import static dev.torsion.ssh.sftp.SftpNumbers.STATUS;

import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SFTP version 3 requests (draft-ietf-secsh-filexfer-02 section 6) and OpenSSH's extensions
 * against the files under an {@link SftpRoot}, with the server process's own permissions, and
 * returns each reply framed for the wire. Blocking: the session calls it on the reactor's thread
 * pool, one request at a time, so its handle table needs no lock.
 */
final class SftpRequestHandler {
    private static final Logger log = LoggerFactory.getLogger(SftpRequestHandler.class);
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /** Linux's NAME_MAX: statvfs's f_namemax, which Java does not expose. */
    private static final long NAME_MAX = 255;
    private static final int DATA_HEADER = 4 + 1 + 4 + 4;

    /** One open handle: a file with the real path it was opened at, or a directory being listed. */
    private sealed interface Open permits OpenFile, OpenDirectory {
        Path path();
    }

    private record OpenFile(FileChannel channel, Path path) implements Open {
    }

    private record OpenDirectory(DirectoryStream<Path> stream, Iterator<Path> entries, Path path) implements Open {
    }

    private final SftpRoot root;
    private final SftpLimits limits;
    private final ReadBuffers readBuffers;
    private final Map<String, Open> handles = new HashMap<>();
    private long nextHandle;

    SftpRequestHandler(SftpRoot root, SftpLimits limits) {
        this(root, limits, new ReadBuffers());
    }

    /** A handler building READ replies in arrays from {@code readBuffers}, which the session refills as the channel hands them back. */
    SftpRequestHandler(SftpRoot root, SftpLimits limits, ReadBuffers readBuffers) {
        this.root = root;
        this.limits = limits;
        this.readBuffers = readBuffers;
    }

    /** The VERSION reply (section 4) with the extensions served, each with its version. */
    static byte[] version() {
        return frame(WireWriter.message(SftpNumbers.VERSION).writeUint32(SftpNumbers.VERSION_3)
                .writeString(SftpNumbers.POSIX_RENAME).writeString("1")
                .writeString(SftpNumbers.STATVFS).writeString("2")
                .writeString(SftpNumbers.FSTATVFS).writeString("2")
                .writeString(SftpNumbers.HARDLINK).writeString("1")
                .writeString(SftpNumbers.FSYNC).writeString("1")
                .writeString(SftpNumbers.LIMITS).writeString("1")
                .writeString(SftpNumbers.EXPAND_PATH).writeString("1"));
    }

    /** The number of handles open. */
    int openHandles() {
        return handles.size();
    }

    /** Answers one request (type byte first); never throws. */
    byte[] handle(byte[] packet) {
        WireReader in = new WireReader(packet);
        int type = -1;
        long id = 0;
        try {
            type = in.readByte();
            id = in.readUint32();
            return request(type, id, in);
        } catch (SshProtocolException | InvalidPathException e) {
            log.info("sftp: bad request of type {}: {}", type, e.getMessage());
            return status(id, BAD_MESSAGE, "bad message");
        } catch (NoSuchFileException e) {
            return status(id, NO_SUCH_FILE, "no such file");
        } catch (AccessDeniedException | SecurityException e) {
            return status(id, PERMISSION_DENIED, "permission denied");
        } catch (FileAlreadyExistsException e) {
            return status(id, FAILURE, "file exists");
        } catch (DirectoryNotEmptyException e) {
            return status(id, FAILURE, "directory not empty");
        } catch (NotDirectoryException e) {
            return status(id, FAILURE, "not a directory");
        } catch (UnsupportedOperationException e) {
            return status(id, OP_UNSUPPORTED, "operation not supported");
        } catch (FileSystemException e) {
            // EPERM (chown to another user, say) is a permission matter, as OpenSSH reports it.
            boolean denied = "Operation not permitted".equals(e.getReason());
            log.debug("sftp request {} failed: {}", type, e.toString());
            return denied ? status(id, PERMISSION_DENIED, "permission denied") : status(id, FAILURE, "failure");
        } catch (IOException | RuntimeException e) {
            log.debug("sftp request {} failed: {}", type, e.toString());
            return status(id, FAILURE, "failure");
        }
    }

    private byte[] request(int type, long id, WireReader in) throws SshProtocolException, IOException {
        switch (type) {
            case SftpNumbers.OPEN:
                return open(id, in.readUtf8(), in.readUint32(), SftpAttributes.read(in));
            case SftpNumbers.CLOSE:
                return close(id, handleKey(in));
            case SftpNumbers.READ:
                return read(id, file(handleKey(in)), in.readUint64(), in.readUint32());
            case SftpNumbers.WRITE:
                return write(id, file(handleKey(in)), in.readUint64(), in.readString());
            case SftpNumbers.LSTAT:
                return attrs(id, root.noFollow(in.readUtf8()), false);
            case SftpNumbers.STAT:
                return attrs(id, root.follow(in.readUtf8()), true);
            case SftpNumbers.FSTAT:
                return attrs(id, open(handleKey(in)).path(), true);
            case SftpNumbers.SETSTAT:
                setAttributes(root.follow(in.readUtf8()), null, SftpAttributes.read(in));
                return ok(id);
            case SftpNumbers.FSETSTAT:
                Open target = open(handleKey(in));
                setAttributes(target.path(), target instanceof OpenFile file ? file.channel() : null,
                        SftpAttributes.read(in));
                return ok(id);
            case SftpNumbers.OPENDIR:
                return openDirectory(id, root.follow(in.readUtf8()));
            case SftpNumbers.READDIR:
                return readDirectory(id, handleKey(in));
            case SftpNumbers.REMOVE:
                return remove(id, root.entry(in.readUtf8()));
            case SftpNumbers.MKDIR:
                return makeDirectory(id, root.entry(in.readUtf8()), SftpAttributes.read(in));
            case SftpNumbers.RMDIR:
                return removeDirectory(id, root.entry(in.readUtf8()));
            case SftpNumbers.REALPATH:
                return name(id, realPath(in.readUtf8()));
            case SftpNumbers.RENAME:
                return rename(id, root.entry(in.readUtf8()), root.entry(in.readUtf8()));
            case SftpNumbers.READLINK:
                return name(id, root.shownTarget(root.noFollow(in.readUtf8())));
            case SftpNumbers.SYMLINK:
                // OpenSSH sends the target first and the link second, the reverse of the draft's
                // section 6.10; every client in use (OpenSSH, paramiko) follows OpenSSH.
                String linkTarget = in.readUtf8();
                Path link = root.entry(in.readUtf8());
                Files.createSymbolicLink(link, Path.of(root.linkText(link, linkTarget)));
                return ok(id);
            case SftpNumbers.EXTENDED:
                return extended(id, in.readUtf8(), in);
            default:
                return status(id, OP_UNSUPPORTED, "operation not supported");
        }
    }

    /** OpenSSH's extensions (its PROTOCOL file, section "sftp"). */
    private byte[] extended(long id, String name, WireReader in) throws SshProtocolException, IOException {
        switch (name) {
            case SftpNumbers.POSIX_RENAME:
                Files.move(root.entry(in.readUtf8()), root.entry(in.readUtf8()), StandardCopyOption.ATOMIC_MOVE);
                return ok(id);
            case SftpNumbers.STATVFS:
                return statvfs(id, root.follow(in.readUtf8()));
            case SftpNumbers.FSTATVFS:
                return statvfs(id, open(handleKey(in)).path());
            case SftpNumbers.HARDLINK:
                Path existing = root.entry(in.readUtf8());
                Files.createLink(root.entry(in.readUtf8()), existing);
                return ok(id);
            case SftpNumbers.FSYNC:
                file(handleKey(in)).force(true);
                return ok(id);
            case SftpNumbers.LIMITS:
                return frame(WireWriter.message(EXTENDED_REPLY).writeUint32(id).writeUint64(limits.maxPacket())
                        .writeUint64(limits.maxRead()).writeUint64(limits.maxWrite())
                        .writeUint64(limits.maxHandles()));
            case SftpNumbers.EXPAND_PATH:
                return name(id, expandPath(in.readUtf8()));
            default:
                return status(id, OP_UNSUPPORTED, "extension not supported");
        }
    }

    // ---------------------------------------------------------------- paths

    /** REALPATH (section 6.9): the canonical client path, a last component that does not exist allowed. */
    private String realPath(String clientPath) throws IOException {
        Path path = root.noFollow(clientPath);
        return root.virtual(SftpRoot.exists(path) ? root.followLink(path, clientPath) : path);
    }

    /** expand-path@openssh.com: "~" and "~/" are the root (the user's home); other users' homes do not exist here. */
    private String expandPath(String clientPath) throws IOException {
        if (clientPath.equals("~")) {
            return realPath("/");
        }
        if (clientPath.startsWith("~/")) {
            return realPath(clientPath.substring(1));
        }
        if (clientPath.startsWith("~")) {
            throw new NoSuchFileException(clientPath);
        }
        return realPath(clientPath);
    }

    // ---------------------------------------------------------------- handles

    private static String handleKey(WireReader in) throws SshProtocolException {
        return new String(in.readString(), StandardCharsets.ISO_8859_1);
    }

    private String newHandle(Open value) {
        String handle = Long.toString(nextHandle++);
        handles.put(handle, value);
        return handle;
    }

    private void checkHandleRoom() throws IOException {
        if (handles.size() >= limits.maxHandles()) {
            log.info("sftp: {} handles open, the limit", handles.size());
            throw new IOException("too many handles");
        }
    }

    private Open open(String handle) throws IOException {
        Open value = handles.get(handle);
        if (value == null) {
            throw new IOException("no such handle");
        }
        return value;
    }

    private FileChannel file(String handle) throws IOException {
        if (handles.get(handle) instanceof OpenFile file) {
            return file.channel();
        }
        throw new IOException("not a file handle");
    }

    /** Closes every handle (the session ended). */
    void closeAll() {
        for (Open value : handles.values()) {
            closeQuietly(value);
        }
        handles.clear();
    }

    private static void closeQuietly(Open value) {
        try {
            if (value instanceof OpenFile file) {
                file.channel().close();
            } else if (value instanceof OpenDirectory directory) {
                directory.stream().close();
            }
        } catch (IOException e) {
            log.debug("sftp close: {}", e.toString());
        }
    }

    private byte[] close(long id, String handle) {
        Open value = handles.remove(handle);
        if (value == null) {
            return status(id, FAILURE, "no such handle");
        }
        closeQuietly(value);
        return ok(id);
    }

    // ---------------------------------------------------------------- files

    private byte[] open(long id, String clientPath, long flags, SftpAttributes attrs) throws IOException {
        checkHandleRoom();
        Path path = root.follow(clientPath);
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if ((flags & SftpNumbers.OPEN_READ) != 0) {
            options.add(StandardOpenOption.READ);
        }
        if ((flags & SftpNumbers.OPEN_WRITE) != 0) {
            options.add(StandardOpenOption.WRITE);
        }
        if ((flags & SftpNumbers.OPEN_APPEND) != 0) {
            options.add(StandardOpenOption.APPEND);
        }
        if ((flags & SftpNumbers.OPEN_TRUNCATE) != 0) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        FileChannel channel;
        if ((flags & SftpNumbers.OPEN_CREATE) != 0) {
            options.add((flags & SftpNumbers.OPEN_EXCLUSIVE) != 0 ? StandardOpenOption.CREATE_NEW
                    : StandardOpenOption.CREATE);
            int mode = attrs.has(SftpAttributes.PERMISSIONS) ? attrs.permissions() & 0777 : 0666;
            // As open(2): the mode applies to a new file only, less the process's umask.
            channel = FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(permissions(mode)));
        } else {
            channel = FileChannel.open(path, options);
        }
        return frame(WireWriter.message(HANDLE).writeUint32(id).writeString(newHandle(new OpenFile(channel, path))));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = new HashSet<>();
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    /**
     * READ (section 6.4): at most {@link SftpLimits#maxRead()} bytes, read straight into the framed
     * reply, in an array from {@link #readBuffers} (every byte of it written, or the reply copied
     * to a shorter array when the file ended first).
     */
    private byte[] read(long id, FileChannel channel, long offset, long length) throws IOException {
        if (offset < 0) {
            return status(id, EOF, "end of file");
        }
        int wanted = (int) Math.min(length, limits.maxRead());
        byte[] array = readBuffers.take(DATA_HEADER + wanted);
        ByteBuffer reply = ByteBuffer.wrap(array);
        reply.position(DATA_HEADER);
        int count = 0;
        while (reply.hasRemaining()) {
            int got = channel.read(reply, offset + count);
            if (got < 0) {
                break;
            }
            count += got;
        }
        if (count == 0 && wanted > 0) {
            readBuffers.give(array);
            return status(id, EOF, "end of file");
        }
        reply.putInt(0, 1 + 4 + 4 + count).put(4, (byte) DATA).putInt(5, (int) id).putInt(9, count);
        if (count == wanted) {
            return array;
        }
        byte[] shorter = Arrays.copyOf(array, DATA_HEADER + count);
        readBuffers.give(array);
        return shorter;
    }

    private byte[] write(long id, FileChannel channel, long offset, byte[] data) throws IOException {
        if (data.length > limits.maxWrite()) {
            log.info("sftp: a write of {} bytes, over the limit of {}", data.length, limits.maxWrite());
            return status(id, FAILURE, "write longer than " + limits.maxWrite() + " bytes");
        }
        if (offset < 0) {
            return status(id, FAILURE, "offset out of range");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long position = offset;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        return ok(id);
    }

    /** SETSTAT and FSETSTAT (sections 6.9 and 5), in OpenSSH's order: size, mode, times, owner. */
    private static void setAttributes(Path path, FileChannel channel, SftpAttributes attrs) throws IOException {
        if (attrs.has(SftpAttributes.SIZE)) {
            if (channel != null) {
                resize(channel, attrs.size());
            } else {
                try (FileChannel opened = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    resize(opened, attrs.size());
                }
            }
        }
        // The path is already the real file (links resolved and confined): chmod(2) and friends on it.
        if (attrs.has(SftpAttributes.PERMISSIONS)) {
            Files.setAttribute(path, "unix:mode", attrs.permissions() & 07777);
        }
        if (attrs.has(SftpAttributes.ACMODTIME)) {
            Files.getFileAttributeView(path, BasicFileAttributeView.class).setTimes(
                    FileTime.from(attrs.mtime(), TimeUnit.SECONDS), FileTime.from(attrs.atime(), TimeUnit.SECONDS), null);
        }
        if (attrs.has(SftpAttributes.UIDGID)) {
            Files.setAttribute(path, "unix:uid", attrs.uid());
            Files.setAttribute(path, "unix:gid", attrs.gid());
        }
    }

    /** ftruncate(2): shrinks, or grows with zeros. */
    private static void resize(FileChannel channel, long size) throws IOException {
        if (size < 0) {
            throw new IOException("negative size");
        }
        if (size < channel.size()) {
            channel.truncate(size);
        } else if (size > channel.size()) {
            channel.write(ByteBuffer.allocate(1), size - 1);
        }
    }

    private byte[] statvfs(long id, Path path) throws IOException {
        FileStore store = Files.getFileStore(path);
        long fragment = store.getBlockSize();
        // Java shows no inode counts nor fsid: they are sent as 0 (OpenSSH's df -i then shows 0).
        return frame(WireWriter.message(EXTENDED_REPLY).writeUint32(id).writeUint64(fragment).writeUint64(fragment)
                .writeUint64(store.getTotalSpace() / fragment).writeUint64(store.getUnallocatedSpace() / fragment)
                .writeUint64(store.getUsableSpace() / fragment).writeUint64(0).writeUint64(0).writeUint64(0)
                .writeUint64(0).writeUint64(store.isReadOnly() ? 1 : 0).writeUint64(NAME_MAX));
    }

    // ---------------------------------------------------------------- names and directories

    private byte[] remove(long id, Path path) throws IOException {
        if (Files.isDirectory(path, NO_FOLLOW)) {
            return status(id, FAILURE, "is a directory");
        }
        Files.delete(path);
        return ok(id);
    }

    private byte[] makeDirectory(long id, Path path, SftpAttributes attrs) throws IOException {
        int mode = attrs.has(SftpAttributes.PERMISSIONS) ? attrs.permissions() & 0777 : 0777;
        // As mkdir(2): the mode less the umask.
        Files.createDirectory(path, PosixFilePermissions.asFileAttribute(permissions(mode)));
        return ok(id);
    }

    private byte[] removeDirectory(long id, Path path) throws IOException {
        if (!Files.isDirectory(path, NO_FOLLOW)) {
            return status(id, FAILURE, "not a directory");
        }
        Files.delete(path);
        return ok(id);
    }

    /** RENAME (section 6.5): version 3 fails when the target exists; posix-rename@openssh.com replaces it. */
    private byte[] rename(long id, Path from, Path to) throws IOException {
        if (!SftpRoot.exists(from)) {
            throw new NoSuchFileException(from.toString());
        }
        if (SftpRoot.exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        return ok(id);
    }

    private byte[] attrs(long id, Path path, boolean follow) throws IOException {
        return frame(readAttributes(path, follow).write(WireWriter.message(ATTRS).writeUint32(id)));
    }

    /** The ATTRS of a file: size, owner, mode with the type bits, access and modification times. */
    static SftpAttributes readAttributes(Path path, boolean follow) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:size,uid,gid,mode,lastAccessTime,lastModifiedTime",
                follow ? new LinkOption[0] : NO_FOLLOW);
        return new SftpAttributes(SftpAttributes.SIZE | SftpAttributes.UIDGID | SftpAttributes.PERMISSIONS
                | SftpAttributes.ACMODTIME, (Long) unix.get("size"), (Integer) unix.get("uid"), (Integer) unix.get("gid"),
                (Integer) unix.get("mode"), ((FileTime) unix.get("lastAccessTime")).to(TimeUnit.SECONDS),
                ((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.SECONDS));
    }

    private byte[] openDirectory(long id, Path path) throws IOException {
        checkHandleRoom();
        if (!Files.isDirectory(path, NO_FOLLOW)) {
            throw new NotDirectoryException(path.toString());
        }
        DirectoryStream<Path> stream = Files.newDirectoryStream(path);
        String handle = newHandle(new OpenDirectory(stream, stream.iterator(), path));
        return frame(WireWriter.message(HANDLE).writeUint32(id).writeString(handle));
    }

    private byte[] readDirectory(long id, String handle) throws IOException {
        if (!(handles.get(handle) instanceof OpenDirectory directory)) {
            return status(id, FAILURE, "not a directory handle");
        }
        if (!directory.entries().hasNext()) {
            return status(id, EOF, "end of directory");
        }
        WireWriter entries = new WireWriter();
        int count = 0;
        while (directory.entries().hasNext() && count < limits.readdirBatch()) {
            Path entry = directory.entries().next();
            String name = entry.getFileName().toString();
            SftpAttributes attrs;
            try {
                attrs = readAttributes(entry, false);
            } catch (NoSuchFileException gone) {
                continue;
            }
            entries.writeString(name).writeString(longName(entry, name, attrs));
            attrs.write(entries);
            count++;
        }
        if (count == 0) {
            return status(id, EOF, "end of directory");
        }
        return frame(WireWriter.message(NAME).writeUint32(id).writeUint32(count).writeRaw(entries.toByteArray()));
    }

    /** The {@code ls -l} line OpenSSH's client prints as it is; a link shows its target as READLINK would. */
    private String longName(Path entry, String name, SftpAttributes attrs) throws IOException {
        int mode = attrs.permissions();
        char type = (mode & 0170000) == 0040000 ? 'd' : (mode & 0170000) == 0120000 ? 'l' : '-';
        long links = ((Number) Files.getAttribute(entry, "unix:nlink", NO_FOLLOW)).longValue();
        String line = String.format("%c%s %3d %-8d %-8d %8d %s %s", type,
                PosixFilePermissions.toString(permissions(mode & 0777)), links, attrs.uid(), attrs.gid(), attrs.size(),
                lsDate(attrs.mtime()), name);
        if (type == 'l') {
            try {
                line += " -> " + root.shownTarget(entry);
            } catch (AccessDeniedException outside) {
                // A link leaving the root is listed without its target.
            }
        }
        return line;
    }

    /** The date as ls(1) shows it: the time for the last six months, else the year. */
    static String lsDate(long mtime) {
        ZonedDateTime time = Instant.ofEpochSecond(mtime).atZone(ZoneId.systemDefault());
        boolean recent = time.isAfter(ZonedDateTime.now().minusMonths(6));
        return time.format(recent ? RECENT : OLD);
    }

    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.ROOT);

    // ---------------------------------------------------------------- replies

    private static byte[] name(long id, String name) {
        return frame(SftpAttributes.NONE.write(WireWriter.message(NAME).writeUint32(id).writeUint32(1)
                .writeString(name).writeString(name)));
    }

    private static byte[] ok(long id) {
        return status(id, OK, "ok");
    }

    /** A framed STATUS reply (section 7) with an empty language tag. */
    static byte[] status(long id, int code, String message) {
        return frame(WireWriter.message(STATUS).writeUint32(id).writeUint32(code).writeString(message).writeString(""));
    }

    /** {@code uint32 length} and the packet. */
    static byte[] frame(WireWriter packet) {
        byte[] body = packet.toByteArray();
        return new WireWriter(body.length + 4).writeUint32(body.length).writeRaw(body).toByteArray();
    }
}
