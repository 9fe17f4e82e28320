package dev.torsion.nmea.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.netty.testing.Programs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by socat (Debian {@code socat}): what one end writes the other
 * reads, as over a null-modem cable. Started and ready (on socat's own log, not a clock) when
 * constructed; stopped by its PID.
 */
public final class SocatPtys implements AutoCloseable {

    private static final String SOCAT = "/usr/bin/socat";

    private final Process socat;
    /** The two device paths. */
    public final String first;
    /** The other one. */
    public final String second;

    /** Starts {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0} and waits for its two ptys. */
    public SocatPtys() throws Exception {
        Programs.require(SOCAT);
        socat = new ProcessBuilder(SOCAT, "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
                .redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(socat.getInputStream(), StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        CompletableFuture.runAsync(() -> {
            try {
                for (String line = log.readLine(); line != null; line = log.readLine()) {
                    int at = line.indexOf("PTY is ");
                    if (at >= 0) {
                        found.add(line.substring(at + "PTY is ".length()).trim());
                    }
                    if (line.contains("starting data transfer loop")) {
                        return;
                    }
                }
                throw new IllegalStateException("socat ended before its ptys were ready");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        assertEquals(2, found.size(), found.toString());
        first = found.get(0);
        second = found.get(1);
    }

    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        if (!socat.waitFor(10, TimeUnit.SECONDS)) {
            socat.destroyForcibly();
        }
    }
}
