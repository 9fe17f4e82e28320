package dev.torsion.ftp.transfer;

import java.io.ByteArrayOutputStream;

/**
 * TYPE A's line ends (RFC 959 §3.1.1.1): the transfer carries CR LF, the local files LF. One
 * instance per transfer direction, since a CR LF can be split between two chunks.
 */
public final class AsciiConversion {
    private boolean lastWasCr;

    /** Local bytes to the wire: each LF not already preceded by CR becomes CR LF. */
    public byte[] toWire(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 32 + 1);
        for (byte b : data) {
            if (b == '\n' && !lastWasCr) {
                out.write('\r');
            }
            out.write(b);
            lastWasCr = b == '\r';
        }
        return out.toByteArray();
    }

    /** Wire bytes to the local file: CR LF becomes LF; a CR held back at the end of a chunk waits for the next. */
    public byte[] fromWire(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 1);
        for (byte b : data) {
            if (lastWasCr && b != '\n') {
                out.write('\r');
            }
            lastWasCr = b == '\r';
            if (!lastWasCr) {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** The end of an upload: a CR still held back is written as it is. */
    public byte[] finish() {
        boolean held = lastWasCr;
        lastWasCr = false;
        return held ? new byte[] {'\r'} : new byte[0];
    }
}
