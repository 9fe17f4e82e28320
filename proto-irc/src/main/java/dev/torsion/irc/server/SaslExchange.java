package dev.torsion.irc.server;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.irc.codec.IrcMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SASL exchange of one session (IRCv3 sasl-3.1/3.2 with RFC 4616 PLAIN): AUTHENTICATE in
 * chunks, the login through the cred portal with the peer's address, 900/903 or 904-908, and
 * ACCOUNT to account-notify peers when a registered client logs in. Its state is
 * {@link SaslState}.
 */
final class SaslExchange {
    private static final Logger log = LoggerFactory.getLogger(SaslExchange.class);
    /** IRCv3 SASL: AUTHENTICATE payloads come in chunks of 400 bytes. */
    private static final int CHUNK = 400;
    /** The longest PLAIN response taken (authzid, authcid and password of 255 bytes each, in base64). */
    private static final int MAX = 1024;

    private final IrcServer session;
    private final StringBuilder buffer = new StringBuilder();
    private SaslState state = SaslState.IDLE;
    private int failedLogins;
    private LoginResult login;

    SaslExchange(IrcServer session) {
        this.session = session;
    }

    /** Whether the portal is checking credentials now. */
    boolean isChecking() {
        return state == SaslState.CHECKING;
    }

    /** Ends the login of a session that closes. */
    void logout() {
        if (login != null) {
            LoginResult done = login;
            login = null;
            done.logout();
        }
    }

    /** IRCv3 SASL with the PLAIN mechanism (RFC 4616). */
    void authenticate(IrcMessage m) {
        if (session.config().portal() == null) {
            session.reply("421", "AUTHENTICATE", "Unknown command");
            return;
        }
        String arg = m.param(0);
        if (arg == null) {
            session.reply("461", "AUTHENTICATE", "Not enough parameters");
            return;
        }
        if (state == SaslState.DONE) {
            session.reply("907", "You have already authenticated using SASL");
            return;
        }
        if (arg.equals("*")) {
            buffer.setLength(0);
            state = state.reset();
            session.reply("906", "SASL authentication aborted");
            return;
        }
        if (state == SaslState.IDLE) {
            if (!arg.equalsIgnoreCase("PLAIN")) {
                session.reply("908", "PLAIN", "are available SASL mechanisms");
                session.reply("904", "SASL authentication failed");
                return;
            }
            state = state.mechanismAccepted();
            session.deliver(IrcMessage.from(session.config().serverName(), "AUTHENTICATE", "+"));
            return;
        }
        chunk(arg);
    }

    private void chunk(String chunk) {
        if (chunk.length() > CHUNK || buffer.length() + chunk.length() > MAX) {
            buffer.setLength(0);
            state = state.reset();
            session.reply("905", "SASL message too long");
            return;
        }
        if (!chunk.equals("+")) {
            buffer.append(chunk);
        }
        if (chunk.length() == CHUNK) {
            return;
        }
        String response = buffer.toString();
        buffer.setLength(0);
        plain(response);
    }

    /** RFC 4616: authzid NUL authcid NUL passwd; an authzid other than the authcid is refused. */
    private void plain(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            failed();
            return;
        }
        String[] parts = new String(decoded, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))) {
            failed();
            return;
        }
        UsernamePassword credentials = new UsernamePassword(parts[1], parts[2].getBytes(StandardCharsets.UTF_8));
        state = state.responseComplete();
        Deferred<LoginResult> attempt = session.config().portal()
                .login(credentials, null, session.transport().getPeer(), IrcAccount.class)
                .addFinally(credentials::destroy);
        // Reading waits for the portal, so the client's next commands come after the verdict.
        session.whenDone(attempt, this::loginDone, LoginResult::logout);
    }

    private void loginDone(LoginResult result, Failure failure) {
        if (failure != null) {
            if (failure.check(LoginFailed.class) == null) {
                log.warn("irc: login error: {}", failure.getErrorMessage());
            }
            failed();
        } else {
            loggedIn(result);
        }
    }

    private void loggedIn(LoginResult result) {
        login = result;
        state = state.succeeded();
        String account = result.avatar(IrcAccount.class).name();
        IrcUser user = session.user();
        user.setAccount(account);
        session.reply("900", user.mask(), account, "You are now logged in as " + account);
        session.reply("903", "SASL authentication successful");
        if (session.state().isRegistered()) {
            IrcMessage notice = IrcMessage.from(user.mask(), "ACCOUNT", account);
            for (IrcUser peer : session.peers()) {
                if (peer.has(Capability.ACCOUNT_NOTIFY)) {
                    peer.deliver(notice);
                }
            }
        } else {
            session.tryRegister();
        }
    }

    private void failed() {
        state = state.reset();
        failedLogins++;
        log.info("irc: failed SASL login from {}", session.user().host());
        session.reply("904", "SASL authentication failed");
        if (failedLogins >= session.limits().failedLogins()) {
            session.closeLink("Too many failed logins");
        }
    }
}
