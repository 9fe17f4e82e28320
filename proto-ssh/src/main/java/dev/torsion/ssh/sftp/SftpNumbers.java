package dev.torsion.ssh.sftp;

/**
 * The numbers of SFTP version 3 (draft-ietf-secsh-filexfer-02 sections 3, 6.3, 7 and 5) and of
 * OpenSSH's extensions (OpenSSH's PROTOCOL, section "sftp").
 */
public final class SftpNumbers {
    /** The version this implementation speaks. */
    public static final int VERSION_3 = 3;

    public static final int INIT = 1;
    public static final int VERSION = 2;
    public static final int OPEN = 3;
    public static final int CLOSE = 4;
    public static final int READ = 5;
    public static final int WRITE = 6;
    public static final int LSTAT = 7;
    public static final int FSTAT = 8;
    public static final int SETSTAT = 9;
    public static final int FSETSTAT = 10;
    public static final int OPENDIR = 11;
    public static final int READDIR = 12;
    public static final int REMOVE = 13;
    public static final int MKDIR = 14;
    public static final int RMDIR = 15;
    public static final int REALPATH = 16;
    public static final int STAT = 17;
    public static final int RENAME = 18;
    public static final int READLINK = 19;
    public static final int SYMLINK = 20;
    public static final int STATUS = 101;
    public static final int HANDLE = 102;
    public static final int DATA = 103;
    public static final int NAME = 104;
    public static final int ATTRS = 105;
    public static final int EXTENDED = 200;
    public static final int EXTENDED_REPLY = 201;

    /** SSH_FX_* status codes (section 7). */
    public static final int OK = 0;
    public static final int EOF = 1;
    public static final int NO_SUCH_FILE = 2;
    public static final int PERMISSION_DENIED = 3;
    public static final int FAILURE = 4;
    public static final int BAD_MESSAGE = 5;
    public static final int NO_CONNECTION = 6;
    public static final int CONNECTION_LOST = 7;
    public static final int OP_UNSUPPORTED = 8;

    /** SSH_FXF_* open flags (section 6.3). */
    public static final int OPEN_READ = 0x01;
    public static final int OPEN_WRITE = 0x02;
    public static final int OPEN_APPEND = 0x04;
    public static final int OPEN_CREATE = 0x08;
    public static final int OPEN_TRUNCATE = 0x10;
    public static final int OPEN_EXCLUSIVE = 0x20;

    /** OpenSSH's extensions, as named in the VERSION reply and in EXTENDED requests. */
    public static final String POSIX_RENAME = "posix-rename@openssh.com";
    public static final String STATVFS = "statvfs@openssh.com";
    public static final String FSTATVFS = "fstatvfs@openssh.com";
    public static final String HARDLINK = "hardlink@openssh.com";
    public static final String FSYNC = "fsync@openssh.com";
    public static final String LIMITS = "limits@openssh.com";
    public static final String EXPAND_PATH = "expand-path@openssh.com";

    private SftpNumbers() {
    }
}
