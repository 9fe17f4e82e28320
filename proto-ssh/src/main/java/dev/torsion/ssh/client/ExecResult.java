package dev.torsion.ssh.client;

import java.nio.charset.StandardCharsets;

/**
 * What an {@code exec} gave: the exit status (or -1 when the server sent an exit-signal or none),
 * the signal name if any, standard output and standard error.
 */
public record ExecResult(int exitStatus, String exitSignal, byte[] stdout, byte[] stderr) {
    /** Standard output as UTF-8 text. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Standard error as UTF-8 text. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
