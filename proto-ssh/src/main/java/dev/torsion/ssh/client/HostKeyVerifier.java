package dev.torsion.ssh.client;

/** Decides whether the server's host key is the right one (RFC 4251 section 4.1). */
@FunctionalInterface
public interface HostKeyVerifier {
    /** Whether {@code keyBlob} (SSH wire format) is an acceptable host key for {@code host}:{@code port}. */
    boolean verify(String host, int port, byte[] keyBlob);
}
