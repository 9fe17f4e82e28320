package dev.torsion.ssh.transport;

import dev.torsion.ssh.cipher.CipherAlgorithm;
import dev.torsion.ssh.cipher.MacAlgorithm;
import dev.torsion.ssh.kex.KexMethods;
import java.util.List;

/**
 * The algorithms a transport offers, in preference order.
 *
 * @param kex               key exchange methods (see {@link KexMethods})
 * @param hostKeyAlgorithms host key algorithms a client accepts (a server offers what its host keys sign with)
 * @param ciphers           ciphers, both directions
 * @param macs              MACs for non-AEAD ciphers, both directions
 * @param serverSigAlgs     what a server announces in EXT_INFO's server-sig-algs (RFC 8308 section 3.1)
 */
public record TransportConfig(List<String> kex, List<String> hostKeyAlgorithms, List<CipherAlgorithm> ciphers,
        List<MacAlgorithm> macs, List<String> serverSigAlgs) {

    /**
     * The defaults: post-quantum hybrids, X25519 and large MODP groups; host keys Ed25519 and RSA
     * with SHA-2 (ECDSA accepted only when asked for: NIST curves); AEAD and CTR+EtM.
     */
    public static final TransportConfig DEFAULTS = new TransportConfig(KexMethods.DEFAULTS,
            List.of(HostKey.ED25519, "rsa-sha2-512", "rsa-sha2-256"),
            CipherAlgorithm.DEFAULTS, MacAlgorithm.DEFAULTS,
            List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                    "rsa-sha2-512", "rsa-sha2-256"));

    /** A copy accepting only {@code names} as host key algorithms (a client's choice). */
    public TransportConfig withHostKeyAlgorithms(List<String> names) {
        return new TransportConfig(kex, names, ciphers, macs, serverSigAlgs);
    }

    /** A copy offering only {@code names} for key exchange. */
    public TransportConfig withKex(List<String> names) {
        return new TransportConfig(names, hostKeyAlgorithms, ciphers, macs, serverSigAlgs);
    }

    /** A copy offering only {@code list} as ciphers and {@code macList} as MACs. */
    public TransportConfig withCiphers(List<CipherAlgorithm> list, List<MacAlgorithm> macList) {
        return new TransportConfig(kex, hostKeyAlgorithms, list, macList, serverSigAlgs);
    }
}
