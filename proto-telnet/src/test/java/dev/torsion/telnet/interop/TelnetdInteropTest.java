package dev.torsion.telnet.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.client.TelnetClient;
import dev.torsion.telnet.client.TelnetClientOptions;
import dev.torsion.telnet.client.TelnetClientProtocol;
import dev.torsion.telnet.codec.TelnetOption;
import dev.torsion.telnet.options.WindowSize;
import dev.torsion.telnet.support.Programs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Our client against GNU inetutils telnetd (run per connection by socat on loopback, with a shell
 * instead of login): it negotiates, and the shell on the server side sees the terminal type and
 * window size our client sent (TERM, stty size).
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class TelnetdInteropTest {
    private static final String SOCAT = "/usr/bin/socat";
    private static final String TELNETD = "/usr/sbin/telnetd";
    private static LiveReactor live;
    private static Process socat;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(SOCAT);
        Programs.require(TELNETD);
        port = FreePorts.tcp();
        socat = new ProcessBuilder(SOCAT, "-d", "-d", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "EXEC:" + TELNETD + " -h -E /bin/sh,nofork").start();
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(socat.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    if (line.contains("listening on")) {
                        listening.complete(true);
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        }, "socat stderr");
        reader.setDaemon(true);
        reader.start();
        assertTrue(listening.get(20, TimeUnit.SECONDS), "socat is listening");
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (socat != null) {
            socat.destroy();
            socat.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shellSeesOurTerminal() throws Exception {
        TelnetClientOptions options = new TelnetClientOptions("VT100", new WindowSize(132, 43), List.of());
        TelnetClientProtocol client = live.await(() -> TelnetClient.connect(live.reactor, "127.0.0.1", port,
                options, TelnetLimits.DEFAULT));
        live.call(() -> {
            client.sendLine("echo torsion-$((6*7)) term=$TERM size=$(stty size)");
            return null;
        });
        String seen = live.await(() -> client.expect("size=43 132"));
        assertTrue(seen.contains("torsion-42 term=vt100"), seen);
        assertTrue(live.call(() -> client.telnet().isLocalEnabled(TelnetOption.NAWS)));
        assertTrue(live.call(() -> client.telnet().isRemoteEnabled(TelnetOption.ECHO)));
        live.call(() -> {
            client.sendLine("exit");
            return null;
        });
        live.await(client::whenClosed);
    }
}
