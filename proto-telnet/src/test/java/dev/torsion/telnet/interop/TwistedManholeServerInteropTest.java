package dev.torsion.telnet.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.client.TelnetClient;
import dev.torsion.telnet.client.TelnetClientOptions;
import dev.torsion.telnet.client.TelnetClientProtocol;
import dev.torsion.telnet.codec.TelnetOption;
import dev.torsion.telnet.support.Programs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client against Twisted's own Telnet manhole ({@code TelnetTransport}, {@code
 * TelnetBootstrapProtocol}, insults and {@code Manhole}, as {@code twistd telnet} once served):
 * negotiation with the reference implementation (its DO LINEMODE refused, NAWS and ECHO agreed),
 * then a Python expression evaluated.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class TwistedManholeServerInteropTest {
    private static final String SERVER = String.join("\n",
            "from twisted.internet import reactor, protocol",
            "from twisted.conch.telnet import TelnetTransport, TelnetBootstrapProtocol",
            "from twisted.conch.insults import insults",
            "from twisted.conch.manhole import Manhole",
            "f = protocol.ServerFactory()",
            "f.protocol = lambda: TelnetTransport(TelnetBootstrapProtocol, insults.ServerProtocol, Manhole,",
            "                                     {'torsion': 'probe'})",
            "port = reactor.listenTCP(0, f, interface='127.0.0.1')",
            "print(port.getHost().port, flush=True)",
            "reactor.run()",
            "");
    private static Process twisted;
    private static int port;
    private static LiveReactor live;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Programs.require(Programs.PYTHON);
        Path script = dir.resolve("manhole_server.py");
        Files.writeString(script, SERVER);
        twisted = new ProcessBuilder(Programs.PYTHON, script.toString()).redirectErrorStream(true).start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(twisted.getInputStream(),
                    StandardCharsets.UTF_8))) {
                listening.complete(Integer.parseInt(out.readLine().strip()));
                out.transferTo(Writer.nullWriter());
            } catch (IOException | RuntimeException e) {
                listening.completeExceptionally(e);
            }
        }, "twisted output");
        reader.setDaemon(true);
        reader.start();
        port = listening.get(30, TimeUnit.SECONDS);
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (twisted != null) {
            twisted.destroy();
            twisted.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void evaluatesInTwistedsManhole() throws Exception {
        TelnetClientProtocol client = live.await(() -> TelnetClient.connect(live.reactor, "127.0.0.1", port,
                TelnetClientOptions.DEFAULT, TelnetLimits.DEFAULT));
        live.await(() -> client.expect(">>> "));
        live.call(() -> {
            client.sendLine("6 * 7");
            return null;
        });
        // Twisted redraws the screen when our NAWS arrives, so prompts may repeat: wait for the answer.
        String answer = live.await(() -> client.expect("\n42"));
        assertTrue(answer.contains("6 * 7"), answer);
        live.await(() -> client.expect(">>> "));
        live.call(() -> {
            client.sendLine("torsion");
            return null;
        });
        live.await(() -> client.expect("'probe'"));
        assertTrue(live.call(() -> client.telnet().isRemoteEnabled(TelnetOption.ECHO)), "Twisted's WILL ECHO agreed");
        assertTrue(live.call(() -> client.telnet().isLocalEnabled(TelnetOption.NAWS)), "Twisted's DO NAWS agreed");
        assertTrue(live.call(() -> !client.telnet().isLocalEnabled(TelnetOption.LINEMODE)), "DO LINEMODE refused");
        live.call(() -> {
            client.transport().loseConnection();
            return null;
        });
        live.await(client::whenClosed);
    }
}
