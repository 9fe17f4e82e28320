package dev.torsion.http.websocket.integration;

import static dev.torsion.netty.testing.Programs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.Headers;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.TestTls;
import dev.torsion.http.websocket.CloseStatus;
import dev.torsion.http.websocket.WebSocket;
import dev.torsion.http.websocket.WebSocketLimits;
import dev.torsion.http.websocket.WebSocketProtocol;
import dev.torsion.http.websocket.client.WebSocketClient;
import dev.torsion.http.websocket.server.WebSocketResource;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Torsion's WebSocket against programs others wrote, both ways, with and without permessage-deflate:
 * Python's {@code websockets} (Debian python3-websockets) and Node's {@code ws} (installed from npm
 * into a temporary directory). Runs only with {@code -Dtorsion.interop=true}; a missing program fails.
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class WebSocketInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String NODE = "/usr/bin/node";
    private static final String NPM = "/usr/bin/npm";

    private static final String PYTHON_CLIENT = """
            import asyncio, ssl, sys, websockets
            async def main(uri, compression, cafile):
                context = ssl.create_default_context(cafile=cafile) if cafile != "-" else None
                async with websockets.connect(uri, compression="deflate" if compression == "on" else None,
                                              ssl=context, max_size=2 ** 24, subprotocols=["chat"]) as ws:
                    print("extensions", ws.response_headers.get("Sec-WebSocket-Extensions"))
                    print("subprotocol", ws.subprotocol)
                    await ws.send("héllo")
                    print("text", await ws.recv())
                    big = bytes(range(256)) * 12288
                    await ws.send(big)
                    back = await ws.recv()
                    print("binary", len(back), back == big)
                    await ws.send(["frag", "mented"])
                    print("fragmented", await ws.recv())
                    await (await ws.ping(b"p"))
                    print("pong ok")
                    await ws.close(code=1000, reason="bye")
                    print("close", ws.close_code)
            asyncio.run(main(*sys.argv[1:]))
            """;

    private static final String PYTHON_SERVER = """
            import asyncio, websockets
            async def echo(ws, path):
                async for message in ws:
                    await ws.send(message)
            async def main():
                async with websockets.serve(echo, "127.0.0.1", 0, max_size=2 ** 24) as server:
                    print(server.sockets[0].getsockname()[1], flush=True)
                    await asyncio.Future()
            asyncio.run(main())
            """;

    private static final String NODE_CLIENT = """
            const WebSocket = require('ws');
            const ws = new WebSocket(process.argv[2], ['chat'], { perMessageDeflate: process.argv[3] === 'on' });
            const big = Buffer.alloc(3 << 20, 7);
            let step = 0;
            ws.on('open', () => {
              console.log('extensions', ws.extensions || 'none');
              console.log('subprotocol', ws.protocol);
              ws.send('héllo');
            });
            ws.on('message', (data, isBinary) => {
              if (step++ === 0) {
                console.log('text', data.toString());
                ws.send(big);
              } else {
                console.log('binary', data.length, Buffer.compare(data, big) === 0);
                ws.ping('p');
              }
            });
            ws.on('pong', () => { console.log('pong ok'); ws.close(1000, 'bye'); });
            ws.on('close', (code) => { console.log('close', code); process.exit(0); });
            ws.on('error', (e) => { console.log('error', e.message); process.exit(1); });
            """;

    private static final String NODE_SERVER = """
            const { WebSocketServer } = require('ws');
            const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: true, maxPayload: 1 << 24 });
            wss.on('listening', () => console.log(wss.address().port));
            wss.on('connection', (ws) => {
              ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
            });
            """;

    static Path temp;
    static LiveReactor live;
    static ListeningPort plain;
    static ListeningPort secure;
    static Path tls;
    static Path nodeModules;
    static final List<Process> peers = new ArrayList<>();
    static int pythonServerPort;
    static int nodeServerPort;

    /** Echoes every message. */
    static final class Echo implements WebSocketProtocol {
        private WebSocket socket;

        @Override
        public void onOpen(WebSocket opened) {
            socket = opened;
        }

        @Override
        public void onText(String text) {
            socket.sendText(text);
        }

        @Override
        public void onBinary(byte[] data) {
            socket.sendBinary(data);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        temp = Files.createTempDirectory("torsion-ws-interop");
        tls = TestTls.materialize(Files.createDirectory(temp.resolve("tls")));
        Resource root = new Resource();
        root.putChild("echo", new WebSocketResource(request -> new Echo(), List.of("chat"),
                WebSocketLimits.DEFAULT.withMaxFramePayload(4 << 20), true, origin -> true));
        Site site = new Site(root);
        live = new LiveReactor();
        plain = live.call(() -> live.reactor.listenTCP(0, site.factory(live.reactor), 50, "127.0.0.1"));
        TlsOptions serverTls = TlsContexts.serverOptions(tls.resolve("server-key.pem"), tls.resolve("server.pem"), null, null);
        secure = live.call(() -> live.reactor.listenSSL(0, site.secureFactory(live.reactor), serverTls, 50, "127.0.0.1"));
        for (Map.Entry<String, String> script : Map.of("client.py", PYTHON_CLIENT, "server.py", PYTHON_SERVER,
                "client.js", NODE_CLIENT, "server.js", NODE_SERVER).entrySet()) {
            Files.writeString(temp.resolve(script.getKey()), script.getValue());
        }
        Programs.require(NODE);
        run(List.of(NPM, "install", "--prefix", temp.toString(), "--no-audit", "--no-fund", "--loglevel=error", "ws@8"));
        nodeModules = temp.resolve("node_modules");
        pythonServerPort = startPeer(List.of(PYTHON, temp.resolve("server.py").toString()));
        nodeServerPort = startPeer(List.of(NODE, temp.resolve("server.js").toString()));
    }

    /** Starts a server peer that prints its port on its first line. */
    private static int startPeer(List<String> command) throws Exception {
        Programs.require(command.get(0));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", nodeModules.toString());
        Process process = builder.start();
        peers.add(process);
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String line = firstLine.get(30, TimeUnit.SECONDS);
        assertNotNull(line, command + " ended before listening");
        return Integer.parseInt(line.trim());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process peer : peers) {
            peer.destroy();
            if (!peer.waitFor(10, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        }
        live.await(plain::stopListening);
        live.await(secure::stopListening);
        live.close();
    }

    private static int port(ListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }

    private static String node(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "NODE_PATH=" + nodeModules, NODE));
        command.addAll(args);
        return run(command);
    }

    @Test
    void pythonClientAgainstTorsion() throws Exception {
        String uri = "ws://127.0.0.1:" + port(plain) + "/echo";
        for (String compression : new String[] {"off", "on"}) {
            String out = run(List.of(PYTHON, temp.resolve("client.py").toString(), uri, compression, "-"));
            assertTrue(out.contains("extensions " + (compression.equals("on") ? "permessage-deflate" : "None")), out);
            assertTrue(out.contains("subprotocol chat\n"), out);
            assertTrue(out.contains("text héllo\n"), out);
            assertTrue(out.contains("binary 3145728 True\n"), out);
            assertTrue(out.contains("fragmented fragmented\n"), out);
            assertTrue(out.contains("pong ok\n"), out);
            assertTrue(out.contains("close 1000\n"), out);
        }
    }

    @Test
    void pythonClientOverTls() throws Exception {
        String out = run(List.of(PYTHON, temp.resolve("client.py").toString(),
                "wss://localhost:" + port(secure) + "/echo", "on", tls.resolve("ca.pem").toString()));
        assertTrue(out.contains("binary 3145728 True\n"), out);
        assertTrue(out.contains("close 1000\n"), out);
    }

    @Test
    void nodeClientAgainstTorsion() throws Exception {
        String uri = "ws://127.0.0.1:" + port(plain) + "/echo";
        for (String compression : new String[] {"off", "on"}) {
            String out = node(List.of(temp.resolve("client.js").toString(), uri, compression));
            assertTrue(out.contains("extensions " + (compression.equals("on") ? "permessage-deflate" : "none")), out);
            assertTrue(out.contains("subprotocol chat\n"), out);
            assertTrue(out.contains("text héllo\n"), out);
            assertTrue(out.contains("binary 3145728 true\n"), out);
            assertTrue(out.contains("pong ok\n"), out);
            assertTrue(out.contains("close 1000\n"), out);
        }
    }

    /** Sends texts, a large binary and a fragmented-size one, checks the echoes, then closes. */
    static final class Exchange implements WebSocketProtocol {
        final CompletableFuture<String> done = new CompletableFuture<>();
        final byte[] big = new byte[2 << 20];
        private final List<String> seen = new ArrayList<>();
        private WebSocket socket;

        Exchange() {
            Arrays.fill(big, (byte) 'z');
        }

        @Override
        public void onOpen(WebSocket opened) {
            socket = opened;
            socket.sendText("héllo");
            socket.sendText("");
            socket.sendBinary(big);
            socket.ping("p".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void onText(String text) {
            seen.add("text:" + text);
        }

        @Override
        public void onBinary(byte[] data) {
            seen.add("binary:" + Arrays.equals(data, big));
            closeWhenAllIn();
        }

        /** A peer may answer the Ping before it echoes the message sent before it. */
        @Override
        public void onPong(byte[] data) {
            seen.add("pong");
            closeWhenAllIn();
        }

        private void closeWhenAllIn() {
            if (seen.contains("pong") && seen.stream().anyMatch(event -> event.startsWith("binary:"))) {
                socket.close(1000, "bye");
            }
        }

        @Override
        public void onClose(CloseStatus status) {
            seen.remove("pong");
            done.complete(String.join(",", seen) + ",pong " + status.code() + " " + status.clean() + " " + socket.isCompressed());
        }
    }

    private String torsionClient(int port, boolean compression) throws Exception {
        WebSocketClient client = live.call(() -> new WebSocketClient(live.reactor));
        Exchange exchange = new Exchange();
        live.await(() -> client.connect("ws://127.0.0.1:" + port + "/", new Headers(), List.of(), compression, exchange));
        return exchange.done.get(30, TimeUnit.SECONDS);
    }

    @Test
    void torsionClientAgainstPythonServer() throws Exception {
        assertEquals("text:héllo,text:,binary:true,pong 1000 true false", torsionClient(pythonServerPort, false));
        assertEquals("text:héllo,text:,binary:true,pong 1000 true true", torsionClient(pythonServerPort, true));
    }

    @Test
    void torsionClientAgainstNodeServer() throws Exception {
        assertEquals("text:héllo,text:,binary:true,pong 1000 true false", torsionClient(nodeServerPort, false));
        assertEquals("text:héllo,text:,binary:true,pong 1000 true true", torsionClient(nodeServerPort, true));
    }
}
