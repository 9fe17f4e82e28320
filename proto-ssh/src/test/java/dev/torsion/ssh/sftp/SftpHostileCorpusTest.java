package dev.torsion.ssh.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.server.ExecChannel;
import dev.torsion.testing.MemoryReactor;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SFTP requests that try to escape the root or break the protocol, and the exact status each
 * earns: asked of the request handler, and replayed on the wire through a whole session, fed at
 * once and one byte at a time. The file outside the root is checked untouched after each.
 */
class SftpHostileCorpusTest {
    @TempDir
    static Path dir;
    static Path root;
    SftpRequestHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.setPosixFilePermissions(dir.resolve("secret.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(root.resolve("mine.txt"), "mine");
        if (!Files.exists(root.resolve("out"), LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(root.resolve("out"), dir);
            Files.createSymbolicLink(root.resolve("secret-link"), dir.resolve("secret.txt"));
            Files.createSymbolicLink(root.resolve("dangling-out"), dir.resolve("created-outside.txt"));
            Files.createSymbolicLink(root.resolve("relative-out"), Path.of("../secret.txt"));
        }
        handler = new SftpRequestHandler(new SftpRoot(root), SftpLimits.DEFAULTS);
    }

    static byte[] request(int type, String path) {
        return WireWriter.message(type).writeUint32(9).writeString(path).toByteArray();
    }

    static byte[] open(String path, int flags) {
        return WireWriter.message(SftpNumbers.OPEN).writeUint32(9).writeString(path).writeUint32(flags).writeUint32(0)
                .toByteArray();
    }

    static byte[] unframed(byte[] framed) {
        return Arrays.copyOfRange(framed, 4, framed.length);
    }

    /** The status code of a STATUS reply (framed), or -1 for another reply. */
    static int status(byte[] framed) throws SshProtocolException {
        WireReader in = new WireReader(framed);
        in.readUint32();
        if (in.readByte() != SftpNumbers.STATUS) {
            return -1;
        }
        assertEquals(9, in.readUint32());
        return (int) in.readUint32();
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("stat ../secret.txt climbs to the root only", request(SftpNumbers.STAT, "../secret.txt"),
                        SftpNumbers.NO_SUCH_FILE),
                Arguments.of("open ../../secret.txt", open("../../secret.txt", 1), SftpNumbers.NO_SUCH_FILE),
                Arguments.of("open through a directory link out", open("out/secret.txt", 1), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("open a file link out", open("secret-link", 1), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("open a relative link out", open("relative-out", 1), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("create through a dangling link out", open("dangling-out", 2 | 8), SftpNumbers.NO_SUCH_FILE),
                Arguments.of("stat a file link out", request(SftpNumbers.STAT, "secret-link"), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("opendir a link out", request(SftpNumbers.OPENDIR, "out"), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("create through a link out", open("out/new.txt", 2 | 8), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("remove through a link out", request(SftpNumbers.REMOVE, "out/secret.txt"),
                        SftpNumbers.PERMISSION_DENIED),
                Arguments.of("readlink of a link out", request(SftpNumbers.READLINK, "secret-link"),
                        SftpNumbers.PERMISSION_DENIED),
                Arguments.of("readlink of a relative link out", request(SftpNumbers.READLINK, "relative-out"),
                        SftpNumbers.PERMISSION_DENIED),
                Arguments.of("symlink to a target above the root", unframed(SftpRequests.symlink(9, "../secret.txt", "/esc")),
                        SftpNumbers.PERMISSION_DENIED),
                Arguments.of("symlink to a target climbing through a name", unframed(SftpRequests.symlink(9,
                        "mine.txt/../../secret.txt", "/esc2")), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("symlink placed through a link out", unframed(SftpRequests.symlink(9, "/mine.txt",
                        "out/planted")), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("hardlink to a file through a link out", unframed(SftpRequests.hardlink(9, "out/secret.txt",
                        "/stolen")), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("statvfs through a link out", unframed(SftpRequests.statvfs(9, "out")),
                        SftpNumbers.PERMISSION_DENIED),
                Arguments.of("setstat through a link out", unframed(SftpRequests.setstat(9, "secret-link",
                        SftpAttributes.ofPermissions(0666))), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("posix-rename from a link out", unframed(SftpRequests.posixRename(9, "out/secret.txt",
                        "/got")), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("rename onto the root", unframed(SftpRequests.rename(9, "/mine.txt", "/")),
                        SftpNumbers.PERMISSION_DENIED),
                Arguments.of("rmdir the root", request(SftpNumbers.RMDIR, "/.."), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("realpath of a link out", request(SftpNumbers.REALPATH, "out"), SftpNumbers.PERMISSION_DENIED),
                Arguments.of("expand-path of another user's home", unframed(SftpRequests.expandPath(9, "~root/.ssh")),
                        SftpNumbers.NO_SUCH_FILE),
                Arguments.of("a path with a NUL byte", request(SftpNumbers.STAT, "mine.txt\0.jpg"), SftpNumbers.BAD_MESSAGE),
                Arguments.of("a string length of 2^32-1", new byte[] {SftpNumbers.OPEN, 0, 0, 0, 9, -1, -1, -1, -1, 'a'},
                        SftpNumbers.BAD_MESSAGE),
                Arguments.of("2^32-1 extended attribute pairs", WireWriter.message(SftpNumbers.SETSTAT).writeUint32(9)
                        .writeString("mine.txt").writeUint32(0x80000000L).writeUint32(0xffffffffL).toByteArray(),
                        SftpNumbers.BAD_MESSAGE),
                Arguments.of("truncated request", new byte[] {SftpNumbers.OPEN, 0, 0, 0, 9, 0, 0, 0, 50},
                        SftpNumbers.BAD_MESSAGE),
                Arguments.of("unknown request type", WireWriter.message(99).writeUint32(9).toByteArray(),
                        SftpNumbers.OP_UNSUPPORTED),
                Arguments.of("read with a bad handle", WireWriter.message(SftpNumbers.READ).writeUint32(9).writeString("77")
                        .writeUint64(0).writeUint32(10).toByteArray(), SftpNumbers.FAILURE),
                Arguments.of("fsetstat with a bad handle", unframed(SftpRequests.fsetstat(9,
                        new SftpHandle(new byte[] {(byte) 0xff, 0}), SftpAttributes.ofSize(0))), SftpNumbers.FAILURE),
                Arguments.of("rmdir of a file", request(SftpNumbers.RMDIR, "mine.txt"), SftpNumbers.FAILURE),
                Arguments.of("unknown extension", WireWriter.message(SftpNumbers.EXTENDED).writeUint32(9)
                        .writeString("nope@x").toByteArray(), SftpNumbers.OP_UNSUPPORTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refused(String name, byte[] request, int expected) throws Exception {
        assertEquals(expected, status(handler.handle(request)), name);
        assertOutsideUntouched();
    }

    @ParameterizedTest(name = "{0}, on the wire")
    @MethodSource("corpus")
    void refusedOnTheWireWholeAndByteByByte(String name, byte[] request, int expected) throws Exception {
        for (boolean byteByByte : new boolean[] {false, true}) {
            Session session = new Session(SftpLimits.DEFAULTS);
            session.feed(SftpRequests.init(), byteByByte);
            session.feed(new WireWriter().writeUint32(request.length).writeRaw(request).toByteArray(), byteByByte);
            byte[] output = session.output.toByteArray();
            byte[] version = SftpRequestHandler.version();
            assertArrayEquals(version, Arrays.copyOf(output, version.length), name);
            assertEquals(expected, status(Arrays.copyOfRange(output, version.length, output.length)), name);
            assertEquals(-1, session.exitStatus, name + ": the session goes on");
            assertOutsideUntouched();
        }
    }

    static void assertOutsideUntouched() throws Exception {
        assertEquals("secret", Files.readString(dir.resolve("secret.txt")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("secret.txt"))));
        assertFalse(Files.exists(dir.resolve("created-outside.txt")));
        assertFalse(Files.exists(dir.resolve("new.txt")));
    }

    @Test
    void allowedInsideTheRoot() throws Exception {
        assertEquals(-1, status(handler.handle(open("/mine.txt", 1))));
        assertEquals(-1, status(handler.handle(open("../../mine.txt", 1))));
        // A link to a link out is itself listed and removable (it is never followed).
        assertEquals(-1, status(handler.handle(request(SftpNumbers.LSTAT, "secret-link"))));
    }

    @Test
    void hugeReadLengthIsAShortRead() throws Exception {
        handler.handle(open("/mine.txt", 1));
        byte[] reply = handler.handle(WireWriter.message(SftpNumbers.READ).writeUint32(9).writeString("0").writeUint64(0)
                .writeUint32(0xffffffffL).toByteArray());
        assertArrayEquals(CodecBytes.of("0000000d 67 00000009 00000004 'mine'"), reply);
    }

    @Test
    void tooManyHandles() throws Exception {
        SftpRequestHandler small = new SftpRequestHandler(new SftpRoot(root),
                SftpLimits.DEFAULTS.withHandlesAndOutstanding(2, 256));
        assertEquals(-1, status(small.handle(open("/mine.txt", 1))));
        assertEquals(-1, status(small.handle(request(SftpNumbers.OPENDIR, "/"))));
        assertEquals(SftpNumbers.FAILURE, status(small.handle(open("/mine.txt", 1))));
        assertEquals(SftpNumbers.FAILURE, status(small.handle(request(SftpNumbers.OPENDIR, "/"))));
        assertEquals(2, small.openHandles());
        small.handle(unframed(SftpRequests.close(9, new SftpHandle(new byte[] {'0'}))));
        assertEquals(-1, status(small.handle(open("/mine.txt", 1))));
    }

    @Test
    void writeOverTheLimit() throws Exception {
        handler.handle(open("/mine.txt", 2));
        byte[] big = new byte[SftpLimits.DEFAULTS.maxWrite() + 1];
        assertEquals(SftpNumbers.FAILURE, status(handler.handle(unframed(SftpRequests.write(9,
                new SftpHandle(new byte[] {'0'}), 0, big, 0, big.length)))));
        assertEquals("mine", Files.readString(root.resolve("mine.txt")));
    }

    @Test
    void requestBeforeInitEndsTheSession() {
        for (boolean byteByByte : new boolean[] {false, true}) {
            Session session = new Session(SftpLimits.DEFAULTS);
            session.feed(SftpRequests.stat(9, "/"), byteByByte);
            assertEquals(1, session.exitStatus);
            assertEquals(0, session.output.size());
            assertEquals(SftpSessionState.ENDED, session.server.state());
        }
    }

    @Test
    void packetLengthOverTheLimitEndsTheSession() {
        for (boolean byteByByte : new boolean[] {false, true}) {
            Session session = new Session(SftpLimits.DEFAULTS);
            session.feed(SftpRequests.init(), byteByByte);
            session.feed(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 3}, byteByByte);
            assertEquals(1, session.exitStatus);
            assertEquals(SftpRequestHandler.version().length, session.output.size());
        }
    }

    @Test
    void tooManyOutstandingRequestsWhileTheClientDoesNotRead() throws Exception {
        Session session = new Session(SftpLimits.DEFAULTS.withHandlesAndOutstanding(256, 4));
        session.feed(SftpRequests.init(), false);
        int versionLength = session.output.size();
        // The peer's window is closed: nothing is started, requests wait.
        session.server.pauseOutput();
        for (int id = 10; id < 14; id++) {
            session.feed(SftpRequests.stat(id, "/mine.txt"), false);
        }
        assertEquals(versionLength, session.output.size());
        assertEquals(-1, session.exitStatus);
        session.feed(SftpRequests.stat(14, "/mine.txt"), false);
        WireReader in = new WireReader(Arrays.copyOfRange(session.output.toByteArray(), versionLength,
                session.output.size()));
        in.readUint32();
        assertEquals(SftpNumbers.STATUS, in.readByte());
        assertEquals(14, in.readUint32());
        assertEquals(SftpNumbers.FAILURE, in.readUint32());
        assertEquals(1, session.exitStatus);
    }

    @Test
    void pausedOutputHoldsRepliesBack() {
        Session session = new Session(SftpLimits.DEFAULTS);
        session.feed(SftpRequests.init(), false);
        int versionLength = session.output.size();
        session.server.pauseOutput();
        session.feed(SftpRequests.stat(10, "/mine.txt"), false);
        assertEquals(versionLength, session.output.size());
        session.server.resumeOutput();
        assertTrue(session.output.size() > versionLength);
    }

    @Test
    void packetLimitWholeAndByteByByte() throws Exception {
        byte[] huge = new WireWriter().writeUint32(SftpLimits.DEFAULTS.maxPacket() + 1).writeByte(3).toByteArray();
        SftpPacketReader whole = new SftpPacketReader(SftpLimits.DEFAULTS.maxPacket());
        whole.feed(huge);
        assertThrows(SshProtocolException.class, whole::next);
        SftpPacketReader bytes = new SftpPacketReader(SftpLimits.DEFAULTS.maxPacket());
        bytes.feed(new byte[] {0, 0});
        assertNull(bytes.next());
        bytes.feed(new byte[] {0, 0});
        assertThrows(SshProtocolException.class, bytes::next);
        byte[] ok = new WireWriter().writeUint32(5).writeByte(1).writeUint32(3).toByteArray();
        SftpPacketReader split = new SftpPacketReader(SftpLimits.DEFAULTS.maxPacket());
        for (byte b : ok) {
            split.feed(new byte[] {b});
        }
        assertEquals(5, split.next().length);
    }

    /** A whole server session on a memory reactor (the thread pool runs work at once), its output captured. */
    static final class Session implements ExecChannel {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final SftpServer server;
        int exitStatus = -1;

        Session(SftpLimits limits) {
            try {
                server = new SftpServer(new MemoryReactor(), root, this, limits);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        void feed(byte[] data, boolean byteByByte) {
            if (!byteByByte) {
                server.input(data);
                return;
            }
            for (byte b : data) {
                server.input(new byte[] {b});
            }
        }

        @Override
        public void write(byte[] data) {
            output.writeBytes(data);
        }

        @Override
        public void writeStderr(byte[] data) {
        }

        @Override
        public void exit(int status) {
            exitStatus = status;
        }

        @Override
        public void exitSignal(String signal) {
        }
    }
}
