package dev.torsion.benchmarks.http;

import dev.torsion.http.Headers;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.websocket.WebSocket;
import dev.torsion.http.websocket.WebSocketProtocol;
import dev.torsion.http.websocket.client.WebSocketClient;
import dev.torsion.http.websocket.server.WebSocketResource;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import io.netty.channel.epoll.Epoll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket echo of 1 KiB binary messages over 10 connections: Torsion's {@code WebSocketResource}
 * against a raw Netty {@code WebSocketServerProtocolHandler} echo, one event-loop thread each, both
 * without compression. The load comes from Torsion's {@code WebSocketClient} on a reactor of its
 * own (the same client for both servers), each connection keeping 16 messages in flight; counted
 * is echoes received per second, in interleaved rounds after an untimed warm-up.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.http.WebSocketEchoBenchmark [seconds] [rounds]
 * </pre>
 */
public final class WebSocketEchoBenchmark {
    private static final int CONNECTIONS = 10;
    private static final int IN_FLIGHT = 16;
    private static final byte[] MESSAGE = new byte[1024];

    private WebSocketEchoBenchmark() {
    }

    /** Echoes each message. */
    static final class Echo implements WebSocketProtocol {
        private WebSocket socket;

        @Override
        public void onOpen(WebSocket opened) {
            socket = opened;
        }

        @Override
        public void onBinary(byte[] data) {
            socket.sendBinary(data);
        }
    }

    /** Keeps its window of messages in flight, counting each echo. */
    static final class Pinger implements WebSocketProtocol {
        private final AtomicLong echoes;
        private volatile boolean running = true;
        private WebSocket socket;

        Pinger(AtomicLong echoes) {
            this.echoes = echoes;
        }

        @Override
        public void onOpen(WebSocket opened) {
            socket = opened;
            for (int i = 0; i < IN_FLIGHT; i++) {
                socket.sendBinary(MESSAGE);
            }
        }

        @Override
        public void onBinary(byte[] data) {
            echoes.incrementAndGet();
            if (running) {
                socket.sendBinary(MESSAGE);
            } else {
                socket.close();
            }
        }

        void stop() {
            running = false;
        }
    }

    /**
     * Runs the comparison.
     *
     * @param args optional: seconds per run, rounds
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        NettyReactor server = start("torsion-server");
        NettyReactor client = start("torsion-client");
        Resource root = new Resource();
        root.putChild("echo", new WebSocketResource(request -> new Echo()));
        Site site = new Site(root);
        ListeningPort torsion = server.blockingCallFromThread(() -> server.listenTCP(0, site.factory(server), 1024, "127.0.0.1"));
        String torsionUrl = "ws://127.0.0.1:" + ((IPv4Address) torsion.getHost()).port() + "/echo";
        try (RawNettyWebSocketEcho netty = new RawNettyWebSocketEcho(Epoll.isAvailable())) {
            String nettyUrl = "ws://127.0.0.1:" + netty.port() + "/echo";
            run(client, nettyUrl, 1);
            run(client, torsionUrl, 1);
            List<Double> nettyRates = new ArrayList<>();
            List<Double> torsionRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                nettyRates.add(run(client, nettyUrl, seconds));
                torsionRates.add(run(client, torsionUrl, seconds));
                System.out.printf(Locale.ROOT, "round %d: raw Netty %.0f echoes/s, Torsion %.0f echoes/s%n",
                        round, nettyRates.get(round - 1), torsionRates.get(round - 1));
            }
            double nettyMedian = Median.of(nettyRates.stream().mapToDouble(Double::doubleValue));
            double torsionMedian = Median.of(torsionRates.stream().mapToDouble(Double::doubleValue));
            System.out.printf(Locale.ROOT, "WebSocket echo, 1 KiB, %d connections x %d in flight: raw Netty %.0f/s, Torsion %.0f/s (%.2fx)%n",
                    CONNECTIONS, IN_FLIGHT, nettyMedian, torsionMedian, torsionMedian / nettyMedian);
        } finally {
            server.blockingCallFromThread(() -> {
                torsion.stopListening();
                return null;
            });
            server.callFromThread(server::stop);
            client.callFromThread(client::stop);
        }
    }

    private static NettyReactor start(String name) throws InterruptedException {
        NettyReactor reactor = NettyReactor.create();
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        new Thread(reactor::run, name).start();
        started.await(10, TimeUnit.SECONDS);
        return reactor;
    }

    /** Echoes per second over {@code seconds} on {@code CONNECTIONS} connections to {@code url}. */
    private static double run(NettyReactor client, String url, int seconds) throws Exception {
        AtomicLong echoes = new AtomicLong();
        List<Pinger> pingers = new ArrayList<>();
        CountDownLatch open = new CountDownLatch(CONNECTIONS);
        client.blockingCallFromThread(() -> {
            WebSocketClient connector = new WebSocketClient(client);
            for (int i = 0; i < CONNECTIONS; i++) {
                Pinger pinger = new Pinger(echoes);
                pingers.add(pinger);
                connector.connect(url, new Headers(), List.of(), false, pinger).addCallback(socket -> {
                    open.countDown();
                    return socket;
                });
            }
            return null;
        });
        open.await(10, TimeUnit.SECONDS);
        long before = echoes.get();
        long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        long counted = echoes.get() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        pingers.forEach(Pinger::stop);
        return counted / elapsed;
    }
}
