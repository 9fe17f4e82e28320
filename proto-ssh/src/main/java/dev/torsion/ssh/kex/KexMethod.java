package dev.torsion.ssh.kex;

import dev.torsion.ssh.codec.SshProtocolException;

/**
 * One key exchange method (RFC 4253 section 8, RFC 8731, the OpenSSH hybrids). Each side makes its
 * ephemeral value; the server answers the client's with its own and the shared secret; the client
 * finishes from the server's. The public values and the secret are given already encoded as they
 * go on the wire and into the exchange hash ({@code mpint} or {@code string}).
 */
public interface KexMethod {
    /** The name in KEXINIT. */
    String name();

    /** The JDK digest name of the method's hash ({@code SHA-256}, {@code SHA-512}). */
    String hash();

    /** Client: starts, giving the client's public value as a wire field (Q_C or e). */
    byte[] clientInit();

    /** Server: from the client's field, the server's field and the encoded shared secret. */
    ServerReply serverReply(byte[] clientField) throws SshProtocolException;

    /** Client: from the server's field, the encoded shared secret. */
    byte[] clientFinish(byte[] serverField) throws SshProtocolException;

    /** What the server computes. */
    record ServerReply(byte[] serverField, byte[] sharedSecret) {
    }
}
