package dev.torsion.telnet.codec;

import java.util.Arrays;

/**
 * Option negotiation by the Q method of RFC 1143 (section 7): per option, a {@link QState} for
 * our side ("us") and one for the peer's ("him"), with the queue bit, so that neither side ever
 * loops and each request is answered exactly once. Pure: it returns what to send.
 */
public final class OptionNegotiator {
    private final QState[] local = new QState[256];
    private final QState[] remote = new QState[256];
    private final OptionPolicy policy;

    /** A negotiator with every option off, agreeing to what {@code policy} accepts. */
    public OptionNegotiator(OptionPolicy policy) {
        this.policy = policy;
        Arrays.fill(local, QState.NO);
        Arrays.fill(remote, QState.NO);
    }

    /** The state of {@code option} on {@code side}. */
    public QState state(OptionSide side, int option) {
        return states(side)[option];
    }

    /** Whether {@code option} is on (YES) for {@code side}. */
    public boolean isEnabled(OptionSide side, int option) {
        return states(side)[option] == QState.YES;
    }

    /** Handles a received WILL, WONT, DO or DONT. */
    public NegotiationStep received(NegotiationVerb verb, int option) {
        OptionSide side = OptionSide.of(verb);
        return OptionSide.isEnable(verb) ? receivedEnable(side, option) : receivedDisable(side, option);
    }

    /** RFC 1143 section 7, "Upon receipt of WILL" (and of DO for our side). */
    private NegotiationStep receivedEnable(OptionSide side, int option) {
        QState[] states = states(side);
        switch (states[option]) {
            case NO -> {
                if (policy.accept(side, option)) {
                    states[option] = QState.YES;
                    return NegotiationStep.of(side, option, side.enableVerb(), OptionChange.ENABLED);
                }
                return NegotiationStep.of(side, option, side.disableVerb(), null);
            }
            case YES -> {
                return NegotiationStep.nothing(side, option);
            }
            case WANTNO_EMPTY -> {
                states[option] = QState.NO;
                return NegotiationStep.of(side, option, null, OptionChange.DISABLED)
                        .withViolation("disable answered by enable");
            }
            case WANTNO_OPPOSITE -> {
                states[option] = QState.YES;
                return NegotiationStep.of(side, option, null, OptionChange.ENABLED)
                        .withViolation("disable answered by enable");
            }
            case WANTYES_EMPTY -> {
                states[option] = QState.YES;
                return NegotiationStep.of(side, option, null, OptionChange.ENABLED);
            }
            default -> {
                states[option] = QState.WANTNO_EMPTY;
                return NegotiationStep.of(side, option, side.disableVerb(), OptionChange.ENABLED);
            }
        }
    }

    /** RFC 1143 section 7, "Upon receipt of WONT" (and of DONT for our side). */
    private NegotiationStep receivedDisable(OptionSide side, int option) {
        QState[] states = states(side);
        switch (states[option]) {
            case NO -> {
                return NegotiationStep.nothing(side, option);
            }
            case YES -> {
                states[option] = QState.NO;
                return NegotiationStep.of(side, option, side.disableVerb(), OptionChange.DISABLED);
            }
            case WANTNO_EMPTY -> {
                states[option] = QState.NO;
                return NegotiationStep.of(side, option, null, OptionChange.DISABLED);
            }
            case WANTNO_OPPOSITE -> {
                states[option] = QState.WANTYES_EMPTY;
                return NegotiationStep.of(side, option, side.enableVerb(), OptionChange.DISABLED);
            }
            default -> {
                states[option] = QState.NO;
                return NegotiationStep.of(side, option, null, OptionChange.REFUSED);
            }
        }
    }

    /** RFC 1143 section 7, "If we decide to ask him to enable" (or to enable ourselves). */
    public NegotiationStep requestEnable(OptionSide side, int option) {
        QState[] states = states(side);
        switch (states[option]) {
            case NO -> {
                states[option] = QState.WANTYES_EMPTY;
                return NegotiationStep.of(side, option, side.enableVerb(), null);
            }
            case YES -> {
                return NegotiationStep.failed(side, option, RequestError.ALREADY_ENABLED);
            }
            case WANTNO_EMPTY -> {
                states[option] = QState.WANTNO_OPPOSITE;
                return NegotiationStep.nothing(side, option);
            }
            case WANTNO_OPPOSITE -> {
                return NegotiationStep.failed(side, option, RequestError.ALREADY_QUEUED);
            }
            case WANTYES_EMPTY -> {
                return NegotiationStep.failed(side, option, RequestError.ALREADY_NEGOTIATING);
            }
            default -> {
                states[option] = QState.WANTYES_EMPTY;
                return NegotiationStep.nothing(side, option);
            }
        }
    }

    /** RFC 1143 section 7, "If we decide to ask him to disable" (or to disable ourselves). */
    public NegotiationStep requestDisable(OptionSide side, int option) {
        QState[] states = states(side);
        switch (states[option]) {
            case NO -> {
                return NegotiationStep.failed(side, option, RequestError.ALREADY_DISABLED);
            }
            case YES -> {
                states[option] = QState.WANTNO_EMPTY;
                return NegotiationStep.of(side, option, side.disableVerb(), null);
            }
            case WANTNO_EMPTY -> {
                return NegotiationStep.failed(side, option, RequestError.ALREADY_NEGOTIATING);
            }
            case WANTNO_OPPOSITE -> {
                states[option] = QState.WANTNO_EMPTY;
                return NegotiationStep.nothing(side, option);
            }
            case WANTYES_EMPTY -> {
                states[option] = QState.WANTYES_OPPOSITE;
                return NegotiationStep.nothing(side, option);
            }
            default -> {
                return NegotiationStep.failed(side, option, RequestError.ALREADY_QUEUED);
            }
        }
    }

    /** Puts {@code option} of {@code side} in {@code state} (for exhaustive tests of the table). */
    void force(OptionSide side, int option, QState state) {
        states(side)[option] = state;
    }

    private QState[] states(OptionSide side) {
        return side == OptionSide.LOCAL ? local : remote;
    }
}
