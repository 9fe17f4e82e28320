package dev.torsion.telnet.client;

import dev.torsion.telnet.options.EnvironmentVariable;
import dev.torsion.telnet.options.WindowSize;
import java.util.List;

/**
 * What a client tells the server when asked.
 *
 * @param terminalType sent for TERMINAL-TYPE (RFC 1091), or null to refuse the option
 * @param windowSize sent for NAWS (RFC 1073), or null to refuse the option
 * @param environment sent for NEW-ENVIRON (RFC 1572); an empty list refuses the option
 */
public record TelnetClientOptions(String terminalType, WindowSize windowSize, List<EnvironmentVariable> environment) {
    /** A dumb terminal, 80x24, no environment. */
    public static final TelnetClientOptions DEFAULT =
            new TelnetClientOptions("DUMB", new WindowSize(80, 24), List.of());

    /** Copies the environment. */
    public TelnetClientOptions {
        environment = List.copyOf(environment);
    }
}
