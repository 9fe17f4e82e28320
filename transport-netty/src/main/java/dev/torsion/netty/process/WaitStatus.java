package dev.torsion.netty.process;

import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ProcessDone;
import dev.torsion.internet.error.ProcessTerminated;

/** Reads the status word {@code waitpid} returns (the {@code WIFEXITED}/{@code WTERMSIG} macros). */
final class WaitStatus {
    private WaitStatus() {
    }

    /** Whether the child exited normally (as opposed to being killed by a signal). */
    static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    /** The exit code of a child that exited. */
    static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    /** The signal that killed a child that did not exit normally. */
    static int terminatingSignal(int status) {
        return status & 0x7f;
    }

    /** The reason a process protocol hears: ProcessDone, or ProcessTerminated with code or signal. */
    static Failure toFailure(int status) {
        if (exited(status)) {
            int code = exitCode(status);
            return Failure.of(code == 0 ? new ProcessDone() : new ProcessTerminated(code, null));
        }
        return Failure.of(new ProcessTerminated(null, terminatingSignal(status)));
    }

    /** Describes a status for logs. */
    static String describe(int status) {
        return exited(status) ? "exit code " + exitCode(status) : "signal " + terminatingSignal(status);
    }
}
