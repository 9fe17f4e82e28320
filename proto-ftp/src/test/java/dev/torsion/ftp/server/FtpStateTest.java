package dev.torsion.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FtpStateTest {
    @Test
    void loginAndRenameSequences() {
        FtpState state = FtpState.AWAITING_USER.user().user().pass();
        assertEquals(FtpState.AUTHENTICATING, state);
        assertEquals(FtpState.AWAITING_USER, state.loginFailed());
        FtpState in = state.loggedIn();
        assertTrue(in.isLoggedIn());
        assertTrue(in.renameFrom().isLoggedIn());
        assertEquals(FtpState.LOGGED_IN, in.renameFrom().renameDone());
        assertEquals(FtpState.CLOSED, in.close());
        assertFalse(FtpState.AWAITING_PASS.isLoggedIn());
    }

    @Test
    void impossibleTransitionsThrow() {
        assertThrows(IllegalStateException.class, FtpState.AWAITING_USER::pass);
        assertThrows(IllegalStateException.class, FtpState.LOGGED_IN::user);
        assertThrows(IllegalStateException.class, FtpState.AWAITING_PASS::renameFrom);
        assertThrows(IllegalStateException.class, FtpState.CLOSED::loggedIn);
    }
}
