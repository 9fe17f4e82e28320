package dev.torsion.ssh.transport;

import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import java.util.List;

/**
 * SSH_MSG_KEXINIT (RFC 4253 section 7.1): the cookie, ten name-lists, first_kex_packet_follows
 * and the reserved uint32. {@link #payload()} keeps the exact bytes, which go into the exchange
 * hash as I_C or I_S.
 */
public record KexInit(byte[] payload, List<String> kex, List<String> hostKey, List<String> cipherClientToServer,
        List<String> cipherServerToClient, List<String> macClientToServer, List<String> macServerToClient,
        List<String> compressionClientToServer, List<String> compressionServerToClient,
        boolean firstKexPacketFollows) {

    /** Parses a KEXINIT payload (message number included). */
    public static KexInit parse(byte[] payload) throws SshProtocolException {
        WireReader reader = new WireReader(payload);
        reader.readByte();
        for (int i = 0; i < 16; i++) {
            reader.readByte();
        }
        List<String> kex = reader.readNameList();
        List<String> hostKey = reader.readNameList();
        List<String> encCs = reader.readNameList();
        List<String> encSc = reader.readNameList();
        List<String> macCs = reader.readNameList();
        List<String> macSc = reader.readNameList();
        List<String> compCs = reader.readNameList();
        List<String> compSc = reader.readNameList();
        reader.readNameList();
        reader.readNameList();
        boolean follows = reader.readBoolean();
        reader.readUint32();
        reader.expectEnd();
        return new KexInit(payload.clone(), kex, hostKey, encCs, encSc, macCs, macSc, compCs, compSc, follows);
    }

    /** Builds a KEXINIT with {@code cookie} (16 random bytes), the same lists both ways and no compression. */
    public static KexInit build(byte[] cookie, List<String> kex, List<String> hostKey, List<String> ciphers,
            List<String> macs) {
        WireWriter writer = WireWriter.message(MessageNumbers.KEXINIT).writeRaw(cookie, 0, 16);
        writer.writeNameList(kex).writeNameList(hostKey);
        writer.writeNameList(ciphers).writeNameList(ciphers).writeNameList(macs).writeNameList(macs);
        writer.writeNameList(List.of("none")).writeNameList(List.of("none"));
        writer.writeNameList(List.of()).writeNameList(List.of()).writeBoolean(false).writeUint32(0);
        return new KexInit(writer.toByteArray(), kex, hostKey, ciphers, ciphers, macs, macs, List.of("none"),
                List.of("none"), false);
    }
}
