package dev.torsion.internet;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's largest listen backlog, read once: Linux's {@code /proc/sys/net/core/somaxconn}
 * (4096 on current kernels), as Netty's {@code NetUtil.SOMAXCONN} reads it. A backlog larger than
 * this is cut to it by the kernel anyway, and a smaller one drops connects under a burst (Twisted's
 * 50 accepted a third of a 10,000-connect burst, the rest were left to SYN cookies). Where the file
 * is missing or unreadable, 4096.
 */
final class SystemBacklog {
    static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");
    static final int FALLBACK = 4096;

    private SystemBacklog() {
    }

    static int maximum() {
        try {
            // Read as a stream: Files.readString trusts the size a /proc file reports, and reads "4" of "4096".
            int value;
            try (BufferedReader reader = Files.newBufferedReader(SOMAXCONN, StandardCharsets.US_ASCII)) {
                value = Integer.parseInt(String.valueOf(reader.readLine()).trim());
            }
            return value > 0 ? value : FALLBACK;
        } catch (IOException | NumberFormatException | SecurityException e) {
            return FALLBACK;
        }
    }
}
