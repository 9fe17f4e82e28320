package dev.torsion.socks.client;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The client side of a SOCKS handshake, pure: {@link #start()} gives the first bytes to send,
 * {@link #feed} takes the proxy's bytes in any split and says what to send next, when the
 * connection stands (with the destination's first bytes if they came in the same read) or why it
 * failed. Names are sent to the proxy unresolved (SOCKS5 ATYP 3, as curl's {@code socks5h};
 * SOCKS4a's 0.0.0.1 address and trailing name), so the proxy resolves them.
 */
public final class SocksClientHandshake {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final int NO_AUTH = 0x00;
    private static final int USER_PASS = 0x02;
    private static final int NO_ACCEPTABLE = 0xff;

    /** What to do after some of the proxy's bytes. */
    public record Step(byte[] send, boolean connected, byte[] leftover, SocksConnectError failure) {
    }

    private final SocksVersion version;
    private final String host;
    private final int port;
    private final String user;
    private final byte[] password;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private SocksClientState state = SocksClientState.START;

    /**
     * A handshake asking the proxy to connect to {@code host:port}.
     *
     * @param user the RFC 1929 user (SOCKS5) or the USERID (SOCKS4a), or null
     * @param password the RFC 1929 password (SOCKS5), or null
     */
    public SocksClientHandshake(SocksVersion version, String host, int port, String user, String password) {
        if (host.isEmpty() || host.getBytes(StandardCharsets.UTF_8).length > 255 || host.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the destination name must have 1 to 255 bytes and no NUL");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad destination port " + port);
        }
        if (user != null && (user.getBytes(StandardCharsets.UTF_8).length > 255 || user.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("the user must have at most 255 bytes and no NUL (RFC 1929 §2)");
        }
        if (password != null && (user == null || version != SocksVersion.SOCKS5 || password.getBytes(StandardCharsets.UTF_8).length > 255)) {
            throw new IllegalArgumentException("a password needs SOCKS5, a user, and at most 255 bytes (RFC 1929 §2)");
        }
        this.version = version;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    }

    /** The handshake's state. */
    public SocksClientState state() {
        return state;
    }

    /** The first bytes: SOCKS5's method selection (RFC 1928 §3) or SOCKS4a's CONNECT. */
    public byte[] start() {
        if (version == SocksVersion.SOCKS4A) {
            state = state.connectSent();
            return socks4aConnect();
        }
        state = state.methodsSent();
        return password != null ? new byte[] {5, 2, NO_AUTH, USER_PASS} : new byte[] {5, 1, NO_AUTH};
    }

    /** Takes the proxy's bytes; answers for every whole message among them. */
    public Step feed(byte[] data) {
        if (state == SocksClientState.FAILED || state == SocksClientState.CONNECTED) {
            throw new IllegalStateException("the handshake is over: " + state);
        }
        buffer.write(data, 0, data.length);
        ByteArrayOutputStream send = new ByteArrayOutputStream();
        while (true) {
            SocksClientState before = state;
            Step step = advance(buffer.toByteArray());
            send.writeBytes(step.send());
            if (step.failure() != null || step.connected() || state == before) {
                return new Step(send.toByteArray(), step.connected(), step.leftover(), step.failure());
            }
        }
    }

    private Step advance(byte[] have) {
        return switch (state) {
            case METHODS_SENT -> methodChosen(have);
            case AUTH_SENT -> authAnswered(have);
            case CONNECT_SENT -> version == SocksVersion.SOCKS4A ? socks4Reply(have) : socks5Reply(have);
            default -> throw new IllegalStateException("not waiting for the proxy: " + state);
        };
    }

    /** RFC 1928 §3: {@code VER METHOD}. */
    private Step methodChosen(byte[] have) {
        if (have.length < 2) {
            return waiting();
        }
        if (have[0] != 5) {
            return failed("the proxy does not speak SOCKS5", -1);
        }
        int method = have[1] & 0xff;
        consume(2);
        if (method == NO_AUTH) {
            state = state.connectSent();
            return send(socks5Connect());
        }
        if (method == USER_PASS && password != null) {
            state = state.authSent();
            return send(userPass());
        }
        return failed(method == NO_ACCEPTABLE ? "the proxy accepts none of our authentication methods"
                : "the proxy chose a method we did not offer (" + method + ")", -1);
    }

    /** RFC 1929 §2: {@code VER STATUS}, 0 is success. */
    private Step authAnswered(byte[] have) {
        if (have.length < 2) {
            return waiting();
        }
        int status = have[1] & 0xff;
        consume(2);
        if (have[0] != 1 || status != 0) {
            return failed("the proxy refused the user and password", status);
        }
        state = state.connectSent();
        return send(socks5Connect());
    }

    /** RFC 1928 §6: {@code VER REP RSV ATYP BND.ADDR BND.PORT}. */
    private Step socks5Reply(byte[] have) {
        if (have.length < 5) {
            return waiting();
        }
        if (have[0] != 5) {
            return failed("not a SOCKS5 reply", -1);
        }
        int reply = have[1] & 0xff;
        if (reply != 0) {
            return failed("the proxy refused the connection: " + socks5Reason(reply), reply);
        }
        int length = switch (have[3]) {
            case 1 -> 4 + 6;
            case 4 -> 16 + 6;
            case 3 -> 1 + (have[4] & 0xff) + 6;
            default -> -1;
        };
        if (length < 0) {
            return failed("bad address type in the SOCKS5 reply", -1);
        }
        if (have.length < length) {
            return waiting();
        }
        return connectedAfter(length);
    }

    /** SOCKS4: {@code VN=0 CD DSTPORT DSTIP}, CD 90 is granted. */
    private Step socks4Reply(byte[] have) {
        if (have.length < 8) {
            return waiting();
        }
        if (have[0] != 0) {
            return failed("not a SOCKS4 reply", -1);
        }
        int code = have[1] & 0xff;
        if (code != 90) {
            return failed("the proxy refused the connection (SOCKS4 code " + code + ")", code);
        }
        return connectedAfter(8);
    }

    private Step connectedAfter(int length) {
        byte[] all = buffer.toByteArray();
        buffer.reset();
        state = state.connected();
        return new Step(new byte[0], true, Arrays.copyOfRange(all, length, all.length), null);
    }

    private byte[] socks5Connect() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(5);
        out.write(1);
        out.write(0);
        byte[] literal = literal();
        if (literal != null) {
            out.write(literal.length == 4 ? 1 : 4);
            out.writeBytes(literal);
        } else {
            byte[] name = host.getBytes(StandardCharsets.UTF_8);
            out.write(3);
            out.write(name.length);
            out.writeBytes(name);
        }
        out.write(port >> 8);
        out.write(port & 0xff);
        return out.toByteArray();
    }

    private byte[] userPass() {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(name.length);
        out.writeBytes(name);
        out.write(password.length);
        out.writeBytes(password);
        return out.toByteArray();
    }

    /** SOCKS4 with an IPv4 literal; SOCKS4a's 0.0.0.1 and the name otherwise. */
    private byte[] socks4aConnect() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(4);
        out.write(1);
        out.write(port >> 8);
        out.write(port & 0xff);
        byte[] literal = literal();
        boolean named = literal == null || literal.length != 4;
        out.writeBytes(named ? new byte[] {0, 0, 0, 1} : literal);
        if (user != null) {
            out.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        }
        out.write(0);
        if (named) {
            out.writeBytes(host.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** The destination as address bytes when it is an IP literal (never a DNS lookup), else null. */
    private byte[] literal() {
        try {
            if (IPV4.matcher(host).matches() && Arrays.stream(host.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255)
                    || host.indexOf(':') >= 0) {
                return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host).getAddress();
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    private static String socks5Reason(int reply) {
        return switch (reply) {
            case 1 -> "general failure";
            case 2 -> "not allowed by ruleset";
            case 3 -> "network unreachable";
            case 4 -> "host unreachable";
            case 5 -> "connection refused";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            default -> "reply " + reply;
        };
    }

    private void consume(int count) {
        byte[] all = buffer.toByteArray();
        buffer.reset();
        buffer.write(all, count, all.length - count);
    }

    private static Step waiting() {
        return new Step(new byte[0], false, new byte[0], null);
    }

    private static Step send(byte[] bytes) {
        return new Step(bytes, false, new byte[0], null);
    }

    private Step failed(String message, int reply) {
        state = state.fail();
        return new Step(new byte[0], false, new byte[0], new SocksConnectError(message, reply));
    }
}
