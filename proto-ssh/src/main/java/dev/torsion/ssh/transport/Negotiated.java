package dev.torsion.ssh.transport;

import dev.torsion.ssh.cipher.CipherAlgorithm;
import dev.torsion.ssh.cipher.MacAlgorithm;
import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import java.util.List;

/**
 * The algorithms both sides agreed on. RFC 4253 section 7.1: for each kind, the first algorithm
 * on the client's list that is also on the server's; none in common is
 * SSH_DISCONNECT_KEY_EXCHANGE_FAILED. The MAC is null for AEAD ciphers.
 */
public record Negotiated(String kex, String hostKey, CipherAlgorithm cipherClientToServer,
        CipherAlgorithm cipherServerToClient, MacAlgorithm macClientToServer, MacAlgorithm macServerToClient) {

    /** Negotiates from the client's and the server's KEXINIT. */
    public static Negotiated of(KexInit client, KexInit server) throws SshProtocolException {
        String kex = choose("key exchange", client.kex(), server.kex());
        String hostKey = choose("host key", client.hostKey(), server.hostKey());
        CipherAlgorithm cs = cipher(client.cipherClientToServer(), server.cipherClientToServer());
        CipherAlgorithm sc = cipher(client.cipherServerToClient(), server.cipherServerToClient());
        MacAlgorithm macCs = cs.isAead() ? null : mac(client.macClientToServer(), server.macClientToServer());
        MacAlgorithm macSc = sc.isAead() ? null : mac(client.macServerToClient(), server.macServerToClient());
        choose("compression", client.compressionClientToServer(), List.of("none"));
        choose("compression", client.compressionServerToClient(), List.of("none"));
        return new Negotiated(kex, hostKey, cs, sc, macCs, macSc);
    }

    private static CipherAlgorithm cipher(List<String> client, List<String> server) throws SshProtocolException {
        return CipherAlgorithm.of(choose("cipher", client, server)).orElseThrow();
    }

    private static MacAlgorithm mac(List<String> client, List<String> server) throws SshProtocolException {
        return MacAlgorithm.of(choose("MAC", client, server)).orElseThrow();
    }

    static String choose(String kind, List<String> client, List<String> server) throws SshProtocolException {
        for (String name : client) {
            if (server.contains(name)) {
                return name;
            }
        }
        throw new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "no " + kind + " algorithm in common");
    }
}
