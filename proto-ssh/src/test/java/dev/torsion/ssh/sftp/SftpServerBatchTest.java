package dev.torsion.ssh.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How the SFTP server counts its read-ahead: the length each READ asks for, read off the request. */
class SftpServerBatchTest {
    /** A request as the server's packet reader hands it on: without the uint32 length in front. */
    private static byte[] unframed(byte[] framed) {
        return Arrays.copyOfRange(framed, 4, framed.length);
    }

    @Test
    void theLengthOfAReadIsFoundPastItsHandle() {
        SftpHandle handle = new SftpHandle("handle-0001".getBytes(StandardCharsets.US_ASCII));
        assertEquals(261_120, SftpServer.readLength(unframed(SftpRequests.read(9, handle, 1L << 40, 261_120))));
        assertEquals(0xffffffffL, SftpServer.readLength(unframed(SftpRequests.read(9, handle, 0, -1))));
    }

    @Test
    void otherRequestsAndTruncatedReadsCountNothing() {
        SftpHandle handle = new SftpHandle(new byte[] {1, 2, 3, 4});
        assertEquals(0, SftpServer.readLength(unframed(SftpRequests.close(9, handle))));
        byte[] read = unframed(SftpRequests.read(9, handle, 0, 32768));
        assertEquals(0, SftpServer.readLength(Arrays.copyOf(read, read.length - 1)));
        // A handle length that points far past the packet.
        byte[] lying = read.clone();
        lying[5] = (byte) 0xff;
        assertEquals(0, SftpServer.readLength(lying));
        assertEquals(0, SftpServer.readLength(new byte[] {(byte) SftpNumbers.READ, 0, 0}));
    }
}
