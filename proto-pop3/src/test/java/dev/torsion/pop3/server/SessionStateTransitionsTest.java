package dev.torsion.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every transition from every state: the next state where RFC 1939 allows it, an IllegalStateException where not. */
class SessionStateTransitionsTest {
    private static void table(UnaryOperator<SessionState> transition, Map<SessionState, SessionState> allowed) {
        for (SessionState from : SessionState.values()) {
            if (allowed.containsKey(from)) {
                assertEquals(allowed.get(from), transition.apply(from), "from " + from);
            } else {
                assertThrows(IllegalStateException.class, () -> transition.apply(from), "from " + from);
            }
        }
    }

    private static Map<SessionState, SessionState> only(SessionState... fromTo) {
        Map<SessionState, SessionState> map = new EnumMap<>(SessionState.class);
        for (int i = 0; i < fromTo.length; i += 2) {
            map.put(fromTo[i], fromTo[i + 1]);
        }
        return map;
    }

    @Test
    void authStartsAnExchangeOnlyInAuthorization() {
        table(SessionState::authExchange, only(SessionState.AUTHORIZATION, SessionState.AUTH_EXCHANGE));
        table(SessionState::authDone, only(SessionState.AUTH_EXCHANGE, SessionState.AUTHORIZATION));
    }

    @Test
    void aLoginOpensTheTransactionStateFromAuthorizationOrAnExchange() {
        table(SessionState::loggedIn, only(SessionState.AUTHORIZATION, SessionState.TRANSACTION,
                SessionState.AUTH_EXCHANGE, SessionState.TRANSACTION));
    }

    @Test
    void quitUpdatesFromTransactionClosesFromAuthorizationAndIsRefusedElsewhere() {
        table(SessionState::quit, only(SessionState.TRANSACTION, SessionState.UPDATE, SessionState.AUTHORIZATION, SessionState.CLOSED));
    }

    @Test
    void closeEndsEveryState() {
        Map<SessionState, SessionState> all = new EnumMap<>(SessionState.class);
        for (SessionState state : SessionState.values()) {
            all.put(state, SessionState.CLOSED);
        }
        table(SessionState::close, all);
    }
}
