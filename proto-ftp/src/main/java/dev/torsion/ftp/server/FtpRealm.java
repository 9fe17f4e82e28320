package dev.torsion.ftp.server;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Realm;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The realm of an FTP server: each user's {@link FtpFileSystem} is a {@link LocalFileSystem} rooted
 * where {@code rootOf} says (the same directory for all, or one per user), writable; the anonymous
 * user, when a checker lets one in, gets the anonymous root read-only.
 */
public final class FtpRealm implements Realm {
    private final Function<String, Path> rootOf;
    private final Path anonymousRoot;
    private final Reactor reactor;

    /**
     * @param rootOf the root of each named user
     * @param anonymousRoot the anonymous user's root, or null to refuse anonymous avatars
     * @param reactor whose thread pool does the file I/O
     */
    public FtpRealm(Function<String, Path> rootOf, Path anonymousRoot, Reactor reactor) {
        this.rootOf = rootOf;
        this.anonymousRoot = anonymousRoot;
        this.reactor = reactor;
    }

    /** Every user, and the anonymous one when {@code anonymous}, shares {@code root}. */
    public static FtpRealm sharedRoot(Path root, boolean anonymous, Reactor reactor) {
        return new FtpRealm(name -> root, anonymous ? root : null, reactor);
    }

    @Override
    public Deferred<LoginResult> requestAvatar(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
        if (!interfaces.contains(FtpFileSystem.class)) {
            return Deferred.fail(new IllegalArgumentException("this realm serves FtpFileSystem only"));
        }
        if (avatarId.isAnonymous() && anonymousRoot == null) {
            return Deferred.fail(new IllegalArgumentException("anonymous access is not enabled"));
        }
        Path root = avatarId.isAnonymous() ? anonymousRoot : rootOf.apply(avatarId.name());
        boolean writable = !avatarId.isAnonymous();
        return reactor.deferToThread(() -> new LoginResult(FtpFileSystem.class, new LocalFileSystem(root, writable, reactor), () -> { }));
    }
}
