package dev.torsion.cred.checkers;

import static dev.torsion.cred.DeferredResults.failureResultOf;
import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.ValidPublicKey;
import dev.torsion.cred.credentials.SshPublicKey;
import dev.torsion.cred.files.FileLimits;
import dev.torsion.cred.ssh.AuthorizedKeyOptions;
import dev.torsion.cred.ssh.AuthorizedKeysSource;
import dev.torsion.cred.ssh.SshKeyType;
import dev.torsion.cred.ssh.SshSignatures;
import dev.torsion.cred.ssh.TestKeys;
import dev.torsion.cred.ssh.UnixAuthorizedKeysFiles;
import dev.torsion.cred.unix.UnixAccountFiles;
import dev.torsion.defer.Deferred;
import dev.torsion.testing.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SshPublicKeyCheckerTest {
    private static final byte[] SIGNED = "session-id || SSH_MSG_USERAUTH_REQUEST ...".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path homes;

    @BeforeEach
    void makeHomes() throws IOException {
        Files.createDirectories(homes.resolve("alice/.ssh"));
        Files.createDirectories(homes.resolve("bob"));
    }

    private void authorize(String user, String... lines) throws IOException {
        Path ssh = Files.createDirectories(homes.resolve(user).resolve(".ssh"));
        Files.writeString(ssh.resolve("authorized_keys"), String.join("\n", lines) + "\n");
    }

    private SshPublicKeyChecker checker() {
        return checker(new SshPublicKeyChecker.Options());
    }

    private SshPublicKeyChecker checker(SshPublicKeyChecker.Options options) {
        AuthorizedKeysSource source = AuthorizedKeysSource.inHomeDirectories(user ->
                user.matches("[a-z]+") && Files.isDirectory(homes.resolve(user)) ? homes.resolve(user) : null);
        return new SshPublicKeyChecker(source, options);
    }

    private static SshPublicKey signedBy(String user, SshKeyType type, KeyPair pair, String algorithm) throws Exception {
        return SshPublicKey.signed(user, algorithm, TestKeys.blob(pair), SIGNED,
                SshSignatures.sign(pair.getPrivate(), algorithm, SIGNED));
    }

    @ParameterizedTest
    @EnumSource(SshKeyType.class)
    void acceptsAuthorizedKeysWithValidSignatures(SshKeyType type) throws Exception {
        KeyPair pair = TestKeys.pair(type);
        authorize("alice", "# keys", TestKeys.line(type, pair, "alice@laptop"));
        AvatarId id = successResultOf(checker().requestAvatarId(signedBy("alice", type, pair, TestKeys.algorithm(type))));
        assertEquals(AvatarId.of("alice"), id);
    }

    @Test
    void rsaKeysSignWithEitherSha2AndSha1OnlyWhenAllowed() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.RSA);
        authorize("alice", TestKeys.line(SshKeyType.RSA, pair, "a"));
        successResultOf(checker().requestAvatarId(signedBy("alice", SshKeyType.RSA, pair, "rsa-sha2-512")));
        successResultOf(checker().requestAvatarId(signedBy("alice", SshKeyType.RSA, pair, "rsa-sha2-256")));
        failureResultOf(checker().requestAvatarId(signedBy("alice", SshKeyType.RSA, pair, "ssh-rsa")),
                UnauthorizedLogin.class);
        successResultOf(checker(new SshPublicKeyChecker.Options().allowSha1Rsa(true))
                .requestAvatarId(signedBy("alice", SshKeyType.RSA, pair, "ssh-rsa")));
    }

    @Test
    void queryWithoutSignatureSaysWhetherTheKeyWouldDo() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ED25519);
        authorize("alice", TestKeys.line(SshKeyType.ED25519, pair, "a"));
        failureResultOf(checker().requestAvatarId(SshPublicKey.query("alice", "ssh-ed25519", TestKeys.blob(pair))),
                ValidPublicKey.class);
        failureResultOf(checker().requestAvatarId(SshPublicKey.query("alice", "ssh-ed25519",
                TestKeys.blob(TestKeys.other(SshKeyType.ED25519)))), UnauthorizedLogin.class);
    }

    @Test
    void refusesUnauthorizedKeysBadSignaturesAndUnknownUsers() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ECDSA_P256);
        KeyPair other = TestKeys.other(SshKeyType.ECDSA_P256);
        authorize("alice", TestKeys.line(SshKeyType.ECDSA_P256, pair, "a"));
        failureResultOf(checker().requestAvatarId(signedBy("alice", SshKeyType.ECDSA_P256, other,
                "ecdsa-sha2-nistp256")), UnauthorizedLogin.class);
        // Authorized key, but signed by another key.
        SshPublicKey forged = SshPublicKey.signed("alice", "ecdsa-sha2-nistp256", TestKeys.blob(pair), SIGNED,
                SshSignatures.sign(other.getPrivate(), "ecdsa-sha2-nistp256", SIGNED));
        failureResultOf(checker().requestAvatarId(forged), UnauthorizedLogin.class);
        // Valid signature over other data than claimed.
        SshPublicKey replayed = SshPublicKey.signed("alice", "ecdsa-sha2-nistp256", TestKeys.blob(pair),
                "other session".getBytes(StandardCharsets.US_ASCII),
                SshSignatures.sign(pair.getPrivate(), "ecdsa-sha2-nistp256", SIGNED));
        failureResultOf(checker().requestAvatarId(replayed), UnauthorizedLogin.class);
        failureResultOf(checker().requestAvatarId(signedBy("bob", SshKeyType.ECDSA_P256, pair, "ecdsa-sha2-nistp256")),
                UnauthorizedLogin.class, "bob has no authorized_keys");
        failureResultOf(checker().requestAvatarId(signedBy("nobody", SshKeyType.ECDSA_P256, pair, "ecdsa-sha2-nistp256")),
                UnauthorizedLogin.class);
        SshPublicKey wrongAlgorithm = SshPublicKey.signed("alice", "ssh-ed25519", TestKeys.blob(pair), SIGNED,
                SshSignatures.sign(pair.getPrivate(), "ecdsa-sha2-nistp256", SIGNED));
        failureResultOf(checker().requestAvatarId(wrongAlgorithm), UnauthorizedLogin.class,
                "the algorithm must suit the key");
        failureResultOf(checker().requestAvatarId(SshPublicKey.signed("alice", "ssh-ed25519", new byte[] {0, 0, 0, 1},
                SIGNED, new byte[1])), UnauthorizedLogin.class);
    }

    @Test
    void malformedLinesAroundTheKeyDoNotStopIt() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ED25519);
        authorize("alice", "garbage", "bogus-option " + TestKeys.line(SshKeyType.ED25519, pair, "x"),
                TestKeys.line(SshKeyType.ED25519, pair, "a"));
        successResultOf(checker().requestAvatarId(signedBy("alice", SshKeyType.ED25519, pair, "ssh-ed25519")));
    }

    @Test
    void optionsTravelWithTheAvatarId() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ED25519);
        authorize("alice", "command=\"backup --only\",no-pty " + TestKeys.line(SshKeyType.ED25519, pair, "backup"));
        AvatarId id = successResultOf(checker().requestAvatarId(signedBy("alice", SshKeyType.ED25519, pair, "ssh-ed25519")));
        AuthorizedKeyOptions options = id.attribute(AuthorizedKeyOptions.class).orElseThrow();
        assertEquals("backup --only", options.command().orElseThrow());
        assertTrue(!options.allowsPty());
    }

    @Test
    void fromRestrictsByPeerAddressAndNeedsOne() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ED25519);
        authorize("alice", "from=\"127.0.0.0/8,!127.0.0.2\" " + TestKeys.line(SshKeyType.ED25519, pair, "a"));
        SshPublicKey login = signedBy("alice", SshKeyType.ED25519, pair, "ssh-ed25519");
        successResultOf(checker().requestAvatarId(login.fromPeer("127.0.0.1")));
        failureResultOf(checker().requestAvatarId(login.fromPeer("127.0.0.2")), UnauthorizedLogin.class);
        failureResultOf(checker().requestAvatarId(login.fromPeer("192.0.2.1")), UnauthorizedLogin.class);
        failureResultOf(checker().requestAvatarId(login), UnauthorizedLogin.class, "no address, no entry");
    }

    @Test
    void laterLineWithoutRestrictionStillCounts() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ED25519);
        authorize("alice", "from=\"10.0.0.1\" " + TestKeys.line(SshKeyType.ED25519, pair, "a"),
                "no-pty " + TestKeys.line(SshKeyType.ED25519, pair, "b"));
        AvatarId id = successResultOf(checker().requestAvatarId(
                signedBy("alice", SshKeyType.ED25519, pair, "ssh-ed25519").fromPeer("127.0.0.1")));
        assertTrue(id.attribute(AuthorizedKeyOptions.class).orElseThrow().has("no-pty"));
    }

    @Test
    void expiredKeysAreRefused() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ED25519);
        authorize("alice", "expiry-time=\"20300101Z\" " + TestKeys.line(SshKeyType.ED25519, pair, "a"));
        SshPublicKey login = signedBy("alice", SshKeyType.ED25519, pair, "ssh-ed25519");
        Clock before = Clock.fixed(Instant.parse("2029-12-31T23:59:59Z"), ZoneOffset.UTC);
        Clock after = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        successResultOf(checker(new SshPublicKeyChecker.Options().wallClock(before)).requestAvatarId(login));
        failureResultOf(checker(new SshPublicKeyChecker.Options().wallClock(after)).requestAvatarId(login),
                UnauthorizedLogin.class);
    }

    @Test
    void authorizedKeys2IsReadToo() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ECDSA_P521);
        Files.writeString(homes.resolve("alice/.ssh/authorized_keys2"), TestKeys.line(SshKeyType.ECDSA_P521, pair, "x"));
        successResultOf(checker().requestAvatarId(signedBy("alice", SshKeyType.ECDSA_P521, pair, "ecdsa-sha2-nistp521")));
    }

    @Test
    void unixHomesFromPasswdWithStrictModes() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ED25519);
        authorize("alice", TestKeys.line(SshKeyType.ED25519, pair, "a"));
        String owner = Files.getOwner(homes).getName();
        Path passwd = homes.resolve("passwd");
        Files.writeString(passwd, owner + ":x:1000:1000::" + homes.resolve("alice") + ":/bin/sh\n"
                + "other:x:1001:1001::" + homes.resolve("alice") + ":/bin/sh\n");
        UnixAccountFiles accounts = new UnixAccountFiles(passwd, homes.resolve("shadow"), FileLimits.DEFAULT);
        SshPublicKeyChecker strict = new SshPublicKeyChecker(new UnixAuthorizedKeysFiles(accounts, true),
                new SshPublicKeyChecker.Options());
        SshPublicKeyChecker lax = new SshPublicKeyChecker(new UnixAuthorizedKeysFiles(accounts, false),
                new SshPublicKeyChecker.Options());
        Path file = homes.resolve("alice/.ssh/authorized_keys");
        Files.setPosixFilePermissions(homes.resolve("alice"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(homes.resolve("alice/.ssh"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        successResultOf(strict.requestAvatarId(signedBy(owner, SshKeyType.ED25519, pair, "ssh-ed25519")));
        failureResultOf(strict.requestAvatarId(signedBy("unknown", SshKeyType.ED25519, pair, "ssh-ed25519")),
                UnauthorizedLogin.class);
        if (!owner.equals("root")) {
            // Owned by someone else than "other" (and not root): strict modes ignore the file.
            failureResultOf(strict.requestAvatarId(signedBy("other", SshKeyType.ED25519, pair, "ssh-ed25519")),
                    UnauthorizedLogin.class);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        failureResultOf(strict.requestAvatarId(signedBy(owner, SshKeyType.ED25519, pair, "ssh-ed25519")),
                UnauthorizedLogin.class, "group-writable authorized_keys is ignored");
        successResultOf(lax.requestAvatarId(signedBy(owner, SshKeyType.ED25519, pair, "ssh-ed25519")));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(homes.resolve("alice/.ssh"), PosixFilePermissions.fromString("rwxrwxrwx"));
        failureResultOf(strict.requestAvatarId(signedBy(owner, SshKeyType.ED25519, pair, "ssh-ed25519")),
                UnauthorizedLogin.class, "world-writable .ssh is ignored");
    }

    @Test
    void throughThePortalWithItsDelay() throws Exception {
        KeyPair pair = TestKeys.pair(SshKeyType.ED25519);
        authorize("alice", TestKeys.line(SshKeyType.ED25519, pair, "a"));
        TestClock clock = new TestClock();
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(new LoginResult(CharSequence.class,
                id.name(), () -> { })), clock, checker());
        LoginResult result = successResultOf(portal.login(signedBy("alice", SshKeyType.ED25519, pair, "ssh-ed25519"),
                null, CharSequence.class));
        assertEquals("alice", result.avatar());
        failureResultOf(portal.login(SshPublicKey.query("alice", "ssh-ed25519", TestKeys.blob(pair)), null,
                CharSequence.class), ValidPublicKey.class);
        Deferred<LoginResult> refused = portal.login(signedBy("alice", SshKeyType.ED25519,
                TestKeys.other(SshKeyType.ED25519), "ssh-ed25519"), null, CharSequence.class);
        assertTrue(!refused.isCalled());
        clock.advance(Duration.ofSeconds(1));
        failureResultOf(refused, UnauthorizedLogin.class);
    }
}
