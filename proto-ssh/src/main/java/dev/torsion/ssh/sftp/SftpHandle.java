package dev.torsion.ssh.sftp;

import java.util.Arrays;
import java.util.HexFormat;

/** An open file or directory on the server: the opaque handle string of section 6.2. */
public final class SftpHandle {
    private final byte[] bytes;

    /** The handle the server sent. */
    public SftpHandle(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** The handle's bytes, as they go on the wire. */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] wire() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SftpHandle handle && Arrays.equals(bytes, handle.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SftpHandle[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
