package dev.torsion.netty.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.stdio.PipeAddress;
import dev.torsion.netty.stdio.StreamTransport;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol bound to a serial port through jSerialComm: Twisted's {@code SerialPort}. A reader
 * thread blocks in the port's read (closing the port unblocks it) and hands each chunk to the
 * reactor thread; writes are queued and a writer thread sends them. The port is closed when the
 * connection is over; a device that goes away (unplugged, the other end of a pty closed) ends the
 * connection with {@link dev.torsion.internet.error.ConnectionLost}.
 *
 * <pre>{@code
 * SerialPortTransport.open(reactor::callFromThread, new NmeaReceiver(), "/dev/ttyUSB0",
 *         SerialSettings.of(4800));
 * }</pre>
 *
 * <p>Pseudo-terminals (such as a pair made by {@code socat pty,raw,echo=0 pty,raw,echo=0}) work:
 * give the {@code /dev/pts/N} path or a symbolic link to it.
 */
public final class SerialPortTransport extends StreamTransport {
    private static final Logger log = LoggerFactory.getLogger(SerialPortTransport.class);

    private final SerialPort port;
    private final SerialSettings settings;

    private SerialPortTransport(Executor reactorThread, Protocol protocol, SerialPort port, String portPath,
            SerialSettings settings) {
        super(reactorThread, protocol, port.getInputStream(), port.getOutputStream(),
                new PipeAddress(portPath), new PipeAddress(portPath), "serial-" + port.getSystemPortName());
        this.port = port;
        this.settings = settings;
    }

    /**
     * Opens {@code portPath} with the given speed and framing and binds {@code protocol} to it.
     *
     * @param reactorThread runs every protocol callback, in order (the reactor's {@code callFromThread})
     * @param protocol the protocol to bind
     * @param portPath the device, e.g. {@code /dev/ttyUSB0}, {@code /dev/pts/3} or {@code COM3}
     * @param baudRate bits per second
     * @param dataBits bits per character (5 to 8)
     * @param parity the parity bit
     * @param stopBits the stop bits
     * @param flowControl how the sender is throttled
     * @return the open transport, already connecting the protocol
     * @throws SerialPortException when the port cannot be opened or configured
     */
    public static SerialPortTransport open(Executor reactorThread, Protocol protocol, String portPath, int baudRate,
            int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {
        return open(reactorThread, protocol, portPath, new SerialSettings(baudRate, dataBits, parity, stopBits, flowControl));
    }

    /**
     * Opens {@code portPath} with {@code settings} and binds {@code protocol} to it.
     *
     * @throws SerialPortException when the port cannot be opened or configured
     */
    public static SerialPortTransport open(Executor reactorThread, Protocol protocol, String portPath,
            SerialSettings settings) {
        Objects.requireNonNull(reactorThread, "reactorThread");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(portPath, "portPath");
        Objects.requireNonNull(settings, "settings");
        SerialPort port;
        try {
            port = SerialPort.getCommPort(portPath);
        } catch (SerialPortInvalidPortException e) {
            throw new SerialPortException(portPath, 0, "no such port: " + e.getMessage());
        }
        port.setComPortParameters(settings.baudRate(), settings.dataBits(), settings.stopBits().code(),
                settings.parity().code());
        port.setFlowControl(settings.flowControl().code());
        // Reads block until at least one byte is there (closePort unblocks them); writes wait until sent.
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 0);
        if (!port.openPort()) {
            throw new SerialPortException(portPath, port.getLastErrorCode(),
                    "cannot open (jSerialComm error at native line " + port.getLastErrorLocation() + ")");
        }
        log.debug("Opened serial port {} at {}", portPath, settings);
        SerialPortTransport transport = new SerialPortTransport(reactorThread, protocol, port, portPath, settings);
        transport.start();
        return transport;
    }

    /** The speed and framing the port was opened with. */
    public SerialSettings settings() {
        return settings;
    }

    /** Whether the port is still open. */
    public boolean isOpen() {
        return port.isOpen();
    }

    /** A serial line has no end of input: a read that ends means the device went away. */
    @Override
    protected boolean endOfInputIsClean() {
        return false;
    }

    @Override
    protected void release() {
        if (port.isOpen() && !port.closePort()) {
            log.warn("Closing serial port {} failed (errno {})", port.getSystemPortPath(), port.getLastErrorCode());
        }
    }
}
