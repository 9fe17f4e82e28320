package dev.torsion.ssh.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.server.ExecChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SFTP requests that try to escape the root or break the protocol, and the exact status each earns. */
class SftpHostileCorpusTest {
    @TempDir
    static Path dir;
    SftpServer server;

    static final ExecChannel NOWHERE = new ExecChannel() {
        @Override
        public void write(byte[] data) {
        }

        @Override
        public void writeStderr(byte[] data) {
        }

        @Override
        public void exit(int status) {
        }

        @Override
        public void exitSignal(String signal) {
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("mine.txt"), "mine");
        if (!Files.exists(root.resolve("out"))) {
            Files.createSymbolicLink(root.resolve("out"), dir);
            Files.createSymbolicLink(root.resolve("secret-link"), dir.resolve("secret.txt"));
        }
        server = new SftpServer(null, root, NOWHERE);
    }

    static byte[] request(int type, String path) {
        return WireWriter.message(type).writeUint32(9).writeString(path).toByteArray();
    }

    static byte[] open(String path, int flags) {
        return WireWriter.message(SftpServer.OPEN).writeUint32(9).writeString(path).writeUint32(flags).writeUint32(0)
                .toByteArray();
    }

    /** The status code of a STATUS reply, or -1 for another reply. */
    static int status(byte[] reply) throws SshProtocolException {
        WireReader in = new WireReader(reply);
        if (in.readByte() != SftpServer.STATUS) {
            return -1;
        }
        assertEquals(9, in.readUint32());
        return (int) in.readUint32();
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("stat ../secret.txt climbs to the root only", request(SftpServer.STAT, "../secret.txt"),
                        SftpServer.NO_SUCH_FILE),
                Arguments.of("open ../../secret.txt", open("../../secret.txt", 1), SftpServer.NO_SUCH_FILE),
                Arguments.of("open through a directory link out", open("out/secret.txt", 1), SftpServer.PERMISSION_DENIED),
                Arguments.of("open a file link out", open("secret-link", 1), SftpServer.PERMISSION_DENIED),
                Arguments.of("stat a file link out", request(SftpServer.STAT, "secret-link"), SftpServer.PERMISSION_DENIED),
                Arguments.of("opendir a link out", request(SftpServer.OPENDIR, "out"), SftpServer.PERMISSION_DENIED),
                Arguments.of("create through a link out", open("out/new.txt", 2 | 8), SftpServer.PERMISSION_DENIED),
                Arguments.of("remove through a link out", request(SftpServer.REMOVE, "out/secret.txt"),
                        SftpServer.PERMISSION_DENIED),
                Arguments.of("truncated request", new byte[] {SftpServer.OPEN, 0, 0, 0, 9, 0, 0, 0, 50},
                        SftpServer.BAD_MESSAGE),
                Arguments.of("unknown request type", WireWriter.message(99).writeUint32(9).toByteArray(),
                        SftpServer.OP_UNSUPPORTED),
                Arguments.of("read with a bad handle", WireWriter.message(SftpServer.READ).writeUint32(9).writeString("77")
                        .writeUint64(0).writeUint32(10).toByteArray(), SftpServer.FAILURE),
                Arguments.of("rmdir of a file", request(SftpServer.RMDIR, "mine.txt"), SftpServer.FAILURE),
                Arguments.of("unknown extension", WireWriter.message(SftpServer.EXTENDED).writeUint32(9)
                        .writeString("nope@x").toByteArray(), SftpServer.OP_UNSUPPORTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refused(String name, byte[] request, int expected) throws Exception {
        assertEquals(expected, status(server.handle(request)), name);
        assertEquals("secret", Files.readString(dir.resolve("secret.txt")));
    }

    @Test
    void allowedInsideTheRoot() throws Exception {
        assertEquals(-1, status(server.handle(open("/mine.txt", 1))));
        assertEquals(-1, status(server.handle(open("../../mine.txt", 1))));
    }

    @Test
    void packetLimitWholeAndByteByByte() throws Exception {
        byte[] huge = new WireWriter().writeUint32(SftpServer.MAX_PACKET + 1).writeByte(3).toByteArray();
        SftpPacketReader whole = new SftpPacketReader(SftpServer.MAX_PACKET);
        whole.feed(huge);
        assertThrows(SshProtocolException.class, whole::next);
        SftpPacketReader bytes = new SftpPacketReader(SftpServer.MAX_PACKET);
        bytes.feed(new byte[] {0, 0});
        assertNull(bytes.next());
        bytes.feed(new byte[] {0, 0});
        assertThrows(SshProtocolException.class, bytes::next);
        byte[] ok = new WireWriter().writeUint32(5).writeByte(1).writeUint32(3).toByteArray();
        SftpPacketReader split = new SftpPacketReader(SftpServer.MAX_PACKET);
        for (byte b : ok) {
            split.feed(new byte[] {b});
        }
        assertEquals(5, split.next().length);
    }
}
