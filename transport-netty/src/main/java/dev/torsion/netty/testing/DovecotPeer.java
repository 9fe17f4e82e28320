package dev.torsion.netty.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;

/**
 * Dovecot (Debian's {@code dovecot-imapd} / {@code dovecot-pop3d}) in the foreground on a free
 * loopback port, for interop tests and benchmarks: a private config in a temp dir, one user with a
 * plain password, mail in {@code HOMES/USER/Maildir}, no TLS. Fill the Maildir first, then start:
 * as root, Dovecot refuses to read mail as root, so the homes are handed to {@code nobody}.
 *
 * <pre>{@code
 * Path maildir = temp.resolve("home/alice/Maildir");  // new/, cur/, tmp/ and messages
 * DovecotPeer dovecot = DovecotPeer.start(temp, temp.resolve("home"), "imap", "alice", "secret");
 * ... connect to dovecot.port() ...
 * dovecot.close();
 * }</pre>
 */
public final class DovecotPeer implements AutoCloseable {
    private static final String DOVECOT = "/usr/sbin/dovecot";

    private final int port;
    private final PeerProcess process;

    private DovecotPeer(int port, PeerProcess process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts Dovecot serving {@code protocol} ("imap" or "pop3") for {@code user} with
     * {@code password}, its config, state and log in {@code dir}, mail under {@code homes}.
     */
    public static DovecotPeer start(Path dir, Path homes, String protocol, String user, String password)
            throws IOException, InterruptedException {
        Programs.require(DOVECOT);
        // Dovecot's auth and mail processes run as other users: they must reach the files.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String owner = "uid=" + Files.getAttribute(dir, "unix:uid") + " gid=" + Files.getAttribute(dir, "unix:gid");
        if ("root".equals(System.getProperty("user.name"))) {
            owner = "uid=nobody gid=nogroup";
            handToNobody(homes);
        }
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, user + ":{PLAIN}" + password + "::::::\n");
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(dir.resolve("run"));
        int port = FreePorts.tcp();
        Path config = dir.resolve("dovecot.conf");
        Files.writeString(config, config(dir, homes, protocol, owner, port));
        PeerProcess process = PeerProcess.start(List.of(DOVECOT, "-F", "-c", config.toString()), dir.resolve("dovecot.out"), port);
        return new DovecotPeer(port, process);
    }

    private static void handToNobody(Path homes) throws IOException {
        UserPrincipalLookupService lookup = homes.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> paths = Files.walk(homes)) {
            for (Path path : paths.toList()) {
                Files.setOwner(path, lookup.lookupPrincipalByName("nobody"));
                Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(nogroup);
            }
        }
    }

    private static String config(Path dir, Path homes, String protocol, String owner, int port) {
        return """
                base_dir = %1$s/run
                state_dir = %1$s/run
                protocols = %4$s
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain
                log_path = %1$s/dovecot.log
                pop3_uidl_format = %%08Xu%%08Xv
                mail_location = maildir:%5$s/%%u/Maildir
                passdb {
                  driver = passwd-file
                  args = %1$s/passwd
                }
                userdb {
                  driver = static
                  args = %2$s home=%5$s/%%u
                }
                service %4$s-login {
                  inet_listener %4$s {
                    address = 127.0.0.1
                    port = %3$d
                  }
                }
                service anvil {
                  chroot =
                }
                """.formatted(dir, owner, port, protocol, homes);
    }

    /** The port Dovecot listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
    }
}
