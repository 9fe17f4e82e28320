package dev.torsion.ssh.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.ssh.codec.WireReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request and reply this package added, byte for byte: the client's encoding against the
 * bytes written out here by hand from the draft and OpenSSH's PROTOCOL, the server's replies
 * likewise, and the client's decoding of them fed whole and one byte at a time.
 */
class SftpCodecTest {
    static final SftpHandle H = new SftpHandle("h".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;
    SftpRequestHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("file.txt"), "hello");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("file.txt"));
        handler = new SftpRequestHandler(new SftpRoot(dir), SftpLimits.DEFAULTS);
    }

    static byte[] bytes(String spec) {
        return CodecBytes.of(spec);
    }

    static byte[] unframed(byte[] framed) {
        assertEquals(framed.length - 4, ByteBuffer.wrap(framed).getInt());
        return Arrays.copyOfRange(framed, 4, framed.length);
    }

    @Test
    void readlinkRequest() {
        assertArrayEquals(bytes("0000000a 13 00000007 00000001 'a'"), SftpRequests.readlink(7, "a"));
    }

    @Test
    void symlinkRequestHasOpenSshOrderTargetFirst() {
        assertArrayEquals(bytes("00000013 14 00000007 00000003 'tgt' 00000003 'lnk'"),
                SftpRequests.symlink(7, "tgt", "lnk"));
    }

    @Test
    void fsetstatRequest() {
        assertArrayEquals(bytes("00000012 0a 00000007 00000001 'h' 00000004 000001a4"),
                SftpRequests.fsetstat(7, H, SftpAttributes.ofPermissions(0644)));
        assertArrayEquals(bytes("0000002a 0a 00000007 00000001 'h' 0000000f 0000000000000400 000003e8 000003e9"
                + " 000081a4 5f5e1000 5f5e1001"),
                SftpRequests.fsetstat(7, H, new SftpAttributes(15, 1024, 1000, 1001, 0100644, 1600000000L, 1600000001L)));
    }

    @Test
    void extensionRequests() {
        assertArrayEquals(bytes("00000021 c8 00000007 00000013 'statvfs@openssh.com' 00000001 '/'"),
                SftpRequests.statvfs(7, "/"));
        assertArrayEquals(bytes("00000022 c8 00000007 00000014 'fstatvfs@openssh.com' 00000001 'h'"),
                SftpRequests.fstatvfs(7, H));
        assertArrayEquals(bytes("00000027 c8 00000007 00000014 'hardlink@openssh.com' 00000001 'a' 00000001 'b'"),
                SftpRequests.hardlink(7, "a", "b"));
        assertArrayEquals(bytes("0000001b c8 00000007 00000012 'limits@openssh.com'"), SftpRequests.limits(7));
        assertArrayEquals(bytes("00000025 c8 00000007 00000017 'expand-path@openssh.com' 00000001 '~'"),
                SftpRequests.expandPath(7, "~"));
        assertArrayEquals(bytes("0000002b c8 00000007 00000018 'posix-rename@openssh.com' 00000001 'a' 00000001 'b'"),
                SftpRequests.posixRename(7, "a", "b"));
        assertArrayEquals(bytes("0000001f c8 00000007 00000011 'fsync@openssh.com' 00000001 'h'"),
                SftpRequests.fsync(7, H));
    }

    @Test
    void coreRequests() {
        assertArrayEquals(bytes("00000005 01 00000003"), SftpRequests.init());
        assertArrayEquals(bytes("00000016 05 00000007 00000001 'h' 0000000100000000 00008000"),
                SftpRequests.read(7, H, 1L << 32, 32768));
        assertArrayEquals(bytes("00000019 06 00000007 00000001 'h' 0000000000000010 00000003 'xyz'"),
                SftpRequests.write(7, H, 16, "wxyz!".getBytes(StandardCharsets.US_ASCII), 1, 3));
        assertArrayEquals(bytes("00000016 03 00000007 00000001 'f' 0000001a 00000004 00000180"),
                SftpRequests.open(7, "f", 0x1a, SftpAttributes.ofPermissions(0600)));
        assertArrayEquals(bytes("00000013 12 00000007 00000003 'old' 00000003 'new'"), SftpRequests.rename(7, "old", "new"));
    }

    @Test
    void versionReplyNamesEveryExtension() {
        assertArrayEquals(bytes("000000d1 02 00000003"
                + " 00000018 'posix-rename@openssh.com' 00000001 '1'"
                + " 00000013 'statvfs@openssh.com' 00000001 '2'"
                + " 00000014 'fstatvfs@openssh.com' 00000001 '2'"
                + " 00000014 'hardlink@openssh.com' 00000001 '1'"
                + " 00000011 'fsync@openssh.com' 00000001 '1'"
                + " 00000012 'limits@openssh.com' 00000001 '1'"
                + " 00000017 'expand-path@openssh.com' 00000001 '1'"), SftpRequestHandler.version());
    }

    @Test
    void limitsReply() {
        assertArrayEquals(bytes("00000025 c9 00000007 0000000000040000 000000000003fc00 000000000003fc00"
                + " 0000000000000100"), handler.handle(unframed(SftpRequests.limits(7))));
    }

    @Test
    void readlinkReplyIsOneName() {
        assertArrayEquals(bytes("00000025 68 00000007 00000001 00000008 'file.txt' 00000008 'file.txt' 00000000"),
                handler.handle(unframed(SftpRequests.readlink(7, "/link"))));
    }

    @Test
    void symlinkAndHardlinkReplies() throws Exception {
        byte[] ok = bytes("00000013 65 00000007 00000000 00000002 'ok' 00000000");
        assertArrayEquals(ok, handler.handle(unframed(SftpRequests.symlink(7, "/file.txt", "/sub-link"))));
        assertEquals(Path.of("file.txt"), Files.readSymbolicLink(dir.resolve("sub-link")));
        assertArrayEquals(ok, handler.handle(unframed(SftpRequests.hardlink(7, "/file.txt", "/hard"))));
        assertTrue(Files.isSameFile(dir.resolve("file.txt"), dir.resolve("hard")));
        assertEquals(2, ((Number) Files.getAttribute(dir.resolve("hard"), "unix:nlink")).intValue());
    }

    @Test
    void expandPathReplies() {
        assertArrayEquals(bytes("00000017 68 00000007 00000001 00000001 '/' 00000001 '/' 00000000"),
                handler.handle(unframed(SftpRequests.expandPath(7, "~"))));
        assertArrayEquals(bytes("00000027 68 00000007 00000001 00000009 '/file.txt' 00000009 '/file.txt' 00000000"),
                handler.handle(unframed(SftpRequests.expandPath(7, "~/link"))));
        assertArrayEquals(bytes("0000001d 65 00000007 00000002 0000000c 'no such file' 00000000"),
                handler.handle(unframed(SftpRequests.expandPath(7, "~root"))));
    }

    @Test
    void fsetstatChangesTheOpenFile() throws Exception {
        byte[] handleReply = handler.handle(unframed(SftpRequests.open(7, "/file.txt",
                SftpNumbers.OPEN_READ | SftpNumbers.OPEN_WRITE, SftpAttributes.NONE)));
        assertArrayEquals(bytes("0000000a 66 00000007 00000001 '0'"), handleReply);
        SftpHandle handle = new SftpHandle("0".getBytes(StandardCharsets.US_ASCII));
        byte[] ok = bytes("00000013 65 00000007 00000000 00000002 'ok' 00000000");
        assertArrayEquals(ok, handler.handle(unframed(SftpRequests.fsetstat(7, handle,
                new SftpAttributes(SftpAttributes.SIZE | SftpAttributes.PERMISSIONS | SftpAttributes.ACMODTIME, 3, 0, 0,
                        0640, 1_000_000_000L, 1_200_000_000L)))));
        assertEquals("hel", Files.readString(dir.resolve("file.txt")));
        assertEquals(0640, (Integer) Files.getAttribute(dir.resolve("file.txt"), "unix:mode") & 0777);
        assertEquals(1_200_000_000L, Files.getLastModifiedTime(dir.resolve("file.txt")).to(TimeUnit.SECONDS));
        assertArrayEquals(ok, handler.handle(unframed(SftpRequests.fsetstat(7, handle, SftpAttributes.ofSize(10)))));
        assertArrayEquals("hel\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(dir.resolve("file.txt")));
    }

    @Test
    void statvfsReplyMatchesStatDashF() throws Exception {
        byte[] reply = handler.handle(unframed(SftpRequests.statvfs(7, "/")));
        assertEquals(4 + 1 + 4 + 11 * 8, reply.length);
        WireReader in = new WireReader(reply);
        in.readUint32();
        assertEquals(SftpNumbers.EXTENDED_REPLY, in.readByte());
        assertEquals(7, in.readUint32());
        SftpStatvfs statvfs = SftpStatvfs.read(in);
        // coreutils' stat -f reads statfs(2) itself: an independent witness.
        Process stat = new ProcessBuilder("stat", "-f", "-c", "%S %b", dir.toString()).start();
        String[] fields = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
        assertEquals(Long.parseLong(fields[0]), statvfs.fragmentSize());
        assertEquals(Long.parseLong(fields[1]), statvfs.blocks());
        FileStore store = Files.getFileStore(dir);
        assertEquals(store.getTotalSpace(), statvfs.totalBytes());
        assertTrue(statvfs.availBlocks() <= statvfs.freeBlocks());
        assertEquals(255, statvfs.nameMax());
    }

    /** The client decodes the replies above, fed whole and one byte at a time. */
    @Test
    void clientDecodesRepliesWholeAndByteByByte() throws Exception {
        for (boolean byteByByte : new boolean[] {false, true}) {
            List<byte[]> sent = new ArrayList<>();
            SftpClient client = new SftpClient(new SftpPipe() {
                @Override
                public void send(byte[] data) {
                    sent.add(data);
                }

                @Override
                public void close() {
                }
            });
            Deferred<SftpClient> ready = client.start();
            assertArrayEquals(SftpRequests.init(), sent.get(0));
            feed(client, SftpRequestHandler.version(), byteByByte);
            // limits@openssh.com is asked at once; answer it as our server does (id 0).
            assertArrayEquals(SftpRequests.limits(0), sent.get(1));
            feed(client, handler.handle(unframed(SftpRequests.limits(0))), byteByByte);
            assertTrue(ready.isCalled());
            assertEquals(3, client.version());
            assertEquals("2", client.extensions().get(SftpNumbers.STATVFS));
            assertEquals(32768, client.readChunk());

            List<Object> results = new ArrayList<>();
            client.readlink("/link").addCallback(results::add);
            feed(client, handler.handle(unframed(SftpRequests.readlink(1, "/link"))), byteByByte);
            client.statvfs("/").addCallback(results::add);
            feed(client, handler.handle(unframed(SftpRequests.statvfs(2, "/"))), byteByByte);
            client.limits().addCallback(results::add);
            feed(client, handler.handle(unframed(SftpRequests.limits(3))), byteByByte);
            client.expandPath("~/file.txt").addCallback(results::add);
            feed(client, handler.handle(unframed(SftpRequests.expandPath(4, "~/file.txt"))), byteByByte);
            List<Failure> failures = new ArrayList<>();
            client.readlink("/file.txt").addErrback(failure -> {
                failures.add(failure);
                return null;
            });
            feed(client, handler.handle(unframed(SftpRequests.readlink(5, "/file.txt"))), byteByByte);

            assertEquals("file.txt", results.get(0));
            assertEquals(Files.getFileStore(dir).getTotalSpace(), ((SftpStatvfs) results.get(1)).totalBytes());
            assertEquals(new SftpServerLimits(256 * 1024, 255 * 1024, 255 * 1024, 256), results.get(2));
            assertEquals("/file.txt", results.get(3));
            SftpException error = assertInstanceOf(SftpException.class, failures.get(0).value());
            assertEquals(SftpNumbers.FAILURE, error.status());
            assertFalse(client.state() == SftpClientState.CLOSED);
        }
    }

    static void feed(SftpClient client, byte[] reply, boolean byteByByte) {
        if (!byteByByte) {
            client.dataReceived(reply);
            return;
        }
        for (byte b : reply) {
            client.dataReceived(new byte[] {b});
        }
    }
}
