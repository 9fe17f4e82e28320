package dev.torsion.telnet;

import java.time.Duration;

/**
 * Every limit of a Telnet session, with its default and what exceeding it earns. Telnet has no
 * error reply (RFC 854), so a peer that breaks a hard limit is disconnected with a log line.
 *
 * @param maxSubnegotiation bytes of one subnegotiation's parameters (RFC 855), default 1024;
 *     more: disconnect ({@code subnegotiation too long}). An unterminated subnegotiation is held
 *     to this size at most.
 * @param negotiationBurst option commands (WILL, WONT, DO, DONT) a peer may send at once,
 *     default 200; beyond the burst and its refill: disconnect ({@code negotiation storm})
 * @param negotiationRefill how often the burst earns one command back, default 50 ms (20/s)
 * @param maxTerminalType characters of a terminal type (RFC 1091 allows 40), default 40; longer:
 *     the name is ignored and logged
 * @param maxEnvironmentVariables variables of one NEW-ENVIRON IS or INFO (RFC 1572), default 64;
 *     more: the message is ignored and logged
 * @param maxLineLength characters of one edited line (terminal layer), default 4096; more: the
 *     keystroke is refused with a bell
 * @param maxWindowDimension largest NAWS width or height accepted (RFC 1073), default 1000;
 *     larger: the size is ignored and logged
 */
public record TelnetLimits(
        int maxSubnegotiation,
        int negotiationBurst,
        Duration negotiationRefill,
        int maxTerminalType,
        int maxEnvironmentVariables,
        int maxLineLength,
        int maxWindowDimension) {

    /** The defaults listed above. */
    public static final TelnetLimits DEFAULT =
            new TelnetLimits(1024, 200, Duration.ofMillis(50), 40, 64, 4096, 1000);

    /** Checks that every limit is positive. */
    public TelnetLimits {
        positive("maxSubnegotiation", maxSubnegotiation);
        positive("negotiationBurst", negotiationBurst);
        positive("maxTerminalType", maxTerminalType);
        positive("maxEnvironmentVariables", maxEnvironmentVariables);
        positive("maxLineLength", maxLineLength);
        positive("maxWindowDimension", maxWindowDimension);
        if (negotiationRefill.isNegative() || negotiationRefill.isZero()) {
            throw new IllegalArgumentException("negotiationRefill must be positive");
        }
    }

    /** These limits with another subnegotiation size. */
    public TelnetLimits withMaxSubnegotiation(int bytes) {
        return new TelnetLimits(bytes, negotiationBurst, negotiationRefill, maxTerminalType,
                maxEnvironmentVariables, maxLineLength, maxWindowDimension);
    }

    /** These limits with another negotiation burst and refill. */
    public TelnetLimits withNegotiationRate(int burst, Duration refill) {
        return new TelnetLimits(maxSubnegotiation, burst, refill, maxTerminalType,
                maxEnvironmentVariables, maxLineLength, maxWindowDimension);
    }

    /** These limits with another line length. */
    public TelnetLimits withMaxLineLength(int characters) {
        return new TelnetLimits(maxSubnegotiation, negotiationBurst, negotiationRefill, maxTerminalType,
                maxEnvironmentVariables, characters, maxWindowDimension);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
