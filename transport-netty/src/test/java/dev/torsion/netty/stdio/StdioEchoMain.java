package dev.torsion.netty.stdio;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectionDone;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny program run in a child JVM by {@link StandardIOTest}: echoes stdin to stdout in upper
 * case through {@link StandardIO}, then exits 0 when stdin ends (7 if the reason was not clean).
 */
public final class StdioEchoMain {
    private StdioEchoMain() {
    }

    /** Runs the echo until end of input. */
    public static void main(String[] args) throws InterruptedException {
        ExecutorService reactor = Executors.newSingleThreadExecutor();
        int[] exitCode = {0};
        StandardIO.start(reactor, new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport().write(new String(data, StandardCharsets.UTF_8)
                        .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void connectionLost(Failure reason) {
                if (reason.check(ConnectionDone.class) == null) {
                    exitCode[0] = 7;
                }
                reactor.shutdown();
            }
        });
        if (!reactor.awaitTermination(60, TimeUnit.SECONDS)) {
            exitCode[0] = 8;
        }
        System.exit(exitCode[0]);
    }
}
