package dev.torsion.ssh.sftp;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.server.ExecChannel;
import dev.torsion.ssh.server.ExecSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SFTP version 3 server on one session channel (draft-ietf-secsh-filexfer-02), serving the
 * files under a root: client paths are taken relative to the root, {@code ..} cannot climb out of
 * it, and a symbolic link leading outside is refused. File I/O runs on the reactor's thread pool,
 * one request after another, so the reactor thread never waits for the disk; replies go out in
 * request order. Reads are at most {@link #MAX_READ} bytes, so large files stream in pieces.
 */
public final class SftpServer implements ExecSession {
    /** The largest packet accepted (OpenSSH's SFTP_MAX_MSG_LENGTH). */
    public static final int MAX_PACKET = 256 * 1024;
    /** The largest read served at once. */
    public static final int MAX_READ = 64 * 1024;
    /** Open handles per session. */
    public static final int MAX_HANDLES = 256;

    static final int INIT = 1;
    static final int VERSION = 2;
    static final int OPEN = 3;
    static final int CLOSE = 4;
    static final int READ = 5;
    static final int WRITE = 6;
    static final int LSTAT = 7;
    static final int FSTAT = 8;
    static final int SETSTAT = 9;
    static final int FSETSTAT = 10;
    static final int OPENDIR = 11;
    static final int READDIR = 12;
    static final int REMOVE = 13;
    static final int MKDIR = 14;
    static final int RMDIR = 15;
    static final int REALPATH = 16;
    static final int STAT = 17;
    static final int RENAME = 18;
    static final int STATUS = 101;
    static final int HANDLE = 102;
    static final int DATA = 103;
    static final int NAME = 104;
    static final int ATTRS = 105;
    static final int EXTENDED = 200;

    static final int OK = 0;
    static final int EOF = 1;
    static final int NO_SUCH_FILE = 2;
    static final int PERMISSION_DENIED = 3;
    static final int FAILURE = 4;
    static final int BAD_MESSAGE = 5;
    static final int OP_UNSUPPORTED = 8;

    private static final Logger log = LoggerFactory.getLogger(SftpServer.class);

    private final Reactor reactor;
    private final Path root;
    private final ExecChannel channel;
    private final SftpPacketReader reader = new SftpPacketReader(MAX_PACKET);
    private final Map<String, Object> handles = new HashMap<>();
    private Deferred<Object> tail = Deferred.succeed(null);
    /** Requests read while a batch is on the thread pool; only the reactor thread touches it. */
    private final List<byte[]> queued = new ArrayList<>();
    private boolean working;
    private int nextHandle;
    private boolean ended;

    /** A server of the files under {@code root} (which must exist) on {@code channel}. */
    public SftpServer(Reactor reactor, Path root, ExecChannel channel) throws IOException {
        this.reactor = reactor;
        this.root = root.toRealPath();
        this.channel = channel;
    }

    /**
     * Queues the requests that {@code data} completes. While the thread pool works on one batch,
     * the requests that arrive (a client keeps many reads in flight: OpenSSH's sftp 64 of 32 KiB)
     * wait and go together as the next batch, handled in order as the protocol asks of requests on
     * one file. One trip to the pool per request held downloads to the latency of a hand-over.
     */
    @Override
    public void input(byte[] data) {
        reader.feed(data);
        try {
            for (byte[] packet = reader.next(); packet != null; packet = reader.next()) {
                queued.add(packet);
            }
        } catch (SshProtocolException e) {
            log.info("sftp: {}", e.getMessage());
            end(1);
            return;
        }
        if (!working && !queued.isEmpty()) {
            working = true;
            tail = tail.addCallbackDeferred(ignored -> runQueued());
        }
    }

    /** Handles what is queued, then what was queued meanwhile, until nothing is (on the reactor thread). */
    private Deferred<Object> runQueued() {
        if (queued.isEmpty()) {
            working = false;
            return Deferred.succeed(null);
        }
        List<byte[]> batch = new ArrayList<>(queued);
        queued.clear();
        return reactor.deferToThread(() -> handleAll(batch)).addCallbackDeferred(replies -> {
            for (byte[] reply : replies) {
                if (!ended) {
                    channel.write(frame(reply));
                }
            }
            return runQueued();
        });
    }

    /** Handles {@code requests} in order (on the thread pool); the replies, in the same order. */
    private List<byte[]> handleAll(List<byte[]> requests) {
        List<byte[]> replies = new ArrayList<>(requests.size());
        for (byte[] request : requests) {
            byte[] reply = handle(request);
            if (reply != null) {
                replies.add(reply);
            }
        }
        return replies;
    }

    @Override
    public void inputEnded() {
        tail.addCallback(ignored -> {
            end(0);
            return null;
        });
    }

    @Override
    public void terminate() {
        ended = true;
        tail.addCallbackDeferred(ignored -> reactor.deferToThread(() -> {
            closeAll();
            return null;
        }));
    }

    private void end(int status) {
        if (!ended) {
            ended = true;
            tail.addCallbackDeferred(ignored -> reactor.deferToThread(() -> {
                closeAll();
                return null;
            })).addCallback(ignored -> {
                channel.exit(status);
                return null;
            });
        }
    }

    private void closeAll() {
        for (Object handle : handles.values()) {
            closeQuietly(handle);
        }
        handles.clear();
    }

    private static void closeQuietly(Object handle) {
        try {
            if (handle instanceof FileChannel file) {
                file.close();
            } else if (handle instanceof DirHandle dir) {
                dir.stream.close();
            }
        } catch (IOException e) {
            log.debug("sftp close: {}", e.toString());
        }
    }

    private static byte[] frame(byte[] body) {
        return new WireWriter(body.length + 4).writeUint32(body.length).writeRaw(body).toByteArray();
    }

    /** One directory being listed. */
    private record DirHandle(DirectoryStream<Path> stream, Iterator<Path> entries) {
    }

    // ---------------------------------------------------------------- requests (on a pool thread)

    byte[] handle(byte[] packet) {
        WireReader in = new WireReader(packet);
        int type = -1;
        long id = 0;
        try {
            type = in.readByte();
            if (type == INIT) {
                // Version 3 (section 4), with the extensions served.
                return WireWriter.message(VERSION).writeUint32(3).writeString("posix-rename@openssh.com")
                        .writeString("1").writeString("fsync@openssh.com").writeString("1").toByteArray();
            }
            id = in.readUint32();
            return request(type, id, in);
        } catch (SshProtocolException e) {
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
        } catch (IOException | RuntimeException e) {
            log.debug("sftp request {} failed: {}", type, e.toString());
            return status(id, FAILURE, "failure");
        }
    }

    private byte[] request(int type, long id, WireReader in) throws SshProtocolException, IOException {
        switch (type) {
            case OPEN:
                return open(id, in);
            case CLOSE:
                return close(id, in.readAscii());
            case READ:
                return read(id, file(in.readAscii()), in.readUint64(), in.readInt());
            case WRITE:
                return write(id, file(in.readAscii()), in.readUint64(), in.readString());
            case LSTAT:
                return attrs(id, resolve(in.readUtf8()), false);
            case STAT:
                return attrs(id, resolve(in.readUtf8()), true);
            case FSTAT:
                return fstat(id, in.readAscii());
            case SETSTAT:
                setStat(resolve(in.readUtf8()), in);
                return status(id, OK, "ok");
            case FSETSTAT:
                in.readAscii();
                return status(id, OP_UNSUPPORTED, "fsetstat not supported");
            case OPENDIR:
                return openDir(id, resolve(in.readUtf8()));
            case READDIR:
                return readDir(id, in.readAscii());
            case REMOVE:
                Path file = resolve(in.readUtf8());
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    return status(id, FAILURE, "is a directory");
                }
                Files.delete(file);
                return status(id, OK, "ok");
            case MKDIR:
                Path dir = resolve(in.readUtf8());
                Files.createDirectory(dir);
                setStat(dir, in);
                return status(id, OK, "ok");
            case RMDIR:
                Path gone = resolve(in.readUtf8());
                if (!Files.isDirectory(gone, LinkOption.NOFOLLOW_LINKS)) {
                    return status(id, FAILURE, "not a directory");
                }
                Files.delete(gone);
                return status(id, OK, "ok");
            case REALPATH:
                return realPath(id, in.readUtf8());
            case RENAME:
                Path from = resolve(in.readUtf8());
                Path to = resolve(in.readUtf8());
                // Version 3 rename fails when the target exists (section 6.5).
                Files.move(from, to);
                return status(id, OK, "ok");
            case EXTENDED:
                return extended(id, in.readAscii(), in);
            default:
                return status(id, OP_UNSUPPORTED, "operation not supported");
        }
    }

    private byte[] extended(long id, String name, WireReader in) throws SshProtocolException, IOException {
        if ("posix-rename@openssh.com".equals(name)) {
            Files.move(resolve(in.readUtf8()), resolve(in.readUtf8()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return status(id, OK, "ok");
        }
        if ("fsync@openssh.com".equals(name)) {
            file(in.readAscii()).force(true);
            return status(id, OK, "ok");
        }
        return status(id, OP_UNSUPPORTED, "extension not supported");
    }

    // ---------------------------------------------------------------- confinement

    /**
     * The file a client path names: taken under the root ("/" is the root), normalized so that
     * {@code ..} stops at the root, and refused when an existing part of it is a link leading
     * outside the root.
     */
    Path resolve(String clientPath) throws IOException {
        Path virtual = Path.of("/").resolve(clientPath.isEmpty() ? "." : clientPath).normalize();
        Path target = root;
        for (Path part : virtual) {
            target = target.resolve(part.toString());
        }
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(root)) {
            throw new AccessDeniedException(clientPath);
        }
        if (Files.isSymbolicLink(target) && !target.toRealPath().startsWith(root)) {
            throw new AccessDeniedException(clientPath);
        }
        return target;
    }

    private String virtualPath(Path path) {
        Path relative = root.relativize(path);
        return "/" + relative.toString().replace('\\', '/');
    }

    private byte[] realPath(long id, String clientPath) throws IOException {
        Path path = resolve(clientPath);
        Path real = Files.exists(path) ? path.toRealPath() : path;
        String name = real.startsWith(root) ? virtualPath(real) : "/";
        return WireWriter.message(NAME).writeUint32(id).writeUint32(1).writeString(name).writeString(name)
                .writeUint32(0).toByteArray();
    }

    // ---------------------------------------------------------------- files

    private String newHandle(Object value) throws IOException {
        if (handles.size() >= MAX_HANDLES) {
            closeQuietly(value);
            throw new IOException("too many handles");
        }
        String handle = Integer.toString(nextHandle++);
        handles.put(handle, value);
        return handle;
    }

    private FileChannel file(String handle) throws IOException {
        if (handles.get(handle) instanceof FileChannel file) {
            return file;
        }
        throw new IOException("not a file handle");
    }

    private byte[] open(long id, WireReader in) throws SshProtocolException, IOException {
        Path path = resolve(in.readUtf8());
        long flags = in.readUint32();
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if ((flags & 1) != 0) {
            options.add(StandardOpenOption.READ);
        }
        if ((flags & 2) != 0) {
            options.add(StandardOpenOption.WRITE);
        }
        if ((flags & 4) != 0) {
            options.add(StandardOpenOption.APPEND);
        }
        if ((flags & 8) != 0) {
            options.add((flags & 0x20) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if ((flags & 0x10) != 0) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        FileChannel file = Files.exists(path) || (flags & 8) == 0
                ? FileChannel.open(path, options)
                : FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(permissions(in, 0644)));
        return WireWriter.message(HANDLE).writeUint32(id).writeString(newHandle(file)).toByteArray();
    }

    private static Set<PosixFilePermission> permissions(WireReader attrs, int fallback) throws SshProtocolException {
        long flags = attrs.readUint32();
        int mode = fallback;
        if ((flags & 1) != 0) {
            attrs.readUint64();
        }
        if ((flags & 2) != 0) {
            attrs.readUint32();
            attrs.readUint32();
        }
        if ((flags & 4) != 0) {
            mode = (int) attrs.readUint32();
        }
        return modeToPermissions(mode);
    }

    static Set<PosixFilePermission> modeToPermissions(int mode) {
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

    private byte[] close(long id, String handle) {
        Object value = handles.remove(handle);
        if (value == null) {
            return status(id, FAILURE, "no such handle");
        }
        closeQuietly(value);
        return status(id, OK, "ok");
    }

    private byte[] read(long id, FileChannel file, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(Math.max(length, 0), MAX_READ));
        int count = file.read(buffer, offset);
        if (count < 0) {
            return status(id, EOF, "end of file");
        }
        return WireWriter.message(DATA).writeUint32(id).writeUint32(count).writeRaw(buffer.array(), 0, count)
                .toByteArray();
    }

    private byte[] write(long id, FileChannel file, long offset, byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long position = offset;
        while (buffer.hasRemaining()) {
            position += file.write(buffer, position);
        }
        return status(id, OK, "ok");
    }

    private void setStat(Path path, WireReader in) throws SshProtocolException, IOException {
        long flags = in.readUint32();
        if ((flags & 1) != 0) {
            long size = in.readUint64();
            try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE)) {
                file.truncate(size);
            }
        }
        if ((flags & 2) != 0) {
            in.readUint32();
            in.readUint32();
        }
        if ((flags & 4) != 0) {
            Files.setPosixFilePermissions(path, modeToPermissions((int) in.readUint32()));
        }
        if ((flags & 8) != 0) {
            in.readUint32();
            long mtime = in.readUint32();
            Files.setLastModifiedTime(path, FileTime.from(mtime, TimeUnit.SECONDS));
        }
    }

    // ---------------------------------------------------------------- attributes and directories

    private byte[] attrs(long id, Path path, boolean follow) throws IOException {
        if (follow && Files.isSymbolicLink(path) && !path.toRealPath().startsWith(root)) {
            throw new AccessDeniedException(path.toString());
        }
        return encodeAttrs(WireWriter.message(ATTRS).writeUint32(id), path, follow).toByteArray();
    }

    private byte[] fstat(long id, String handle) throws IOException {
        FileChannel file = file(handle);
        return WireWriter.message(ATTRS).writeUint32(id).writeUint32(1).writeUint64(file.size()).toByteArray();
    }

    /** ATTRS of section 5: size, uid/gid, permissions with the file type bits, access and modification times. */
    static WireWriter encodeAttrs(WireWriter out, Path path, boolean follow) throws IOException {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Map<String, Object> unix = Files.readAttributes(path, "unix:size,uid,gid,mode,lastAccessTime,lastModifiedTime",
                options);
        out.writeUint32(1 | 2 | 4 | 8);
        out.writeUint64((Long) unix.get("size"));
        out.writeUint32((Integer) unix.get("uid"));
        out.writeUint32((Integer) unix.get("gid"));
        out.writeUint32((Integer) unix.get("mode"));
        out.writeUint32(((FileTime) unix.get("lastAccessTime")).to(TimeUnit.SECONDS));
        out.writeUint32(((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.SECONDS));
        return out;
    }

    private byte[] openDir(long id, Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            throw new NotDirectoryException(path.toString());
        }
        DirectoryStream<Path> stream = Files.newDirectoryStream(path);
        return WireWriter.message(HANDLE).writeUint32(id).writeString(newHandle(new DirHandle(stream, stream.iterator())))
                .toByteArray();
    }

    private byte[] readDir(long id, String handle) throws IOException {
        if (!(handles.get(handle) instanceof DirHandle dir)) {
            return status(id, FAILURE, "not a directory handle");
        }
        if (!dir.entries.hasNext()) {
            return status(id, EOF, "end of directory");
        }
        WireWriter entries = new WireWriter();
        int count = 0;
        while (dir.entries.hasNext() && count < 100) {
            Path entry = dir.entries.next();
            String name = entry.getFileName().toString();
            entries.writeString(name).writeString(longName(entry, name));
            encodeAttrs(entries, entry, false);
            count++;
        }
        return WireWriter.message(NAME).writeUint32(id).writeUint32(count).writeRaw(entries.toByteArray()).toByteArray();
    }

    /** The {@code ls -l} line OpenSSH's client prints. */
    private static String longName(Path entry, String name) throws IOException {
        Map<String, Object> unix = Files.readAttributes(entry, "unix:size,mode,nlink,uid,gid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        char type = (mode & 0170000) == 0040000 ? 'd' : (mode & 0170000) == 0120000 ? 'l' : '-';
        String permissions = PosixFilePermissions.toString(modeToPermissions(mode & 0777));
        return String.format("%c%s %3d %-8d %-8d %8d Jan  1 00:00 %s", type, permissions, unix.get("nlink"),
                unix.get("uid"), unix.get("gid"), unix.get("size"), name);
    }

    static byte[] status(long id, int code, String message) {
        return WireWriter.message(STATUS).writeUint32(id).writeUint32(code).writeString(message).writeString("")
                .toByteArray();
    }
}
