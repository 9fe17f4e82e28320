package dev.torsion.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every transition from every state: the next state where RFC 1939 allows it, an IllegalStateException where not. */
class Pop3StateTest {
    private static void table(UnaryOperator<Pop3State> transition, Map<Pop3State, Pop3State> allowed) {
        for (Pop3State from : Pop3State.values()) {
            if (allowed.containsKey(from)) {
                assertEquals(allowed.get(from), transition.apply(from), "from " + from);
            } else {
                assertThrows(IllegalStateException.class, () -> transition.apply(from), "from " + from);
            }
        }
    }

    private static Map<Pop3State, Pop3State> only(Pop3State... fromTo) {
        Map<Pop3State, Pop3State> map = new EnumMap<>(Pop3State.class);
        for (int i = 0; i < fromTo.length; i += 2) {
            map.put(fromTo[i], fromTo[i + 1]);
        }
        return map;
    }

    @Test
    void authStartsAnExchangeOnlyInAuthorization() {
        table(Pop3State::authExchange, only(Pop3State.AUTHORIZATION, Pop3State.AUTH_EXCHANGE));
        table(Pop3State::authDone, only(Pop3State.AUTH_EXCHANGE, Pop3State.AUTHORIZATION));
    }

    @Test
    void aLoginOpensTheTransactionStateFromAuthorizationOrAnExchange() {
        table(Pop3State::loggedIn, only(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION,
                Pop3State.AUTH_EXCHANGE, Pop3State.TRANSACTION));
    }

    @Test
    void quitUpdatesFromTransactionClosesFromAuthorizationAndIsRefusedElsewhere() {
        table(Pop3State::quit, only(Pop3State.TRANSACTION, Pop3State.UPDATE, Pop3State.AUTHORIZATION, Pop3State.CLOSED));
    }

    @Test
    void closeEndsEveryState() {
        Map<Pop3State, Pop3State> all = new EnumMap<>(Pop3State.class);
        for (Pop3State state : Pop3State.values()) {
            all.put(state, Pop3State.CLOSED);
        }
        table(Pop3State::close, all);
    }
}
