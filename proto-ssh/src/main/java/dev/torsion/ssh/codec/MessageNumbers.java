package dev.torsion.ssh.codec;

/** SSH message numbers (RFC 4250 section 4.1, RFC 8308, RFC 4419, RFC 5656, RFC 4256). */
public final class MessageNumbers {
    public static final int DISCONNECT = 1;
    public static final int IGNORE = 2;
    public static final int UNIMPLEMENTED = 3;
    public static final int DEBUG = 4;
    public static final int SERVICE_REQUEST = 5;
    public static final int SERVICE_ACCEPT = 6;
    public static final int EXT_INFO = 7;
    public static final int KEXINIT = 20;
    public static final int NEWKEYS = 21;
    /** First of the key-exchange-method-specific numbers (30..49), e.g. SSH_MSG_KEX_ECDH_INIT. */
    public static final int KEX_ECDH_INIT = 30;
    public static final int KEX_ECDH_REPLY = 31;
    public static final int USERAUTH_REQUEST = 50;
    public static final int USERAUTH_FAILURE = 51;
    public static final int USERAUTH_SUCCESS = 52;
    public static final int USERAUTH_BANNER = 53;
    /** SSH_MSG_USERAUTH_PK_OK (publickey) and SSH_MSG_USERAUTH_PASSWD_CHANGEREQ share 60. */
    public static final int USERAUTH_PK_OK = 60;
    /** SSH_MSG_USERAUTH_INFO_REQUEST (RFC 4256 section 3.2), the same number as PK_OK. */
    public static final int USERAUTH_INFO_REQUEST = 60;
    /** SSH_MSG_USERAUTH_INFO_RESPONSE (RFC 4256 section 3.4). */
    public static final int USERAUTH_INFO_RESPONSE = 61;
    public static final int GLOBAL_REQUEST = 80;
    public static final int REQUEST_SUCCESS = 81;
    public static final int REQUEST_FAILURE = 82;
    public static final int CHANNEL_OPEN = 90;
    public static final int CHANNEL_OPEN_CONFIRMATION = 91;
    public static final int CHANNEL_OPEN_FAILURE = 92;
    public static final int CHANNEL_WINDOW_ADJUST = 93;
    public static final int CHANNEL_DATA = 94;
    public static final int CHANNEL_EXTENDED_DATA = 95;
    public static final int CHANNEL_EOF = 96;
    public static final int CHANNEL_CLOSE = 97;
    public static final int CHANNEL_REQUEST = 98;
    public static final int CHANNEL_SUCCESS = 99;
    public static final int CHANNEL_FAILURE = 100;

    private MessageNumbers() {
    }

    /** Whether {@code type} belongs to the transport layer's key exchange (RFC 4253 section 7; 20..49). */
    public static boolean isKex(int type) {
        return type >= 20 && type <= 49;
    }

    /** Whether {@code type} is a transport-generic message allowed at any time (1..4). */
    public static boolean isTransportGeneric(int type) {
        return type >= 1 && type <= 4;
    }
}
