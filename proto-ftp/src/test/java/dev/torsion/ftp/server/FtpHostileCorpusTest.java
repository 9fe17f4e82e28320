package dev.torsion.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.ftp.support.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed FTP input with the exact replies each earns and whether the control
 * connection ends; replayed whole and byte by byte.
 */
class FtpHostileCorpusTest {
    private static final String LOGIN = "USER alice\r\nPASS secret\r\n";
    private static final String IN = "331 Please specify the password.\r\n230 Login successful.\r\n";

    @TempDir
    Path root;

    record Case(String name, String input, String replies, boolean closed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String input, String replies, boolean closed) {
        return new Case(name, input, replies, closed);
    }

    /** MemoryReactor hands out ports from 40000 up: the n-th PASV (from 0) gets 40000 + n. */
    private static String pasv(int n) {
        int port = 40000 + n;
        return "227 Entering Passive Mode (10,0,0,1," + (port >> 8) + "," + (port & 0xff) + ").\r\n";
    }

    private static String thousandPasv() {
        StringBuilder out = new StringBuilder(IN);
        for (int i = 0; i < 50; i++) {
            out.append(pasv(i));
        }
        return out.append("421 Too many passive requests without a transfer.\r\n").toString();
    }

    static Stream<Case> corpus() {
        return Stream.of(
                c("PORT bounce to another host", LOGIN + "PORT 10,0,0,99,4,1\r\n", IN + "504 Data connections only to your own address.\r\n", false),
                c("EPRT bounce to another host", LOGIN + "EPRT |1|198.51.100.7|2000|\r\n", IN + "504 Data connections only to your own address.\r\n", false),
                c("EPRT bounce over IPv6", LOGIN + "EPRT |2|2001:db8::1|2000|\r\n", IN + "504 Data connections only to your own address.\r\n", false),
                c("PORT to a privileged port", LOGIN + "PORT 192,168,1,1,0,25\r\n", IN + "504 Data connections to privileged ports refused.\r\n", false),
                c("PORT malformed", LOGIN + "PORT 192,168,1,1,300,1\r\n", IN + "501 Illegal PORT command.\r\n", false),
                c("EPRT unknown family", LOGIN + "EPRT |3|x|21|\r\n", IN + "522 Network protocol not supported, use (1,2)\r\n", false),
                c("EPRT host name", LOGIN + "EPRT |1|evil.example|2000|\r\n", IN + "501 Illegal EPRT command.\r\n", false),
                c("a thousand PASV", LOGIN + "PASV\r\n".repeat(1000), thousandPasv(), true),
                c("dot-dot stays in the root", LOGIN + "CWD ../../..\r\nPWD\r\n",
                        IN + "250 Directory successfully changed.\r\n257 \"/\" is the current directory\r\n", false),
                c("dot-dot to /etc/passwd", LOGIN + "SIZE ../../../../etc/passwd\r\n", IN + "550 No such file or directory.\r\n", false),
                c("dot-dot CWD into /etc", LOGIN + "CWD /../etc\r\n", IN + "550 Failed to change directory.\r\n", false),
                c("symlink out of the root", LOGIN + "SIZE outside/passwd\r\n", IN + "550 Permission denied.\r\n", false),
                c("symlink to a file outside", LOGIN + "MDTM passwd-link\r\n", IN + "550 Permission denied.\r\n", false),
                c("NUL in a name", LOGIN + "MKD a\0b\r\n", IN + "501 NUL not allowed in a command line\r\n", false),
                c("CR in a name", LOGIN + "MKD a\rb\r\n", IN + "501 CR not allowed in a command line\r\n", false),
                c("CR NUL in a name (RFC 2640)", LOGIN + "DELE a\r\0b\r\n", IN + "501 CR not allowed in a command line\r\n", false),
                c("LF splits the line", LOGIN + "RNFR x\nDELE hello.txt\r\n", IN + "550 No such file or directory.\r\n250 Delete operation successful.\r\n", false),
                c("invalid UTF-8 name", LOGIN + "DELE \u00c3(\r\n", IN + "501 Invalid UTF-8 in argument\r\n", false),
                c("over-long line", "NOOP " + "a".repeat(5000) + "\r\nQUIT\r\n", "421 Command line too long\r\n", true),
                c("endless line", "x".repeat(100_000), "421 Command line too long\r\n", true),
                c("verb too long", "RETRIEVE x\r\n", "500 Syntax error, command unrecognized\r\n", false),
                c("unknown verb", "XYZZ\r\n", "500 Unknown command.\r\n", false),
                c("RETR before login", "RETR hello.txt\r\n", "530 Please login with USER and PASS.\r\n", false),
                c("PASV before login", "PASV\r\n", "530 Please login with USER and PASS.\r\n", false),
                c("PASS without USER", "PASS secret\r\n", "503 Login with USER first.\r\n", false),
                c("USER after login", LOGIN + "USER root\r\n", IN + "530 Can't change to another user.\r\n", false),
                c("RNTO without RNFR", LOGIN + "RNTO x\r\n", IN + "503 RNFR required first.\r\n", false),
                c("RNFR then another command", LOGIN + "RNFR hello.txt\r\nNOOP\r\nRNTO x\r\n",
                        IN + "350 Ready for RNTO.\r\n200 NOOP ok.\r\n503 RNFR required first.\r\n", false),
                c("RETR without PASV", LOGIN + "RETR hello.txt\r\n", IN + "425 Use PORT or PASV first.\r\n", false),
                c("REST negative", LOGIN + "REST -1\r\n", IN + "501 Syntax: REST offset\r\n", false),
                c("TYPE E", LOGIN + "TYPE E\r\n", IN + "504 Unsupported type.\r\n", false),
                c("MODE B", LOGIN + "MODE B\r\n", IN + "504 Unsupported mode.\r\n", false),
                c("PBSZ before AUTH", "PBSZ 0\r\n", "503 PBSZ needs AUTH TLS first.\r\n", false),
                c("AUTH without TLS configured", "AUTH TLS\r\n", "502 TLS not available.\r\n", false),
                c("anonymous cannot write", "USER anonymous\r\nPASS a@b\r\nMKD x\r\nDELE hello.txt\r\n",
                        "331 Anonymous login okay, send your email address as password.\r\n230 Login successful.\r\n"
                                + "550 Permission denied.\r\n550 Permission denied.\r\n", false),
                c("too many failed logins", "USER a\r\nPASS b\r\nUSER a\r\nPASS b\r\nUSER alice\r\nPASS wrong\r\nUSER alice\r\nPASS secret\r\n",
                        "331 Please specify the password.\r\n530 Login incorrect.\r\n".repeat(2)
                                + "331 Please specify the password.\r\n421 Too many failed logins.\r\n", true),
                c("too many errors", "XYZZ\r\n".repeat(32), "500 Unknown command.\r\n".repeat(30) + "421 Too many errors.\r\n", true),
                c("Telnet interrupt and synch before ABOR", "\u00ff\u00f4\u00ff\u00f2ABOR\r\n", "225 No transfer to abort.\r\n", false),
                c("commands piling up behind a transfer", LOGIN + "PASV\r\nRETR hello.txt\r\n" + "NOOP\r\n".repeat(100),
                        IN + pasv(0) + "150 Opening BINARY mode data connection for /hello.txt.\r\n421 Too many pipelined commands.\r\n", true),
                c("QUIT ends the packet", LOGIN + "QUIT\r\nDELE hello.txt\r\n", IN + "221 Goodbye.\r\n", true));
    }

    static Stream<Arguments> replays() {
        return corpus().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} byteByByte={1}")
    @MethodSource("replays")
    void replay(Case c, boolean byteByByte) throws IOException {
        Files.writeString(root.resolve("hello.txt"), "Hello\n");
        Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0\n");
        Files.createSymbolicLink(root.resolve("outside"), outside);
        Files.createSymbolicLink(root.resolve("passwd-link"), outside.resolve("passwd"));
        Wire wire = new Wire(root, config -> config.withAnonymous(true));
        byte[] input = c.input().getBytes(StandardCharsets.ISO_8859_1);
        if (byteByByte) {
            for (byte b : input) {
                wire.server.dataReceived(new byte[] {b});
            }
        } else {
            wire.server.dataReceived(input);
        }
        assertEquals(c.replies(), wire.replies(), c.name());
        assertEquals(c.closed(), wire.closed(), c.name() + ": closed");
        assertEquals(c.name().equals("LF splits the line"), !Files.exists(root.resolve("hello.txt")), "only the LF case deletes");
    }
}
