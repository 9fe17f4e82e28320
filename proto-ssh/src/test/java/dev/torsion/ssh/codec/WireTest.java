package dev.torsion.ssh.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data types of RFC 4251 section 5, with the section's own mpint examples. */
class WireTest {
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void mpintExamplesOfRfc4251() {
        assertArrayEquals(hex("00000000"), new WireWriter().writeMpint(BigInteger.ZERO).toByteArray());
        assertArrayEquals(hex("00000008 09a378f9b2e332a7"),
                new WireWriter().writeMpint(new BigInteger("9a378f9b2e332a7", 16)).toByteArray());
        assertArrayEquals(hex("00000002 0080"), new WireWriter().writeMpint(BigInteger.valueOf(0x80)).toByteArray());
        assertArrayEquals(hex("00000002 edcc"), new WireWriter().writeMpint(BigInteger.valueOf(-0x1234)).toByteArray());
        assertArrayEquals(hex("00000005 ff21524111"),
                new WireWriter().writeMpint(new BigInteger("-deadbeef", 16)).toByteArray());
    }

    @Test
    void readsBackEveryType() throws Exception {
        byte[] data = new WireWriter().writeByte(7).writeBoolean(true).writeUint32(0xfffffffeL)
                .writeUint64(0x0102030405060708L).writeString("héllo").writeMpint(new BigInteger("-deadbeef", 16))
                .writeNameList(List.of("zlib", "none")).toByteArray();
        WireReader reader = new WireReader(data);
        assertEquals(7, reader.readByte());
        assertTrue(reader.readBoolean());
        assertEquals(0xfffffffeL, reader.readUint32());
        assertEquals(0x0102030405060708L, reader.readUint64());
        assertEquals("héllo", reader.readUtf8());
        assertEquals(new BigInteger("-deadbeef", 16), reader.readMpint());
        assertEquals(List.of("zlib", "none"), reader.readNameList());
        reader.expectEnd();
    }

    @Test
    void limitsAndMalformedInput() {
        assertThrows(SshProtocolException.class, () -> new WireReader(hex("ffffffff 00")).readString());
        assertThrows(SshProtocolException.class, () -> new WireReader(hex("000000")).readUint32());
        assertThrows(SshProtocolException.class, () -> new WireReader(hex("00000002 0001")).readMpint());
        assertThrows(SshProtocolException.class, () -> new WireReader(hex("00000002 ff80")).readMpint());
        assertThrows(SshProtocolException.class, () -> new WireReader(hex("00000003 612c2c")).readNameList());
        assertThrows(SshProtocolException.class, () -> new WireReader(hex("00000001 0a")).readNameList());
        assertThrows(SshProtocolException.class, () -> new WireReader(hex("80000000")).readInt());
        byte[] longName = new WireWriter().writeString("a".repeat(65)).toByteArray();
        assertThrows(SshProtocolException.class, () -> new WireReader(longName).readNameList());
        assertEquals(List.of(), assertDoesNotThrowList(hex("00000000")));
        SshProtocolException trailing = assertThrows(SshProtocolException.class, () -> {
            WireReader reader = new WireReader(hex("01 02"));
            reader.readByte();
            reader.expectEnd();
        });
        assertEquals(DisconnectReason.PROTOCOL_ERROR, trailing.reasonCode());
    }

    private static List<String> assertDoesNotThrowList(byte[] data) {
        try {
            return new WireReader(data).readNameList();
        } catch (SshProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
