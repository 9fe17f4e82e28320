package dev.torsion.telnet.codec;

import static dev.torsion.telnet.codec.OptionChange.DISABLED;
import static dev.torsion.telnet.codec.OptionChange.ENABLED;
import static dev.torsion.telnet.codec.OptionChange.REFUSED;
import static dev.torsion.telnet.codec.QState.NO;
import static dev.torsion.telnet.codec.QState.WANTNO_EMPTY;
import static dev.torsion.telnet.codec.QState.WANTNO_OPPOSITE;
import static dev.torsion.telnet.codec.QState.WANTYES_EMPTY;
import static dev.torsion.telnet.codec.QState.WANTYES_OPPOSITE;
import static dev.torsion.telnet.codec.QState.YES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Q method's table (RFC 1143 section 7), every state against every input, for both sides,
 * with the policy agreeing and refusing; then two negotiators against each other under random
 * requests, proving there is no loop.
 */
class OptionNegotiatorTest {
    private static final int OPTION = 31;

    /** An expected row: start state, input, agree?, end state, sent (enable/disable/none), change, error. */
    private record Row(QState from, String input, boolean agree, QState to, String sent, OptionChange change,
            RequestError error) {
    }

    private static Row row(QState from, String input, QState to, String sent, OptionChange change) {
        return new Row(from, input, true, to, sent, change, null);
    }

    private static Row error(QState from, String input, RequestError error) {
        return new Row(from, input, true, from, "-", null, error);
    }

    /** RFC 1143 section 7, transcribed: "enable"/"disable" received, "ask-on"/"ask-off" by us. */
    private static final Row[] TABLE = {
        row(NO, "enable", YES, "enable", ENABLED),
        new Row(NO, "enable", false, NO, "disable", null, null),
        row(YES, "enable", YES, "-", null),
        row(WANTNO_EMPTY, "enable", NO, "-", DISABLED),
        row(WANTNO_OPPOSITE, "enable", YES, "-", ENABLED),
        row(WANTYES_EMPTY, "enable", YES, "-", ENABLED),
        row(WANTYES_OPPOSITE, "enable", WANTNO_EMPTY, "disable", ENABLED),

        row(NO, "disable", NO, "-", null),
        row(YES, "disable", NO, "disable", DISABLED),
        row(WANTNO_EMPTY, "disable", NO, "-", DISABLED),
        row(WANTNO_OPPOSITE, "disable", WANTYES_EMPTY, "enable", DISABLED),
        row(WANTYES_EMPTY, "disable", NO, "-", REFUSED),
        row(WANTYES_OPPOSITE, "disable", NO, "-", REFUSED),

        row(NO, "ask-on", WANTYES_EMPTY, "enable", null),
        error(YES, "ask-on", RequestError.ALREADY_ENABLED),
        row(WANTNO_EMPTY, "ask-on", WANTNO_OPPOSITE, "-", null),
        error(WANTNO_OPPOSITE, "ask-on", RequestError.ALREADY_QUEUED),
        error(WANTYES_EMPTY, "ask-on", RequestError.ALREADY_NEGOTIATING),
        row(WANTYES_OPPOSITE, "ask-on", WANTYES_EMPTY, "-", null),

        error(NO, "ask-off", RequestError.ALREADY_DISABLED),
        row(YES, "ask-off", WANTNO_EMPTY, "disable", null),
        error(WANTNO_EMPTY, "ask-off", RequestError.ALREADY_NEGOTIATING),
        row(WANTNO_OPPOSITE, "ask-off", WANTNO_EMPTY, "-", null),
        row(WANTYES_EMPTY, "ask-off", WANTYES_OPPOSITE, "-", null),
        error(WANTYES_OPPOSITE, "ask-off", RequestError.ALREADY_QUEUED),
    };

    @Test
    void everyStateAgainstEveryInputOnBothSides() {
        int checked = 0;
        for (OptionSide side : OptionSide.values()) {
            for (Row row : TABLE) {
                for (boolean agree : new boolean[] {true, false}) {
                    if (row.from == NO && row.input.equals("enable") && row.agree != agree) {
                        continue;
                    }
                    check(side, row, agree);
                    checked++;
                }
            }
        }
        assertEquals(2 * (TABLE.length * 2 - 2), checked, "every row, agreeing and refusing, on both sides");
    }

