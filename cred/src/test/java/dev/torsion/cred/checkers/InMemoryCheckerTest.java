package dev.torsion.cred.checkers;

import static dev.torsion.cred.DeferredResults.failureResultOf;
import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.Anonymous;
import dev.torsion.cred.credentials.CramMd5Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryCheckerTest {
    private final InMemoryUsernamePasswordDatabaseDontUse db = new InMemoryUsernamePasswordDatabaseDontUse()
            .addUser("alice", "secret").addUser("bob", "pw".toCharArray())
            .addUser("tim", "tanstaaftanstaaf".getBytes(StandardCharsets.US_ASCII));

    @Test
    void acceptsRightPasswords() {
        assertEquals(AvatarId.of("alice"),
                successResultOf(db.requestAvatarId(new UsernamePassword("alice", "secret".toCharArray()))));
        assertEquals(AvatarId.of("bob"), successResultOf(db.requestAvatarId(new UsernamePassword("bob", "pw".toCharArray()))));
    }

    @Test
    void refusesWrongPasswordsAndUnknownUsers() {
        failureResultOf(db.requestAvatarId(new UsernamePassword("alice", "Secret".toCharArray())), UnauthorizedLogin.class);
        failureResultOf(db.requestAvatarId(new UsernamePassword("alice", new byte[0])), UnauthorizedLogin.class);
        failureResultOf(db.requestAvatarId(new UsernamePassword("carol", "secret".toCharArray())), UnauthorizedLogin.class);
        failureResultOf(db.requestAvatarId(new UsernamePassword("carol", new byte[] {0})), UnauthorizedLogin.class);
    }

    @Test
    void checksCramMd5Proofs() {
        byte[] challenge = "<1896.697170952@postoffice.reston.mci.net>".getBytes(StandardCharsets.US_ASCII);
        assertEquals(AvatarId.of("tim"), successResultOf(db.requestAvatarId(
                new CramMd5Credentials("tim", challenge, "b913a602c7eda7a495b4e6e7334d3890"))));
        failureResultOf(db.requestAvatarId(new CramMd5Credentials("tim", challenge, "00")), UnauthorizedLogin.class);
    }

    @Test
    void refusesEmptyNames() {
        assertThrows(IllegalArgumentException.class, () -> db.addUser("", "x"));
    }

    @Test
    void anonymousChecker() {
        assertEquals(AvatarId.ANONYMOUS, successResultOf(new AllowAnonymousAccess().requestAvatarId(Anonymous.INSTANCE)));
    }
}
