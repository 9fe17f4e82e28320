package dev.torsion.telnet.codec;

import java.io.ByteArrayOutputStream;

/** Builds Telnet bytes: escaped data, commands, option commands and subnegotiations. */
public final class TelnetEncoder {
    private TelnetEncoder() {
    }

    /** Data with each byte 255 doubled (RFC 854: "IAC IAC" is a data byte 255). */
    public static byte[] escape(byte[] data) {
        int iacs = 0;
        for (byte b : data) {
            if ((b & 0xFF) == TelnetCommand.IAC) {
                iacs++;
            }
        }
        if (iacs == 0) {
            return data;
        }
        byte[] out = new byte[data.length + iacs];
        int i = 0;
        for (byte b : data) {
            out[i++] = b;
            if ((b & 0xFF) == TelnetCommand.IAC) {
                out[i++] = b;
            }
        }
        return out;
    }

    /** IAC command. */
    public static byte[] command(int command) {
        return new byte[] {(byte) TelnetCommand.IAC, (byte) command};
    }

    /** IAC verb option. */
    public static byte[] negotiation(NegotiationVerb verb, int option) {
        return new byte[] {(byte) TelnetCommand.IAC, (byte) verb.code(), (byte) option};
    }

    /** IAC SB option parameters IAC SE, with 255 in the parameters doubled (RFC 855). */
    public static byte[] subnegotiation(int option, byte[] parameters) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(parameters.length + 6);
        out.write(TelnetCommand.IAC);
        out.write(TelnetCommand.SB);
        out.write(option);
        out.writeBytes(escape(parameters));
        out.write(TelnetCommand.IAC);
        out.write(TelnetCommand.SE);
        return out.toByteArray();
    }
}
