package dev.torsion.benchmarks.transport;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.NettyReactor;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory per idle connection: a server process holds N idle connections (opened by a separate
 * client process, so that only the server side is measured) and reports heap after GC and resident
 * set size, minus the same figures before the connections. Each server runs in a fresh JVM:
 * Torsion (one reactor, a do-nothing protocol per connection) and raw Netty (one loop, a shared
 * do-nothing handler).
 *
 * <p>Run (needs {@code ulimit -n} above N + 100 for both processes):
 * {@code java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.transport.IdleConnectionsMemory [epoll|nio] [N]}
 */
public final class IdleConnectionsMemory {
    private IdleConnectionsMemory() {
    }

    /** Counts connections; does nothing else. */
    static final class Idle extends Protocol {
        static final AtomicInteger OPEN = new AtomicInteger();

        @Override
        public void connectionMade() {
            OPEN.incrementAndGet();
        }
    }

    /** Counts connections for the raw Netty server. */
    @ChannelHandler.Sharable
    static final class CountingIdleHandler extends ChannelInboundHandlerAdapter {
        static final AtomicInteger OPEN = new AtomicInteger();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            OPEN.incrementAndGet();
        }
    }

    /** Parent (no role argument): runs each server in its own JVM and prints the comparison. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("server") || args[0].equals("clients"))) {
            mainChild(args);
            return;
        }
        String kind = args.length > 0 ? args[0] : "epoll";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        double[] netty = child("server", "netty", kind, String.valueOf(n));
        double[] torsion = child("server", "torsion", kind, String.valueOf(n));
        System.out.printf("idle connections, %s, %d connections (server side only, fresh JVM each)%n", kind, n);
        System.out.printf("  raw Netty : heap %6.0f B/conn, RSS %6.0f B/conn%n", netty[0], netty[1]);
        System.out.printf("  Torsion   : heap %6.0f B/conn, RSS %6.0f B/conn%n", torsion[0], torsion[1]);
        System.out.printf("  ratio heap %.2f, RSS %.2f (target <= 1.2)%n", torsion[0] / netty[0], torsion[1] / netty[1]);
    }

    private static double[] child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), IdleConnectionsMemory.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ");
                    return new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
                }
            }
        } finally {
            process.waitFor(60, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        throw new IllegalStateException("the server child printed no result");
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Entry point of the child processes. */
    static void mainChild(String[] args) throws Exception {
        if (args[0].equals("clients")) {
            clients(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            server(args[1], args[2], Integer.parseInt(args[3]));
        }
    }

    private static void server(String which, String kind, int n) throws Exception {
        NettyReactor reactor = null;
        MultiThreadIoEventLoopGroup group = null;
        int port;
        AtomicInteger open;
        if (which.equals("torsion")) {
            reactor = NettyReactor.create(kind);
            ListeningPort listening = reactor.listenTCP(0, a -> new Idle(), 4096, "127.0.0.1");
            port = ((IPv4Address) listening.getHost()).port();
            open = Idle.OPEN;
        } else {
            group = RawNetty.oneLoop(kind);
            Channel server = RawNetty.listen(group, kind, new CountingIdleHandler(), 4096);
            port = RawNetty.port(server);
            open = CountingIdleHandler.OPEN;
        }
        // Warm the accept path so that class loading is not counted.
        Process warm = clientProcess(kind, port, 100);
        awaitOpen(open, 100);
        warm.destroyForcibly().waitFor();
        awaitOpen(open, 100);
        long heapBefore = heapAfterGc();
        long rssBefore = rss();
        int base = open.get();
        Process clients = clientProcess(kind, port, n);
        awaitOpen(open, base + n);
        long heapAfter = heapAfterGc();
        long rssAfter = rss();
        System.out.printf("RESULT %.1f %.1f%n", (heapAfter - heapBefore) / (double) n, (rssAfter - rssBefore) / (double) n);
        System.out.flush();
        clients.destroyForcibly();
        if (reactor != null) {
            reactor.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static Process clientProcess(String kind, int port, int n) throws IOException {
        return new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                IdleConnectionsMemory.class.getName(), "clients", kind, String.valueOf(port), String.valueOf(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitOpen(AtomicInteger open, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (open.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (open.get() < atLeast) {
            throw new IllegalStateException("only " + open.get() + " of " + atLeast + " connections arrived");
        }
        Thread.sleep(500); // let the last registrations settle
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    private static void clients(String kind, int port, int n) throws Exception {
        MultiThreadIoEventLoopGroup group = RawNetty.oneLoop(kind);
        Bootstrap bootstrap = new Bootstrap().group(group).channel(RawNetty.socketChannel(kind))
                .handler(RawNetty.IdleHandler.INSTANCE);
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            channels.add(bootstrap.connect("127.0.0.1", port).syncUninterruptibly().channel());
        }
        // Hold the connections until the server kills this process.
        channels.get(0).closeFuture().await(10, TimeUnit.MINUTES);
    }
}