    private static void check(OptionSide side, Row row, boolean agree) {
        OptionNegotiator negotiator = new OptionNegotiator((s, o) -> agree && s == side && o == OPTION);
        negotiator.force(side, OPTION, row.from);
        NegotiationStep step = switch (row.input) {
            case "enable" -> negotiator.received(side == OptionSide.LOCAL ? NegotiationVerb.DO : NegotiationVerb.WILL,
                    OPTION);
            case "disable" -> negotiator.received(side == OptionSide.LOCAL ? NegotiationVerb.DONT
                    : NegotiationVerb.WONT, OPTION);
            case "ask-on" -> negotiator.requestEnable(side, OPTION);
            default -> negotiator.requestDisable(side, OPTION);
        };
        String where = side + " " + row;
        assertEquals(row.to, negotiator.state(side, OPTION), where);
        NegotiationVerb expectedSend = switch (row.sent) {
            case "enable" -> side.enableVerb();
            case "disable" -> side.disableVerb();
            default -> null;
        };
        assertEquals(expectedSend, step.send(), where);
        assertEquals(row.change, step.change(), where);
        assertEquals(row.error, step.error(), where);
        OptionSide other = side == OptionSide.LOCAL ? OptionSide.REMOTE : OptionSide.LOCAL;
        assertEquals(NO, negotiator.state(other, OPTION), "the other side is untouched: " + where);
        boolean violation = (row.from == WANTNO_EMPTY || row.from == WANTNO_OPPOSITE) && row.input.equals("enable");
        assertEquals(violation, step.peerViolation() != null, where);
    }

    @Test
    void wireBytesOfAStep() {
        OptionNegotiator negotiator = new OptionNegotiator(OptionPolicy.REFUSE_ALL);
        NegotiationStep step = negotiator.received(NegotiationVerb.DO, TelnetOption.ECHO);
        assertEquals(NegotiationVerb.WONT, step.send());
        assertArrayEquals(new byte[] {(byte) 255, (byte) 252, 1}, step.wire());
    }

    /**
     * Two negotiators joined by a pipe; each end issues random requests (and its policy flips at
     * random) while messages are in flight. RFC 1143's promise: every exchange ends, with no more
     * messages than requests allow, and both ends agree on each side of the option at rest.
     */
    @Test
    void twoEndsNeverLoopAndAgreeAtRest() {
        Random random = new Random(1143);
        for (int run = 0; run < 2000; run++) {
            boolean[] aAgrees = {random.nextBoolean(), random.nextBoolean()};
            boolean[] bAgrees = {random.nextBoolean(), random.nextBoolean()};
            OptionNegotiator a = new OptionNegotiator((s, o) -> aAgrees[s.ordinal()]);
            OptionNegotiator b = new OptionNegotiator((s, o) -> bAgrees[s.ordinal()]);
            Deque<NegotiationVerb> toB = new ArrayDeque<>();
            Deque<NegotiationVerb> toA = new ArrayDeque<>();
            int requests = 0;
            int messages = 0;
            for (int tick = 0; tick < 40; tick++) {
                int action = random.nextInt(6);
                OptionSide side = random.nextBoolean() ? OptionSide.LOCAL : OptionSide.REMOTE;
                if (action == 0) {
                    requests++;
                    send(a.requestEnable(side, OPTION), toB);
                } else if (action == 1) {
                    requests++;
                    send(b.requestDisable(side, OPTION), toA);
                } else if (action == 2 && !toB.isEmpty()) {
                    messages++;
                    send(b.received(toB.poll(), OPTION), toA);
                } else if (action == 3 && !toA.isEmpty()) {
                    messages++;
                    send(a.received(toA.poll(), OPTION), toB);
                } else if (action == 4) {
                    requests++;
                    send(b.requestEnable(side, OPTION), toA);
                } else {
                    requests++;
                    send(a.requestDisable(side, OPTION), toB);
                }
            }
            while (!toA.isEmpty() || !toB.isEmpty()) {
                messages++;
                assertTrue(messages <= 4 * requests + 4, "negotiation loops in run " + run);
                if (!toB.isEmpty()) {
                    send(b.received(toB.poll(), OPTION), toA);
                }
                if (!toA.isEmpty()) {
                    send(a.received(toA.poll(), OPTION), toB);
                }
            }
            for (OptionSide side : OptionSide.values()) {
                OptionSide mirror = side == OptionSide.LOCAL ? OptionSide.REMOTE : OptionSide.LOCAL;
                assertTrue(a.state(side, OPTION).isSettled() && b.state(mirror, OPTION).isSettled(),
                        "settled at rest, run " + run);
                assertEquals(a.state(side, OPTION), b.state(mirror, OPTION), "agreement, run " + run);
            }
        }
    }

    private static void send(NegotiationStep step, Deque<NegotiationVerb> pipe) {
        if (step.send() != null) {
            pipe.add(step.send());
        }
    }
}
