package dev.torsion.ssh.sftp;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Consumer;
import dev.torsion.protocols.FileSender;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SFTP version 3 client (draft-ietf-secsh-filexfer-02, with OpenSSH's extensions): every
 * request is a Deferred that fires with its answer or fails with {@link SftpException} (the
 * server's STATUS), and requests may be many at once, told apart by their ids. {@link #get} and
 * {@link #put} stream a file with several reads or writes in flight (64 of 32 KiB by default, as
 * OpenSSH's client), through a consumer or from a producer, so a file is never held whole in
 * memory.
 *
 * <pre>{@code
 * sshClient.sftp()
 *     .addCallbackDeferred(sftp -> sftp.put(Path.of("big.iso"), "/upload/big.iso")
 *         .addCallbackDeferred(sent -> sftp.stat("/upload/big.iso")))
 *     .addCallback(attrs -> attrs.size());
 * }</pre>
 *
 * Runs on the reactor thread, as the channel under it.
 */
public final class SftpClient {
    /** Reads and writes in flight during a transfer, as OpenSSH's client ({@code sftp -R}). */
    public static final int DEFAULT_REQUESTS = 64;
    /** The size of each read and write of a transfer, as OpenSSH's client ({@code sftp -B}). */
    public static final int DEFAULT_CHUNK = 32 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SftpClient.class);

    /** Turns a reply into the request's result, or throws the failure it reports. */
    @FunctionalInterface
    interface ReplyDecoder<T> {
        T decode(int type, WireReader in) throws SftpException, SshProtocolException;
    }

    private record Pending<T>(Deferred<T> deferred, ReplyDecoder<T> decoder) {
        void complete(int type, WireReader in) {
            T value;
            try {
                value = decoder.decode(type, in);
            } catch (SftpException | SshProtocolException e) {
                deferred.errback(e);
                return;
            }
            deferred.callback(value);
        }
    }

    private final SftpPipe pipe;
    private final SftpLimits limits;
    private final SftpPacketReader reader;
    private final Map<Long, Pending<?>> pending = new HashMap<>();
    private final Deferred<SftpClient> ready = new Deferred<>();
    private Map<String, String> extensions = Map.of();
    private SftpClientState state = SftpClientState.AWAITING_VERSION;
    private long version = -1;
    private long nextId;
    private int requestsInFlight = DEFAULT_REQUESTS;
    private int chunk = DEFAULT_CHUNK;
    private long serverMaxRead;
    private long serverMaxWrite;

    /** A client sending through {@code pipe}, with the default limits. Call {@link #start()} next. */
    public SftpClient(SftpPipe pipe) {
        this(pipe, SftpLimits.DEFAULTS);
    }

    /** As above; {@code limits}' packet size bounds the replies accepted. */
    public SftpClient(SftpPipe pipe, SftpLimits limits) {
        this.pipe = pipe;
        this.limits = limits;
        this.reader = new SftpPacketReader(limits.maxPacket());
    }

    /**
     * Sends INIT; fires with this client once VERSION came and, when the server offers
     * limits@openssh.com, once its limits have scaled the transfer sizes down where they are lower.
     */
    public Deferred<SftpClient> start() {
        pipe.send(SftpRequests.init());
        return ready;
    }

    /** The session's state. */
    public SftpClientState state() {
        return state;
    }

    /** The version the server answered (3), or -1 before. */
    public long version() {
        return version;
    }

    /** The extensions the server named in its VERSION, with their versions. */
    public Map<String, String> extensions() {
        return extensions;
    }

    /** True when the server offered {@code extension}. */
    public boolean supports(String extension) {
        return extensions.containsKey(extension);
    }

    /**
     * Sets how many reads or writes a transfer keeps in flight and their size (at most the
     * server's limits, when it stated them).
     */
    public SftpClient withTransfer(int requests, int chunkSize) {
        if (requests < 1 || chunkSize < 512 || chunkSize > limits.maxPacket() - 1024) {
            throw new IllegalArgumentException("transfer out of range");
        }
        this.requestsInFlight = requests;
        this.chunk = chunkSize;
        return this;
    }

    /** The size of each read of a transfer: the chunk size, at most what the server said it serves. */
    public int readChunk() {
        return (int) (serverMaxRead > 0 ? Math.min(chunk, serverMaxRead) : chunk);
    }

    /** The size of each write of a transfer: the chunk size, at most what the server said it takes. */
    public int writeChunk() {
        return (int) (serverMaxWrite > 0 ? Math.min(chunk, serverMaxWrite) : chunk);
    }

    /** Ends the session (the channel's EOF and CLOSE); requests not answered fail. */
    public void close() {
        pipe.close();
    }

    // ---------------------------------------------------------------- input

    /** Bytes from the server. */
    public void dataReceived(byte[] data) {
        if (state == SftpClientState.CLOSED) {
            return;
        }
        reader.feed(data);
        try {
            for (byte[] packet = reader.next(); packet != null; packet = reader.next()) {
                reply(packet);
                if (state == SftpClientState.CLOSED) {
                    return;
                }
            }
        } catch (SshProtocolException e) {
            log.info("sftp client: {}", e.getMessage());
            connectionLost(e);
            pipe.close();
        }
    }

    private void reply(byte[] packet) throws SshProtocolException {
        WireReader in = new WireReader(packet);
        int type = in.readByte();
        if (type == SftpNumbers.VERSION) {
            if (state != SftpClientState.AWAITING_VERSION) {
                throw SshProtocolException.malformed("VERSION twice");
            }
            version(in);
            return;
        }
        long id = in.readUint32();
        Pending<?> waiting = pending.remove(id);
        if (waiting == null) {
            throw SshProtocolException.malformed("a reply of type " + type + " to no request (" + id + ")");
        }
        waiting.complete(type, in);
    }

    private void version(WireReader in) throws SshProtocolException {
        version = in.readUint32();
        if (version < SftpNumbers.VERSION_3) {
            throw SshProtocolException.malformed("SFTP version " + version);
        }
        Map<String, String> offered = new LinkedHashMap<>();
        while (in.remaining() > 0) {
            offered.put(in.readUtf8(), in.readUtf8());
        }
        extensions = Collections.unmodifiableMap(offered);
        state = state.versionReceived();
        if (!supports(SftpNumbers.LIMITS)) {
            ready.callback(this);
            return;
        }
        limits().addBoth((server, failure) -> {
            if (server != null) {
                adopt(server);
            }
            ready.callback(this);
            return null;
        });
    }

    private void adopt(SftpServerLimits server) {
        // Below 512 bytes a limit is not taken seriously: transfers would crawl.
        serverMaxRead = server.maxRead() >= 512 ? server.maxRead() : 0;
        serverMaxWrite = server.maxWrite() >= 512 ? server.maxWrite() : 0;
    }

    /** The channel closed (or the stream broke): every request waiting fails. */
    public void connectionLost(Exception reason) {
        if (state == SftpClientState.CLOSED) {
            return;
        }
        state = state.closed();
        SftpException lost = new SftpException(SftpNumbers.CONNECTION_LOST,
                "SFTP session ended" + (reason == null ? "" : ": " + reason.getMessage()));
        List<Pending<?>> failed = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending<?> waiting : failed) {
            waiting.deferred().errback(lost);
        }
        if (!ready.isCalled()) {
            ready.errback(lost);
        }
    }

    // ---------------------------------------------------------------- requests

    private <T> Deferred<T> send(long id, byte[] request, ReplyDecoder<T> decoder) {
        if (state == SftpClientState.CLOSED) {
            return Deferred.fail(new SftpException(SftpNumbers.NO_CONNECTION, "SFTP session closed"));
        }
        Deferred<T> deferred = new Deferred<>();
        pending.put(id, new Pending<>(deferred, decoder));
        pipe.send(request);
        return deferred;
    }

    private long id() {
        long id = nextId;
        nextId = (nextId + 1) & 0xffffffffL;
        return id;
    }

    private <T> Deferred<T> unsupported(String extension) {
        return Deferred.fail(new SftpException(SftpNumbers.OP_UNSUPPORTED, "the server does not offer " + extension));
    }

    /** Opens a file (section 6.3) with SSH_FXF_* {@code flags} ({@link SftpNumbers#OPEN_READ}, ...). */
    public Deferred<SftpHandle> open(String path, int flags, SftpAttributes attrs) {
        long id = id();
        return send(id, SftpRequests.open(id, path, flags, attrs), SftpClient::handle);
    }

    /** Closes a file or directory handle. */
    public Deferred<Void> close(SftpHandle handle) {
        long id = id();
        return send(id, SftpRequests.close(id, handle), SftpClient::ok);
    }

    /** Reads up to {@code length} bytes at {@code offset}: fewer may come; an empty array at end of file. */
    public Deferred<byte[]> read(SftpHandle handle, long offset, int length) {
        long id = id();
        return send(id, SftpRequests.read(id, handle, offset, length), SftpClient::data);
    }

    /** Writes {@code data} at {@code offset}. */
    public Deferred<Void> write(SftpHandle handle, long offset, byte[] data) {
        return write(handle, offset, data, 0, data.length);
    }

    /** Writes {@code length} bytes of {@code data} from {@code from} at {@code offset}. */
    public Deferred<Void> write(SftpHandle handle, long offset, byte[] data, int from, int length) {
        long id = id();
        return send(id, SftpRequests.write(id, handle, offset, data, from, length), SftpClient::ok);
    }

    /** The attributes of a file, links followed. */
    public Deferred<SftpAttributes> stat(String path) {
        long id = id();
        return send(id, SftpRequests.stat(id, path), SftpClient::attrs);
    }

    /** The attributes of a file, a link itself. */
    public Deferred<SftpAttributes> lstat(String path) {
        long id = id();
        return send(id, SftpRequests.lstat(id, path), SftpClient::attrs);
    }

    /** The attributes of an open file. */
    public Deferred<SftpAttributes> fstat(SftpHandle handle) {
        long id = id();
        return send(id, SftpRequests.fstat(id, handle), SftpClient::attrs);
    }

    /** Sets the attributes present in {@code attrs} (size, owner, mode, times). */
    public Deferred<Void> setstat(String path, SftpAttributes attrs) {
        long id = id();
        return send(id, SftpRequests.setstat(id, path, attrs), SftpClient::ok);
    }

    /** As {@link #setstat}, on an open handle. */
    public Deferred<Void> fsetstat(SftpHandle handle, SftpAttributes attrs) {
        long id = id();
        return send(id, SftpRequests.fsetstat(id, handle, attrs), SftpClient::ok);
    }

    /** Opens a directory for {@link #readdir}. */
    public Deferred<SftpHandle> opendir(String path) {
        long id = id();
        return send(id, SftpRequests.opendir(id, path), SftpClient::handle);
    }

    /** The next names of a directory; an empty list at its end. */
    public Deferred<List<SftpName>> readdir(SftpHandle handle) {
        long id = id();
        return send(id, SftpRequests.readdir(id, handle), SftpClient::names);
    }

    /** Every name of a directory ("." and ".." included when the server lists them). */
    public Deferred<List<SftpName>> listDirectory(String path) {
        List<SftpName> all = new ArrayList<>();
        return opendir(path).addCallbackDeferred(handle -> readAll(handle, all)
                .addBothDeferred((names, failure) -> close(handle).addCallback(closed -> {
                    if (failure != null) {
                        throw failure.rethrow();
                    }
                    return names;
                })));
    }

    private Deferred<List<SftpName>> readAll(SftpHandle handle, List<SftpName> all) {
        return readdir(handle).addCallbackDeferred(names -> {
            if (names.isEmpty()) {
                return Deferred.succeed(all);
            }
            all.addAll(names);
            return readAll(handle, all);
        });
    }

    /** Removes a file (or link). */
    public Deferred<Void> remove(String path) {
        long id = id();
        return send(id, SftpRequests.remove(id, path), SftpClient::ok);
    }

    /** Makes a directory. */
    public Deferred<Void> mkdir(String path, SftpAttributes attrs) {
        long id = id();
        return send(id, SftpRequests.mkdir(id, path, attrs), SftpClient::ok);
    }

    /** Removes an empty directory. */
    public Deferred<Void> rmdir(String path) {
        long id = id();
        return send(id, SftpRequests.rmdir(id, path), SftpClient::ok);
    }

    /**
     * Renames: with posix-rename@openssh.com when offered (rename(2), replacing {@code to}), else
     * version 3's RENAME (which fails when {@code to} exists).
     */
    public Deferred<Void> rename(String from, String to) {
        long id = id();
        byte[] request = supports(SftpNumbers.POSIX_RENAME) ? SftpRequests.posixRename(id, from, to)
                : SftpRequests.rename(id, from, to);
        return send(id, request, SftpClient::ok);
    }

    /** The target of a symbolic link. */
    public Deferred<String> readlink(String path) {
        long id = id();
        return send(id, SftpRequests.readlink(id, path), SftpClient::oneName);
    }

    /** Makes a symbolic link at {@code link} pointing to {@code target}. */
    public Deferred<Void> symlink(String target, String link) {
        long id = id();
        return send(id, SftpRequests.symlink(id, target, link), SftpClient::ok);
    }

    /** The canonical absolute form of a path. */
    public Deferred<String> realpath(String path) {
        long id = id();
        return send(id, SftpRequests.realpath(id, path), SftpClient::oneName);
    }

    /** The file system holding {@code path}: statvfs@openssh.com. */
    public Deferred<SftpStatvfs> statvfs(String path) {
        if (!supports(SftpNumbers.STATVFS)) {
            return unsupported(SftpNumbers.STATVFS);
        }
        long id = id();
        return send(id, SftpRequests.statvfs(id, path), extendedReply(SftpStatvfs::read));
    }

    /** The file system holding an open file: fstatvfs@openssh.com. */
    public Deferred<SftpStatvfs> fstatvfs(SftpHandle handle) {
        if (!supports(SftpNumbers.FSTATVFS)) {
            return unsupported(SftpNumbers.FSTATVFS);
        }
        long id = id();
        return send(id, SftpRequests.fstatvfs(id, handle), extendedReply(SftpStatvfs::read));
    }

    /** A hard link at {@code link} to {@code existing}: hardlink@openssh.com. */
    public Deferred<Void> hardlink(String existing, String link) {
        if (!supports(SftpNumbers.HARDLINK)) {
            return unsupported(SftpNumbers.HARDLINK);
        }
        long id = id();
        return send(id, SftpRequests.hardlink(id, existing, link), SftpClient::ok);
    }

    /** Flushes an open file to disk: fsync@openssh.com. */
    public Deferred<Void> fsync(SftpHandle handle) {
        if (!supports(SftpNumbers.FSYNC)) {
            return unsupported(SftpNumbers.FSYNC);
        }
        long id = id();
        return send(id, SftpRequests.fsync(id, handle), SftpClient::ok);
    }

    /** The server's limits: limits@openssh.com. */
    public Deferred<SftpServerLimits> limits() {
        if (!supports(SftpNumbers.LIMITS)) {
            return unsupported(SftpNumbers.LIMITS);
        }
        long id = id();
        return send(id, SftpRequests.limits(id), extendedReply(SftpServerLimits::read));
    }

    /** A path with "~" expanded to the home directory, made canonical: expand-path@openssh.com. */
    public Deferred<String> expandPath(String path) {
        if (!supports(SftpNumbers.EXPAND_PATH)) {
            return unsupported(SftpNumbers.EXPAND_PATH);
        }
        long id = id();
        return send(id, SftpRequests.expandPath(id, path), SftpClient::oneName);
    }

    // ---------------------------------------------------------------- transfers

    /**
     * Streams the remote file into {@code consumer}, registering as its push producer: several
     * reads in flight, data written in file order, no new read while the consumer is paused.
     * Fires with the bytes written once the file ended and its handle closed.
     */
    public Deferred<Long> get(String remotePath, Consumer consumer) {
        return open(remotePath, SftpNumbers.OPEN_READ, SftpAttributes.NONE).addCallbackDeferred(handle ->
                new SftpDownload(this, handle, consumer, readChunk(), requestsInFlight).start());
    }

    /** As {@link #get(String, Consumer)}, into a local file (made or truncated), written on the reactor thread. */
    public Deferred<Long> get(String remotePath, Path localFile) {
        FileConsumer file;
        try {
            file = new FileConsumer(FileChannel.open(localFile, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            return Deferred.fail(e);
        }
        return get(remotePath, file).addBoth((count, failure) -> {
            file.close();
            if (file.error() != null) {
                throw file.error();
            }
            if (failure != null) {
                throw failure.rethrow();
            }
            return count;
        });
    }

    /**
     * Streams into the remote file (made or truncated) what a producer writes: {@code producing}
     * gets the consumer to register with and write to, and returns a Deferred that fires when the
     * producer is done. Writes go out in chunks, several in flight; the producer is paused (push)
     * or not asked (pull) while as many as allowed are unanswered. Fires with the bytes written
     * once all are acknowledged and the handle closed.
     */
    public Deferred<Long> put(String remotePath, Function<Consumer, Deferred<?>> producing) {
        return open(remotePath, SftpNumbers.OPEN_WRITE | SftpNumbers.OPEN_CREATE | SftpNumbers.OPEN_TRUNCATE,
                SftpAttributes.NONE).addCallbackDeferred(handle ->
                new SftpUpload(this, handle, writeChunk(), requestsInFlight).run(producing));
    }

    /** As {@link #put(String, Function)}, from a local file, read on the reactor thread by a {@link FileSender}. */
    public Deferred<Long> put(Path localFile, String remotePath) {
        FileChannel source;
        try {
            source = FileChannel.open(localFile, StandardOpenOption.READ);
        } catch (IOException e) {
            return Deferred.fail(e);
        }
        return put(remotePath, sink -> new FileSender().beginFileTransfer(source, sink)).addFinally(() -> {
            try {
                source.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", localFile, e.toString());
            }
        });
    }

    // ---------------------------------------------------------------- replies

    private static SftpException failure(int type, WireReader in) throws SshProtocolException {
        if (type != SftpNumbers.STATUS) {
            return new SftpException(SftpNumbers.BAD_MESSAGE, "unexpected reply of type " + type);
        }
        int code = (int) in.readUint32();
        String message = in.remaining() > 0 ? in.readUtf8() : "";
        return new SftpException(code, message);
    }

    static Void ok(int type, WireReader in) throws SftpException, SshProtocolException {
        SftpException failure = failure(type, in);
        if (failure.status() != SftpNumbers.OK) {
            throw failure;
        }
        return null;
    }

    static SftpHandle handle(int type, WireReader in) throws SftpException, SshProtocolException {
        if (type == SftpNumbers.HANDLE) {
            return new SftpHandle(in.readString());
        }
        throw failure(type, in);
    }

    static byte[] data(int type, WireReader in) throws SftpException, SshProtocolException {
        if (type == SftpNumbers.DATA) {
            return in.readString();
        }
        SftpException failure = failure(type, in);
        if (failure.status() == SftpNumbers.EOF) {
            return new byte[0];
        }
        throw failure;
    }

    static SftpAttributes attrs(int type, WireReader in) throws SftpException, SshProtocolException {
        if (type == SftpNumbers.ATTRS) {
            return SftpAttributes.read(in);
        }
        throw failure(type, in);
    }

    static List<SftpName> names(int type, WireReader in) throws SftpException, SshProtocolException {
        if (type != SftpNumbers.NAME) {
            SftpException failure = failure(type, in);
            if (failure.status() == SftpNumbers.EOF) {
                return List.of();
            }
            throw failure;
        }
        long count = in.readUint32();
        List<SftpName> names = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            // Each entry takes at least 12 bytes, so a lying count ends at the packet's end.
            names.add(new SftpName(in.readUtf8(), in.readUtf8(), SftpAttributes.read(in)));
        }
        return names;
    }

    static String oneName(int type, WireReader in) throws SftpException, SshProtocolException {
        List<SftpName> names = names(type, in);
        if (names.size() != 1) {
            throw new SftpException(SftpNumbers.BAD_MESSAGE, names.size() + " names where one was expected");
        }
        return names.get(0).filename();
    }

    /** Reads an EXTENDED_REPLY's fields. */
    @FunctionalInterface
    interface ExtendedReader<T> {
        T read(WireReader in) throws SshProtocolException;
    }

    static <T> ReplyDecoder<T> extendedReply(ExtendedReader<T> fields) {
        return (type, in) -> {
            if (type == SftpNumbers.EXTENDED_REPLY) {
                return fields.read(in);
            }
            throw failure(type, in);
        };
    }
}
