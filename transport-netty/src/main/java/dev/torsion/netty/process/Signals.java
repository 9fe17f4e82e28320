package dev.torsion.netty.process;

import java.util.Locale;
import java.util.Map;

/** Linux's signal names and numbers, for {@link ChildProcess#signalProcess(String)}. */
final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8),
            Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("PWR", 30), Map.entry("SYS", 31));

    private Signals() {
    }

    /**
     * The number of a signal given as {@code "TERM"}, {@code "SIGTERM"} or {@code "15"}.
     *
     * @throws IllegalArgumentException for a name the system does not know
     */
    static int number(String signal) {
        String name = signal.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer known = NUMBERS.get(name);
        if (known != null) {
            return known;
        }
        try {
            int number = Integer.parseInt(name);
            if (number > 0 && number < 65) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("Unknown signal: " + signal);
    }
}
