package dev.torsion.cred.checkers;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.ConstantTime;
import dev.torsion.cred.LogSafe;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.ValidPublicKey;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.SshPublicKey;
import dev.torsion.cred.files.LineProblem;
import dev.torsion.cred.files.TextFiles;
import dev.torsion.cred.ssh.AuthorizedKey;
import dev.torsion.cred.ssh.AuthorizedKeyOptions;
import dev.torsion.cred.ssh.AuthorizedKeys;
import dev.torsion.cred.ssh.AuthorizedKeysParser;
import dev.torsion.cred.ssh.AuthorizedKeysSource;
import dev.torsion.cred.ssh.FromPatterns;
import dev.torsion.cred.ssh.SshFormatException;
import dev.torsion.cred.ssh.SshKey;
import dev.torsion.cred.ssh.SshPublicKeys;
import dev.torsion.cred.ssh.SshSignatures;
import dev.torsion.cred.ssh.UnixAuthorizedKeysFiles;
import dev.torsion.defer.Deferred;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks SSH public key logins against the user's {@code authorized_keys} files, as Twisted's
 * {@code SSHPublicKeyChecker}. A key is accepted when its blob equals that of a line whose
 * {@code from=} and {@code expiry-time=} restrictions allow the login, and the signature over the
 * signed data verifies. A query without a signature is answered with {@link ValidPublicKey} for an
 * acceptable key. The matching line's options go with the {@link AvatarId} as its
 * {@link AuthorizedKeyOptions} attribute, for the server to enforce {@code command=},
 * {@code no-pty} and the rest.
 */
public final class SshPublicKeyChecker implements CredentialsChecker {
    private static final Logger log = LoggerFactory.getLogger(SshPublicKeyChecker.class);

    /** Settings of the checker. */
    public static final class Options {
        private AuthorizedKeysParser parser = new AuthorizedKeysParser();
        private boolean allowSha1Rsa;
        private Clock wallClock = Clock.systemUTC();

        /** The parser (and so the limits and minimum RSA size) for the files. */
        public Options parser(AuthorizedKeysParser parser) {
            this.parser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /** Whether RSA signatures with SHA-1 ({@code ssh-rsa}) count; off by default, as in OpenSSH 8.8+. */
        public Options allowSha1Rsa(boolean allow) {
            this.allowSha1Rsa = allow;
            return this;
        }

        /** The clock that tells whether an {@code expiry-time} has passed. */
        public Options wallClock(Clock clock) {
            this.wallClock = Objects.requireNonNull(clock, "clock");
            return this;
        }
    }

    private final AuthorizedKeysSource source;
    private final AuthorizedKeysParser parser;
    private final boolean allowSha1Rsa;
    private final Clock wallClock;

    /** A checker of the system users' {@code ~/.ssh/authorized_keys}. */
    public SshPublicKeyChecker() {
        this(new UnixAuthorizedKeysFiles(), new Options());
    }

    /** A checker of the files {@code source} names, with the given settings. */
    public SshPublicKeyChecker(AuthorizedKeysSource source, Options options) {
        this.source = Objects.requireNonNull(source, "source");
        this.parser = options.parser;
        this.allowSha1Rsa = options.allowSha1Rsa;
        this.wallClock = options.wallClock;
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.of(SshPublicKey.class);
    }

    @Override
    public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
        SshPublicKey given = (SshPublicKey) credentials;
        SshKey key;
        try {
            key = SshPublicKeys.decode(given.keyBlob(), 0);
        } catch (SshFormatException e) {
            log.info("refusing {}: key blob does not parse: {}", given, e.getMessage());
            return Deferred.fail(new UnauthorizedLogin());
        }
        if (!key.type().signatureAlgorithms().contains(given.algorithm())) {
            log.info("refusing {}: algorithm does not suit a {} key", given, key.type().sshName());
            return Deferred.fail(new UnauthorizedLogin());
        }
        Optional<AuthorizedKey> authorized = findAuthorized(given);
        if (authorized.isEmpty()) {
            return Deferred.fail(new UnauthorizedLogin());
        }
        if (given.signature().isEmpty()) {
            return Deferred.fail(new ValidPublicKey());
        }
        if (!SshSignatures.verify(authorized.get().key(), given.algorithm(), given.signature().get(),
                given.signedData().get(), allowSha1Rsa)) {
            log.info("refusing {}: signature does not verify", given);
            return Deferred.fail(new UnauthorizedLogin());
        }
        return Deferred.succeed(AvatarId.of(given.username())
                .withAttribute(AuthorizedKeyOptions.class, authorized.get().options()));
    }

    /** The first line of the user's files with this key whose restrictions allow this login. */
    private Optional<AuthorizedKey> findAuthorized(SshPublicKey given) {
        byte[] blob = given.keyBlob();
        try {
            for (Path file : source.authorizedKeysFiles(given.username())) {
                for (AuthorizedKey candidate : read(file).keys()) {
                    if (ConstantTime.equals(candidate.key().blob(), blob) && allowedBy(candidate, given, file)) {
                        return Optional.of(candidate);
                    }
                }
            }
        } catch (IOException e) {
            log.error("cannot look up the authorized keys of {}: {}", LogSafe.text(given.username()), e.toString());
        }
        return Optional.empty();
    }

    private AuthorizedKeys read(Path file) throws IOException {
        try {
            AuthorizedKeys keys = parser.parse(TextFiles.readLines(file, parser.limits()));
            for (LineProblem problem : keys.problems()) {
                log.warn("{} {}: line skipped", file, problem);
            }
            return keys;
        } catch (NoSuchFileException gone) {
            return parser.parse(List.of());
        }
    }

    private boolean allowedBy(AuthorizedKey key, SshPublicKey given, Path file) {
        AuthorizedKeyOptions options = key.options();
        if (options.expiryTime().isPresent() && !wallClock.instant().isBefore(options.expiryTime().get())) {
            log.info("refusing {}: key on line {} of {} expired", given, key.lineNumber(), file);
            return false;
        }
        if (options.from().isPresent()) {
            Optional<String> peer = given.peerAddress();
            if (peer.isEmpty() || !FromPatterns.parse(options.from().get()).allows(peer.get())) {
                log.info("refusing {}: peer address not allowed by from= on line {} of {}",
                        given, key.lineNumber(), file);
                return false;
            }
        }
        return true;
    }
}
