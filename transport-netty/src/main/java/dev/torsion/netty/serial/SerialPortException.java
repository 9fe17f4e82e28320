package dev.torsion.netty.serial;

/** A serial port could not be opened or configured. */
public class SerialPortException extends RuntimeException {
    private final String portPath;
    private final int errorNumber;

    /**
     * Creates the error.
     *
     * @param portPath the device
     * @param errorNumber the system's error number ({@code errno}), or 0 when unknown
     * @param message what went wrong
     */
    public SerialPortException(String portPath, int errorNumber, String message) {
        super("Serial port " + portPath + ": " + message + (errorNumber != 0 ? " (errno " + errorNumber + ")" : ""));
        this.portPath = portPath;
        this.errorNumber = errorNumber;
    }

    /** The device that failed. */
    public String portPath() {
        return portPath;
    }

    /** The system's error number ({@code errno}), or 0 when unknown. */
    public int errorNumber() {
        return errorNumber;
    }
}
