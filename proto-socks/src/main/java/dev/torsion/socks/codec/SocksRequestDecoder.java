package dev.torsion.socks.codec;

import dev.torsion.socks.SocksLimits;
import dev.torsion.socks.codec.SocksMessage.Greeting;
import dev.torsion.socks.codec.SocksMessage.PasswordAuthentication;
import dev.torsion.socks.codec.SocksMessage.Socks4Request;
import dev.torsion.socks.codec.SocksMessage.Socks5Request;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A push decoder for what a SOCKS client sends: SOCKS4 and SOCKS4a requests, SOCKS5 greetings and
 * requests (RFC 1928) and RFC 1929 username/password requests. Feed it bytes as they arrive, split
 * anywhere; it returns each complete message once. SOCKS5 messages depend on the server's answers,
 * so after a greeting it waits for {@link #methodChosen} and after credentials for
 * {@link #authenticated}, buffering (boundedly) what the client sends meanwhile. Malformed input
 * moves it to the terminal {@link DecoderState#FAILED} with an {@link DecodeError} that names the
 * reply. Pure: no I/O, no logging.
 */
public final class SocksRequestDecoder {
    private static final int SOCKS4_HEADER = 8;

    private final SocksLimits limits;
    private DecoderState state = DecoderState.VERSION;
    private byte[] buffer = new byte[64];
    private int length;
    private DecodeError error;

    /** A decoder bound by {@code limits}. */
    public SocksRequestDecoder(SocksLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Where the decoder is. */
    public DecoderState state() {
        return state;
    }

    /** Why it failed (null unless {@link DecoderState#FAILED}). */
    public DecodeError error() {
        return error;
    }

    /** Takes {@code data} and returns the messages it completes (none once failed). */
    public List<SocksMessage> feed(byte[] data) {
        List<SocksMessage> out = new ArrayList<>();
        if (state == DecoderState.FAILED) {
            return out;
        }
        append(data);
        if (length > limits.maxHandshakeBytes()) {
            fail(DecodeError.HANDSHAKE_TOO_LONG);
            return out;
        }
        decodeAvailable(out);
        return out;
    }

    /**
     * RFC 1928 §3: the server chose {@code method} for the greeting; returns what the buffered bytes
     * now complete. Only {@link SocksReplies#METHOD_NO_AUTH} and
     * {@link SocksReplies#METHOD_USERNAME_PASSWORD} lead on.
     */
    public List<SocksMessage> methodChosen(int method) {
        requireState(DecoderState.AWAITING_METHOD_CHOICE);
        if (method == SocksReplies.METHOD_NO_AUTH) {
            state = DecoderState.REQUEST;
        } else if (method == SocksReplies.METHOD_USERNAME_PASSWORD) {
            state = DecoderState.PASSWORD_AUTHENTICATION;
        } else {
            throw new IllegalArgumentException("no sub-negotiation for method " + method);
        }
        List<SocksMessage> out = new ArrayList<>();
        decodeAvailable(out);
        return out;
    }

    /** RFC 1929 §2: the credentials were accepted; returns what the buffered bytes now complete. */
    public List<SocksMessage> authenticated() {
        requireState(DecoderState.AWAITING_AUTHENTICATION);
        state = DecoderState.REQUEST;
        List<SocksMessage> out = new ArrayList<>();
        decodeAvailable(out);
        return out;
    }

    /** Once {@link DecoderState#DONE}: the bytes that followed the request (payload), handed over once. */
    public byte[] takeRemainder() {
        requireState(DecoderState.DONE);
        byte[] rest = Arrays.copyOf(buffer, length);
        consume(length);
        return rest;
    }

    private void requireState(DecoderState expected) {
        if (state != expected) {
            throw new IllegalStateException("decoder is " + state + ", not " + expected);
        }
    }

    private void decodeAvailable(List<SocksMessage> out) {
        boolean progress = true;
        while (progress && state != DecoderState.FAILED) {
            progress = switch (state) {
                case VERSION -> decodeVersion();
                case SOCKS4_REQUEST -> decodeSocks4(out);
                case GREETING -> decodeGreeting(out);
                case PASSWORD_AUTHENTICATION -> decodePasswordAuthentication(out);
                case REQUEST -> decodeRequest(out);
                case AWAITING_METHOD_CHOICE, AWAITING_AUTHENTICATION, DONE, FAILED -> false;
            };
        }
    }

    /** The first byte tells SOCKS4 (VN 4) from SOCKS5 (RFC 1928 §3, VER 5); it stays in the buffer. */
    private boolean decodeVersion() {
        if (length < 1) {
            return false;
        }
        switch (buffer[0]) {
            case 4 -> state = DecoderState.SOCKS4_REQUEST;
            case 5 -> state = DecoderState.GREETING;
            default -> fail(DecodeError.UNKNOWN_VERSION);
        }
        return true;
    }

    /**
     * SOCKS4: VN CD DSTPORT(2) DSTIP(4) USERID NUL. SOCKS4a: DSTIP 0.0.0.x with x non-zero means a
     * domain name, NUL-terminated, follows the USERID.
     */
    private boolean decodeSocks4(List<SocksMessage> out) {
        if (length < SOCKS4_HEADER) {
            return false;
        }
        int userIdEnd = indexOfNul(SOCKS4_HEADER, limits.maxUserIdLength());
        if (userIdEnd < 0) {
            return false;
        }
        int port = u16(2);
        boolean socks4a = buffer[4] == 0 && buffer[5] == 0 && buffer[6] == 0 && buffer[7] != 0;
        Destination destination;
        int end;
        if (socks4a) {
            int nameEnd = indexOfNul(userIdEnd + 1, limits.maxDomainLength());
            if (nameEnd < 0) {
                return false;
            }
            String name = hostName(userIdEnd + 1, nameEnd - userIdEnd - 1);
            if (name == null) {
                fail(DecodeError.SOCKS4_MALFORMED);
                return false;
            }
            destination = new Destination(AddressType.DOMAIN, name, port);
            end = nameEnd + 1;
        } else {
            destination = new Destination(AddressType.IPV4, literal(4, 4), port);
            end = userIdEnd + 1;
        }
        String userId = new String(buffer, SOCKS4_HEADER, userIdEnd - SOCKS4_HEADER, StandardCharsets.UTF_8);
        SocksCommand command = SocksCommand.of(buffer[1] & 0xFF);
        consume(end);
        state = DecoderState.DONE;
        out.add(new Socks4Request(command, destination, userId));
        return true;
    }

    /**
     * The position of the NUL ending a field that starts at {@code from}, or -1: not yet there, or
     * (having failed the decoder) the field is longer than {@code max}.
     */
    private int indexOfNul(int from, int max) {
        for (int i = from; i < length; i++) {
            if (buffer[i] == 0) {
                if (i - from > max) {
                    break;
                }
                return i;
            }
        }
        if (length - from > max) {
            fail(DecodeError.SOCKS4_MALFORMED);
        }
        return -1;
    }

    /** RFC 1928 §3: VER NMETHODS METHODS; offering no method earns X'FF'. */
    private boolean decodeGreeting(List<SocksMessage> out) {
        if (length < 2) {
            return false;
        }
        int count = buffer[1] & 0xFF;
        if (count == 0) {
            fail(DecodeError.NO_METHODS);
            return false;
        }
        if (length < 2 + count) {
            return false;
        }
        List<Integer> methods = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            methods.add(buffer[2 + i] & 0xFF);
        }
        consume(2 + count);
        state = DecoderState.AWAITING_METHOD_CHOICE;
        out.add(new Greeting(methods));
        return true;
    }

    /** RFC 1929 §2: VER(1) ULEN UNAME PLEN PASSWD. */
    private boolean decodePasswordAuthentication(List<SocksMessage> out) {
        if (length < 1) {
            return false;
        }
        if (buffer[0] != 1) {
            fail(DecodeError.AUTHENTICATION_MALFORMED);
            return false;
        }
        if (length < 2) {
            return false;
        }
        int userLength = buffer[1] & 0xFF;
        if (length < 3 + userLength) {
            return false;
        }
        int passwordLength = buffer[2 + userLength] & 0xFF;
        int end = 3 + userLength + passwordLength;
        if (length < end) {
            return false;
        }
        String username = new String(buffer, 2, userLength, StandardCharsets.UTF_8);
        byte[] password = Arrays.copyOfRange(buffer, 3 + userLength, end);
        consume(end);
        state = DecoderState.AWAITING_AUTHENTICATION;
        out.add(new PasswordAuthentication(username, password));
        return true;
    }

    /** RFC 1928 §4: VER CMD RSV ATYP DST.ADDR DST.PORT, RSV ignored as §4 reserves it. */
    private boolean decodeRequest(List<SocksMessage> out) {
        if (length < 1) {
            return false;
        }
        if (buffer[0] != 5) {
            fail(DecodeError.REQUEST_MALFORMED);
            return false;
        }
        if (length < 4) {
            return false;
        }
        int addressType = buffer[3] & 0xFF;
        Destination destination;
        int end;
        if (addressType == AddressType.IPV4.code() || addressType == AddressType.IPV6.code()) {
            int size = addressType == AddressType.IPV4.code() ? 4 : 16;
            end = 4 + size + 2;
            if (length < end) {
                return false;
            }
            AddressType type = size == 4 ? AddressType.IPV4 : AddressType.IPV6;
            destination = new Destination(type, literal(4, size), u16(4 + size));
        } else if (addressType == AddressType.DOMAIN.code()) {
            if (length < 5) {
                return false;
            }
            int nameLength = buffer[4] & 0xFF;
            end = 5 + nameLength + 2;
            if (length < end) {
                return false;
            }
            String name = hostName(5, nameLength);
            if (name == null) {
                fail(DecodeError.REQUEST_MALFORMED);
                return false;
            }
            destination = new Destination(AddressType.DOMAIN, name, u16(5 + nameLength));
        } else {
            fail(DecodeError.ADDRESS_TYPE_NOT_SUPPORTED);
            return false;
        }
        SocksCommand command = SocksCommand.of(buffer[1] & 0xFF);
        consume(end);
        state = DecoderState.DONE;
        out.add(new Socks5Request(command, destination));
        return true;
    }

    /**
     * A domain name of printable ASCII, or null: an empty name, or one with NUL, spaces or control
     * bytes, would reach the resolver as something other than what an access rule saw.
     */
    private String hostName(int offset, int size) {
        if (size == 0) {
            return null;
        }
        for (int i = offset; i < offset + size; i++) {
            if (buffer[i] < 0x21 || buffer[i] > 0x7E) {
                return null;
            }
        }
        return new String(buffer, offset, size, StandardCharsets.US_ASCII);
    }

    /** The textual form of a 4- or 16-byte address (no DNS: {@code getByAddress} never resolves). */
    private String literal(int offset, int size) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(buffer, offset, offset + size)).getHostAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private int u16(int offset) {
        return (buffer[offset] & 0xFF) << 8 | buffer[offset + 1] & 0xFF;
    }

    private void append(byte[] data) {
        if (length + data.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + data.length));
        }
        System.arraycopy(data, 0, buffer, length, data.length);
        length += data.length;
    }

    /** Drops {@code count} bytes from the front, wiping them (they may hold a password). */
    private void consume(int count) {
        System.arraycopy(buffer, count, buffer, 0, length - count);
        Arrays.fill(buffer, length - count, length, (byte) 0);
        length -= count;
    }

    private void fail(DecodeError why) {
        error = why;
        state = DecoderState.FAILED;
        Arrays.fill(buffer, (byte) 0);
        length = 0;
    }
}
