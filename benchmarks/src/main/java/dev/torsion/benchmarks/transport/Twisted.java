package dev.torsion.benchmarks.transport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Python Twisted's echo server (Debian's python3-twisted, epoll reactor) as a child process, for scale. */
final class Twisted {
    private static final String ECHO = String.join("\n",
            "from twisted.internet import epollreactor",
            "epollreactor.install()",
            "from twisted.internet import reactor, protocol",
            "class Echo(protocol.Protocol):",
            "    def dataReceived(self, data): self.transport.write(data)",
            "f = protocol.Factory.forProtocol(Echo)",
            "f.noisy = False",
            "p = reactor.listenTCP(0, f, backlog=1024, interface='127.0.0.1')",
            "print(p.getHost().port, flush=True)",
            "reactor.run()");

    private Twisted() {
    }

    /**
     * Runs {@code measurement} against a Twisted echo server (its CPU time is the whole process's:
     * the reactor is one thread); {@code absent} when Twisted is not installed.
     */
    static <T> T withEchoServer(EchoServers.Measurement<T> measurement, T absent) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            return absent;
        }
        Process process = new ProcessBuilder(python.toString(), "-c", ECHO).redirectErrorStream(true).start();
        try {
            String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (first == null || !first.trim().matches("\\d+")) {
                return absent;
            }
            return measurement.run(Integer.parseInt(first.trim()),
                    () -> process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L));
        } finally {
            process.destroyForcibly();
        }
    }
}
