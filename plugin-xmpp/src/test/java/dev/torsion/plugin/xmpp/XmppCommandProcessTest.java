package dev.torsion.plugin.xmpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.PeerProcess;
import dev.torsion.netty.testing.TorsionCommand;
import dev.torsion.netty.tls.PemFiles;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.xmpp.support.Scripts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion xmpp} as a user runs it: the runner in a JVM of its own on a real socket, stopped
 * with SIGTERM. A raw client checks the stream negotiation and registers an account in-band over
 * STARTTLS (a JDK SSLSocket on the same socket); under the interop profile two slixmpp
 * clients log in over STARTTLS with SCRAM, subscribe, chat, and their rosters land in files.
 */
class XmppCommandProcessTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";

    @TempDir
    Path root;

    private Path resource(String name) throws IOException {
        Path file = root.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/dev/torsion/plugin/xmpp/" + name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private PeerProcess start(int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("xmpp",
                "--listen", "tcp:" + port + ":interface=127.0.0.1", "--domain", "localhost",
                "--user", "alice=secret", "--user", "bob=secret", "--rosters", root.resolve("rosters").toString(),
                "--offline", root.resolve("offline").toString(),
                "--certificate", resource("server.pem").toString(), "--private-key", resource("server-key.pem").toString(), "--register"));
        args.addAll(List.of(extra));
        return PeerProcess.start(TorsionCommand.of(args), root.resolve("torsion.out"), port);
    }

    private void stop(PeerProcess torsion) throws Exception {
        assertEquals(0, torsion.terminate(), torsion.log());
        String transcript = torsion.log();
        assertTrue(!transcript.contains("secret") && !transcript.contains("c0mp"), "a password reached the log:\n" + transcript);
    }

    @Test
    void offersStarttlsAndRefusesStanzasBeforeIt() throws Exception {
        int port = FreePorts.tcp();
        PeerProcess torsion = start(port);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(HEADER.getBytes(StandardCharsets.UTF_8));
            String features = readUntil(socket.getInputStream(), "</stream:features>");
            assertTrue(features.contains(" from='localhost' version='1.0'"), features);
            assertTrue(features.endsWith("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                    + "</stream:features>"), features);
            socket.getOutputStream().write("<message to='bob@localhost'><body>x</body></message>".getBytes(StandardCharsets.UTF_8));
            assertEquals("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>",
                    readUntil(socket.getInputStream(), "</stream:stream>"));
        } finally {
            stop(torsion);
        }
    }

    @Test
    void registersInBandOverStarttlsThenLogsIn() throws Exception {
        int port = FreePorts.tcp();
        PeerProcess torsion = start(port);
        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.setSoTimeout(30_000);
            plain.getOutputStream().write((HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").getBytes(StandardCharsets.UTF_8));
            assertTrue(readUntil(plain.getInputStream(), "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").endsWith("/>"));
            SSLContext context = TlsContexts.context(null, List.of(), PemFiles.readCertificates(resource("ca.pem")));
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, false)) {
                tls.startHandshake();
                OutputStream out = tls.getOutputStream();
                out.write(HEADER.getBytes(StandardCharsets.UTF_8));
                String features = readUntil(tls.getInputStream(), "</stream:features>");
                assertTrue(features.contains("<register xmlns='http://jabber.org/features/iq-register'/>"), features);
                out.write(("<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>dora</username>"
                        + "<password>n3w pass</password></query></iq>").getBytes(StandardCharsets.UTF_8));
                assertEquals("<iq type='result' id='reg'/>", readUntil(tls.getInputStream(), "/>"));
                String plainAuth = Base64.getEncoder().encodeToString("\0dora\0n3w pass".getBytes(StandardCharsets.UTF_8));
                out.write(("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plainAuth + "</auth>")
                        .getBytes(StandardCharsets.UTF_8));
                assertEquals("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", readUntil(tls.getInputStream(), "/>"));
            }
        } finally {
            stop(torsion);
        }
    }

    @Test
    void acceptsAComponentWhoseBotJoinsARoom() throws Exception {
        int port = FreePorts.tcp();
        int componentPort = FreePorts.tcp();
        PeerProcess torsion = start(port, "--component", "echo.localhost=c0mp", "--component-listen",
                "tcp:" + componentPort + ":interface=127.0.0.1", "--muc");
        torsion.awaitListening(componentPort);
        try (Socket socket = new Socket("127.0.0.1", componentPort)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
                    + "xmlns:stream='http://etherx.jabber.org/streams' to='echo.localhost'>").getBytes(StandardCharsets.UTF_8));
            String header = readUntil(socket.getInputStream(), "from='echo.localhost'>");
            Matcher id = Pattern.compile(" id='([0-9a-f]+)'").matcher(header);
            assertTrue(id.find(), header);
            // XEP-0114 §3: hex SHA-1 of the stream id and the secret.
            String handshake = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest((id.group(1) + "c0mp").getBytes(StandardCharsets.UTF_8)));
            out.write(("<handshake>" + handshake + "</handshake>").getBytes(StandardCharsets.UTF_8));
            assertEquals("<handshake/>", readUntil(socket.getInputStream(), "/>"));
            // The component's bot joins a room of the chat service (--muc, conference.localhost): it creates it.
            out.write(("<presence from='bot@echo.localhost/x' to='den@conference.localhost/Bot'>"
                    + "<x xmlns='http://jabber.org/protocol/muc'/></presence>").getBytes(StandardCharsets.UTF_8));
            assertEquals("<presence from='den@conference.localhost/Bot' to='bot@echo.localhost/x'>"
                    + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator' jid='bot@echo.localhost/x'/>"
                    + "<status code='110'/><status code='201'/></x></presence>"
                    + "<message type='groupchat' from='den@conference.localhost' to='bot@echo.localhost/x'><subject/></message>",
                    readUntil(socket.getInputStream(), "</message>"));
            out.write("</stream:stream>".getBytes(StandardCharsets.UTF_8));
            assertEquals("</stream:stream>", readUntil(socket.getInputStream(), "</stream:stream>"));
        } finally {
            stop(torsion);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void slixmppClientsChatThroughTheCommand() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is missing");
        int port = FreePorts.tcp();
        PeerProcess torsion = start(port);
        try {
            Path script = Scripts.extract("slixmpp_clients.py", root);
            Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(port),
                    resource("ca.pem").toString(), "localhost").redirectErrorStream(true).redirectOutput(root.resolve("slixmpp.out").toFile())
                    .start();
            assertTrue(python.waitFor(90, TimeUnit.SECONDS), "slixmpp did not finish");
            String out = Files.readString(root.resolve("slixmpp.out"));
            assertEquals(0, python.exitValue(), out);
            for (String expected : List.of("\"alice_auth\": \"SCRAM-SHA-256\"", "\"bob_auth\": \"SCRAM-SHA-1\"",
                    "\"bob_got\": [\"alice@localhost/slix\", \"hello bob \\u00e9 <&>\"]", "\"alice_sees_bob\": \"both\"")) {
                assertTrue(out.contains(expected), () -> "missing " + expected + " in " + out);
            }
        } finally {
            stop(torsion);
        }
        assertTrue(Files.readString(root.resolve("rosters").resolve("bob.roster")).contains("item\talice%40localhost\tboth\t-"));
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!text.toString().endsWith(end)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
