package dev.torsion.netty.serial;

import java.util.Objects;

/**
 * A serial line's speed and framing.
 *
 * @param baudRate bits per second, e.g. 9600 or 115200
 * @param dataBits bits per character, 5 to 8
 * @param parity the parity bit
 * @param stopBits the stop bits
 * @param flowControl how the sender is throttled
 */
public record SerialSettings(int baudRate, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {
    /** 9600 baud, 8 data bits, no parity, 1 stop bit, no flow control: Twisted's defaults. */
    public static final SerialSettings DEFAULT = new SerialSettings(9600, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);

    /** Checks the values. */
    public SerialSettings {
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive: " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5 to 8: " + dataBits);
        }
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(flowControl, "flowControl");
    }

    /** 8N1 without flow control at {@code baudRate}. */
    public static SerialSettings of(int baudRate) {
        return new SerialSettings(baudRate, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);
    }

    @Override
    public String toString() {
        return baudRate + " " + dataBits + parity.name().charAt(0)
                + (stopBits == StopBits.ONE ? "1" : stopBits == StopBits.TWO ? "2" : "1.5") + " flow " + flowControl;
    }
}
