package dev.torsion.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.ftp.FtpLimits;
import dev.torsion.ftp.support.FileSendingStringTransport;
import dev.torsion.ftp.support.TestTls;
import dev.torsion.ftp.support.Wire;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.SocketType;
import dev.torsion.testing.StringTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FtpServerTest {
    @TempDir
    Path root;
    Wire wire;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(root.resolve("hello.txt"), "Hello\nWorld\n");
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(Instant.parse("2024-03-01T12:34:56Z")));
        Files.createDirectory(root.resolve("sub"));
        wire = new Wire(root);
    }

    @Test
    void greetsAndLogsIn() {
        assertEquals("220 Torsion FTP server ready.\r\n", wire.output());
        assertEquals(FtpState.AWAITING_USER, wire.server.state());
        wire.send("USER alice\r\n");
        assertEquals(FtpState.AWAITING_PASS, wire.server.state());
        wire.send("PASS secret\r\n");
        assertEquals(FtpState.LOGGED_IN, wire.server.state());
        assertEquals("331 Please specify the password.\r\n230 Login successful.\r\n", wire.replies());
    }

    @Test
    void anonymousIsRefusedUnlessEnabled() {
        wire.send("USER anonymous\r\nPASS me@example.org\r\n");
        assertEquals("331 Please specify the password.\r\n530 Login incorrect.\r\n", wire.replies());
        assertEquals(FtpState.AWAITING_USER, wire.server.state());
    }

    @Test
    void directories() throws IOException {
        wire.login().send("PWD\r\nCWD sub\r\nPWD\r\nMKD \"q\" dir\r\nCDUP\r\nRMD sub/\"q\" dir\r\nCWD hello.txt\r\n");
        assertEquals("257 \"/\" is the current directory\r\n250 Directory successfully changed.\r\n"
                + "257 \"/sub\" is the current directory\r\n257 \"/sub/\"\"q\"\" dir\" created\r\n"
                + "250 Directory successfully changed.\r\n250 Remove directory operation successful.\r\n"
                + "550 Failed to change directory.\r\n", wire.output());
        assertTrue(Files.isDirectory(root.resolve("sub")));
        assertFalse(Files.exists(root.resolve("sub/\"q\" dir")));
    }

    @Test
    void renameDeleteSizeMdtm() {
        wire.login().send("SIZE hello.txt\r\nMDTM hello.txt\r\nRNFR hello.txt\r\nRNTO sub/moved.txt\r\nDELE sub/moved.txt\r\n"
                + "SIZE sub\r\nTYPE A\r\nSIZE hello.txt\r\n");
        assertEquals("213 12\r\n213 20240301123456\r\n350 Ready for RNTO.\r\n250 Rename successful.\r\n"
                + "250 Delete operation successful.\r\n550 Not a regular file.\r\n200 Switching to ASCII mode.\r\n"
                + "550 SIZE not allowed in ASCII mode.\r\n", wire.output());
        assertFalse(Files.exists(root.resolve("hello.txt")));
    }

    @Test
    void featListsTheExtensions() {
        wire.send("FEAT\r\n");
        assertEquals("211-Features:\r\n EPRT\r\n EPSV\r\n MDTM\r\n MFMT\r\n MLST type*;size*;modify*;perm*;\r\n PASV\r\n REST STREAM\r\n"
                + " SIZE\r\n TVFS\r\n UTF8\r\n211 End\r\n", wire.replies());
    }

    @Test
    void passiveRetrieveInBinary() {
        wire.login().send("TYPE I\r\nPASV\r\n");
        assertTrue(wire.output().endsWith("227 Entering Passive Mode (10,0,0,1,156,64).\r\n"), wire.output());
        Wire.DataEnd data = wire.connectPassive(Wire.CLIENT);
        assertNotNull(data);
        wire.clear().send("RETR hello.txt\r\n");
        assertEquals("Hello\nWorld\n", data.received());
        assertEquals("150 Opening BINARY mode data connection for /hello.txt.\r\n", wire.output());
        assertTrue(data.transport.isDisconnecting(), "the server closes the data connection at the end");
        data.close(true);
        assertEquals("150 Opening BINARY mode data connection for /hello.txt.\r\n226 Transfer complete.\r\n", wire.output());
    }

    @Test
    void binaryDownloadsUseZeroCopyWhereTheTransportOffersIt() {
        wire.login().send("TYPE I\r\nREST 6\r\nPASV\r\n");
        Wire.DataEnd data = wire.connectPassive(Wire.CLIENT, true);
        wire.clear().send("RETR hello.txt\r\n");
        assertEquals("World\n", data.received());
        assertEquals(1, ((FileSendingStringTransport) data.transport).filesSent);
        data.close(true);
        assertTrue(wire.output().endsWith("226 Transfer complete.\r\n"), wire.output());
        // ASCII needs the line ends converted: no zero-copy.
        wire.clear().send("TYPE A\r\nPASV\r\n");
        Wire.DataEnd ascii = wire.connectPassive(Wire.CLIENT, true);
        wire.send("RETR hello.txt\r\n");
        assertEquals("Hello\r\nWorld\r\n", ascii.received());
        assertEquals(0, ((FileSendingStringTransport) ascii.transport).filesSent);
    }

    @Test
    void aSilentUploadIsCutAfterTheDataIdleTimeout() {
        wire.login().send("PASV\r\n");
        Wire.DataEnd data = wire.connectPassive(Wire.CLIENT);
        wire.clear().send("STOR slow.bin\r\n");
        data.send(new byte[10]);
        wire.reactor.advance(FtpLimits.DEFAULTS.dataIdleTimeout().minusSeconds(1));
        data.send(new byte[10]);
        wire.reactor.advance(FtpLimits.DEFAULTS.dataIdleTimeout().minusSeconds(1));
        assertFalse(data.transport.isAborted());
        wire.reactor.advance(Duration.ofSeconds(1));
        assertTrue(data.transport.isAborted());
        data.close(false);
        assertEquals("150 Ok to send data.\r\n426 Connection closed; transfer aborted.\r\n", wire.output());
        assertFalse(wire.closed(), "the control connection stays");
    }

    @Test
    void asciiRetrieveAndRestart() {
        wire.login().send("TYPE A\r\nEPSV\r\n");
        assertTrue(wire.output().endsWith("229 Entering Extended Passive Mode (|||40000|)\r\n"), wire.output());
        Wire.DataEnd data = wire.connectPassive(Wire.CLIENT);
        wire.send("RETR hello.txt\r\n");
        assertEquals("Hello\r\nWorld\r\n", data.received());
        data.close(true);
        wire.clear().send("TYPE I\r\nREST 6\r\nPASV\r\n");
        Wire.DataEnd rest = wire.connectPassive(Wire.CLIENT);
        wire.send("RETR hello.txt\r\n");
        assertEquals("World\n", rest.received());
        assertTrue(wire.output().contains("350 Restarting at 6. Send STOR or RETR.\r\n"), wire.output());
    }

    @Test
    void storeAppendAndUnique() throws IOException {
        wire.login().send("PASV\r\n");
        Wire.DataEnd data = wire.connectPassive(Wire.CLIENT);
        data.send("early ".getBytes(StandardCharsets.UTF_8));
        wire.clear().send("STOR sub/new.bin\r\n");
        data.send("bytes".getBytes(StandardCharsets.UTF_8));
        assertEquals("150 Ok to send data.\r\n", wire.output());
        data.close(true);
        assertEquals("150 Ok to send data.\r\n226 Transfer complete.\r\n", wire.output());
        assertEquals("early bytes", Files.readString(root.resolve("sub/new.bin")));

        wire.clear().send("TYPE A\r\nPASV\r\n");
        Wire.DataEnd append = wire.connectPassive(Wire.CLIENT);
        wire.send("APPE sub/new.bin\r\n");
        append.send("\r\nline\r".getBytes(StandardCharsets.UTF_8));
        append.send("\nend".getBytes(StandardCharsets.UTF_8));
        append.close(true);
        assertEquals("early bytes\nline\nend", Files.readString(root.resolve("sub/new.bin")));

        wire.clear().send("TYPE I\r\nCWD sub\r\nPASV\r\n");
        Wire.DataEnd unique = wire.connectPassive(Wire.CLIENT);
        wire.clear().send("STOU\r\n");
        String name = wire.output().substring("150 FILE: ".length(), wire.output().indexOf("\r\n"));
        unique.send("u".getBytes(StandardCharsets.UTF_8));
        unique.close(true);
        assertEquals("u", Files.readString(root.resolve("sub").resolve(name)));
    }

    @Test
    void anUploadCutShortEarns426() {
        wire.login().send("PASV\r\n");
        Wire.DataEnd data = wire.connectPassive(Wire.CLIENT);
        wire.clear().send("STOR cut.bin\r\n");
        data.send(new byte[100]);
        data.close(false);
        assertEquals("150 Ok to send data.\r\n426 Connection closed; transfer aborted.\r\n", wire.output());
    }

    @Test
    void listings() {
        wire.login().send("PASV\r\n");
        Wire.DataEnd data = wire.connectPassive(Wire.CLIENT);
        wire.send("LIST -la\r\n");
        data.close(true);
        String[] lines = data.received().split("\r\n");
        assertEquals(2, lines.length, data.received());
        assertTrue(lines[0].matches("-rw-r--r-- +1 ftp +ftp +12 Mar 01 +2024 hello\\.txt"), lines[0]);
        assertTrue(lines[1].startsWith("drwxr-xr-x") && lines[1].endsWith(" sub"), lines[1]);

        wire.send("PASV\r\n");
        Wire.DataEnd names = wire.connectPassive(Wire.CLIENT);
        wire.send("NLST\r\n");
        assertEquals("hello.txt\r\nsub\r\n", names.received());
        names.close(true);

        wire.send("PASV\r\n");
        Wire.DataEnd machine = wire.connectPassive(Wire.CLIENT);
        wire.send("MLSD\r\n");
        assertTrue(machine.received().startsWith("type=file;size=12;modify=20240301123456;perm=adfrw; hello.txt\r\ntype=dir;modify="),
                machine.received());
        machine.close(true);

        wire.clear().send("MLST hello.txt\r\n");
        assertEquals("250-Listing /hello.txt\r\n type=file;size=12;modify=20240301123456;perm=adfrw; /hello.txt\r\n250 End\r\n",
                wire.output());
    }

    @Test
    void listingsLeaveOutNamesWithLineBreaks() throws IOException {
        Files.writeString(root.resolve("evil\r\n226 forged"), "x");
        wire.login().send("PASV\r\n");
        Wire.DataEnd names = wire.connectPassive(Wire.CLIENT);
        wire.send("NLST\r\n");
        assertEquals("hello.txt\r\nsub\r\n", names.received());
    }

    @Test
    void passivePortsCannotBeStolen() {
        wire.login().send("PASV\r\n");
        assertNull(wire.connectPassive("192.168.1.66"), "a connection from another host is refused");
        assertNotNull(wire.connectPassive(Wire.CLIENT));
        assertNull(wire.connectPassive(Wire.CLIENT), "one connection per PASV");
        assertFalse(wire.reactor.tcpServers().get(0).listeningPort().isListening(), "the listener stops after its connection");
    }

    @Test
    void aNewPasvClosesThePreviousListener() {
        wire.login().send("PASV\r\nPASV\r\n");
        assertFalse(wire.reactor.tcpServers().get(0).listeningPort().isListening());
        assertTrue(wire.reactor.tcpServers().get(1).listeningPort().isListening());
    }

    @Test
    void passivePortRange() {
        Wire ranged = new Wire(root, c -> c.withPassivePorts(new PortRange(30000, 30000)));
        ranged.login().send("PASV\r\n");
        assertEquals("227 Entering Passive Mode (10,0,0,1,117,48).\r\n", ranged.output());
    }

    @Test
    void activeModeConnectsToTheClient() {
        wire.login().send("PORT 192,168,1,1,195,80\r\n");
        assertEquals("200 PORT command successful. Consider using EPSV.\r\n", wire.output());
        wire.clear().send("RETR hello.txt\r\n");
        assertEquals(Wire.CLIENT, wire.reactor.tcpClients().get(0).host());
        assertEquals(50000, wire.reactor.tcpClients().get(0).port());
        Wire.DataEnd data = wire.acceptActive();
        assertEquals("Hello\nWorld\n", data.received());
        data.close(true);
        assertEquals("150 Opening BINARY mode data connection for /hello.txt.\r\n226 Transfer complete.\r\n", wire.output());
    }

    @Test
    void aborDuringATransfer() {
        wire.login().send("PASV\r\n");
        Wire.DataEnd data = wire.connectPassive(Wire.CLIENT);
        wire.clear().send("STOR slow.bin\r\n");
        data.send(new byte[10]);
        wire.send("NOOP\r\nABOR\r\n");
        assertEquals("150 Ok to send data.\r\n426 Transfer aborted.\r\n226 ABOR successful.\r\n200 NOOP ok.\r\n", wire.output());
        assertTrue(data.transport.isAborted());
    }

    @Test
    void theDataConnectionMustComeInTime() {
        wire.login().send("PASV\r\nRETR hello.txt\r\n");
        wire.clear();
        wire.reactor.advance(FtpLimits.DEFAULTS.dataConnectTimeout());
        assertEquals("425 Can't open data connection.\r\n", wire.output());
    }

    @Test
    void idleSessionsAreClosed() {
        wire.login();
        wire.reactor.advance(FtpLimits.DEFAULTS.idleTimeout().minusSeconds(1));
        wire.send("NOOP\r\n");
        wire.reactor.advance(FtpLimits.DEFAULTS.idleTimeout().minusSeconds(1));
        assertFalse(wire.closed());
        wire.reactor.advance(Duration.ofSeconds(1));
        assertEquals("200 NOOP ok.\r\n421 Timeout: closing control connection.\r\n", wire.output());
        assertTrue(wire.closed());
    }

    @Test
    void authTlsStartsTlsAndDropsPipelinedPlaintext() {
        Wire tls = new Wire(root, c -> c.withTls(TestTls.serverOptions(), true));
        tls.send("USER alice\r\n");
        assertEquals("530 Use AUTH TLS first.\r\n", tls.replies());
        tls.clear().send("FEAT\r\n");
        assertTrue(tls.output().contains(" AUTH TLS\r\n PBSZ\r\n PROT\r\n"));
        tls.clear().send("AUTH TLS\r\nUSER injected\r\n");
        assertEquals("234 Proceed with negotiation.\r\n", tls.output());
        assertNotNull(tls.transport.tlsOptions());
        tls.clear().send("PBSZ 0\r\nPROT P\r\nUSER alice\r\nPASS secret\r\nPROT S\r\nPROT C\r\nPASV\r\nRETR hello.txt\r\n");
        assertEquals("200 PBSZ=0\r\n200 PROT now Private.\r\n331 Please specify the password.\r\n230 Login successful.\r\n"
                + "536 PROT level not supported.\r\n200 PROT now Clear.\r\n"
                + "227 Entering Passive Mode (10,0,0,1,156,64).\r\n521 Data connections must be protected: PROT P.\r\n", tls.output());
    }

    @Test
    void utf8PathnamesPerRfc2640() throws IOException {
        wire.login().send("MKD Übersicht 日本\r\nPASV\r\n");
        assertTrue(wire.output().startsWith("257 \"/Übersicht 日本\" created\r\n"), wire.output());
        assertTrue(Files.isDirectory(root.resolve("Übersicht 日本")));
        Wire.DataEnd names = wire.connectPassive(Wire.CLIENT);
        wire.send("NLST\r\n");
        assertEquals("hello.txt\r\nsub\r\nÜbersicht 日本\r\n", new String(names.transport.value(), StandardCharsets.UTF_8));
    }

    @Test
    void ipv6ControlConnections() {
        StringTransport control = new StringTransport(new IPv6Address(SocketType.TCP, "2001:db8::1", 21),
                new IPv6Address(SocketType.TCP, "2001:db8::2", 50000));
        FtpServer server = new FtpServer(FtpServerConfig.of(portal(), wire.reactor));
        server.makeConnection(control);
        server.dataReceived("USER alice\r\nPASS secret\r\nPASV\r\nEPSV\r\nEPSV 1\r\nEPRT |2|2001:db8::2|50001|\r\nEPRT |2|2001:db8::99|50001|\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("220 Torsion FTP server ready.\r\n331 Please specify the password.\r\n230 Login successful.\r\n"
                + "425 Use EPSV on IPv6.\r\n229 Entering Extended Passive Mode (|||40000|)\r\n"
                + "229 Entering Extended Passive Mode (|||40001|)\r\n200 EPRT command successful. Consider using EPSV.\r\n"
                + "504 Data connections only to your own address.\r\n", control.valueAsString());
        assertEquals("2001:db8::1", wire.reactor.tcpServers().get(0).interfaceAddress());
    }

    private Portal portal() {
        Portal portal = new Portal(FtpRealm.sharedRoot(root, false, wire.reactor), wire.reactor,
                new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret"));
        portal.setFailureDelay(Duration.ZERO);
        return portal;
    }

    @Test
    void mfmtSetsTheModificationTime() throws IOException {
        wire.login().send("MFMT 20200102030405 hello.txt\r\nMDTM hello.txt\r\nMFMT 2020 hello.txt\r\nMFMT 20200102030405 none\r\n");
        assertEquals("213 Modify=20200102030405; hello.txt\r\n213 20200102030405\r\n501 Syntax: MFMT YYYYMMDDHHMMSS path\r\n"
                + "550 No such file or directory.\r\n", wire.output());
        assertEquals(Instant.parse("2020-01-02T03:04:05Z"), Files.getLastModifiedTime(root.resolve("hello.txt")).toInstant());
    }
}
