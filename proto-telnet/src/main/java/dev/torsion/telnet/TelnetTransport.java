package dev.torsion.telnet;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.protocols.policies.WrappingProtocol;
import dev.torsion.telnet.codec.NegotiationBudget;
import dev.torsion.telnet.codec.NegotiationStep;
import dev.torsion.telnet.codec.OptionChange;
import dev.torsion.telnet.codec.OptionNegotiator;
import dev.torsion.telnet.codec.OptionSide;
import dev.torsion.telnet.codec.QState;
import dev.torsion.telnet.codec.TelnetCommand;
import dev.torsion.telnet.codec.TelnetDecodeException;
import dev.torsion.telnet.codec.TelnetDecoder;
import dev.torsion.telnet.codec.TelnetEncoder;
import dev.torsion.telnet.codec.TelnetEvent;
import dev.torsion.telnet.codec.TelnetOption;
import dev.torsion.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telnet layer, as Twisted's {@code TelnetTransport}: a protocol on the connection's transport
 * and, for the application protocol stacked on it, a transport that carries plain bytes (it
 * doubles IAC on the way out). It negotiates options by the Q method of RFC 1143, asking the
 * application ({@link TelnetProtocol#acceptLocal}, {@link TelnetProtocol#acceptRemote}) what to
 * agree to, and answers the application's own requests ({@link #enableLocal}, {@link
 * #enableRemote}, ...) with Deferreds. Server and client alike: Telnet is symmetric.
 *
 * <p>Limits ({@link TelnetLimits}): a subnegotiation longer than the limit, or more option
 * commands than the negotiation budget, ends the connection with a log line.
 */
public final class TelnetTransport extends WrappingProtocol {
    private static final Logger log = LoggerFactory.getLogger(TelnetTransport.class);

    private final TelnetLimits limits;
    private final Clock clock;
    private final TelnetDecoder decoder;
    private final OptionNegotiator negotiator;
    private final List<PendingRequest> pending = new ArrayList<>();
    private NegotiationBudget budget;
    private TelnetState state = TelnetState.CONNECTING;

    /** A Telnet layer under {@code application}, with {@code limits}, timing storms on {@code clock}. */
    public TelnetTransport(Protocol application, TelnetLimits limits, Clock clock) {
        super(application);
        this.limits = limits;
        this.clock = clock;
        this.decoder = new TelnetDecoder(limits.maxSubnegotiation());
        this.negotiator = new OptionNegotiator(this::accept);
    }

    /** The application protocol stacked on this transport. */
    public Protocol application() {
        return wrappedProtocol();
    }

    /** Where the session is. */
    public TelnetState state() {
        return state;
    }

    /** The Q-method state of {@code option} on {@code side}. */
    public QState optionState(OptionSide side, int option) {
        return negotiator.state(side, option);
    }

    /** Whether we perform {@code option} now. */
    public boolean isLocalEnabled(int option) {
        return negotiator.isEnabled(OptionSide.LOCAL, option);
    }

    /** Whether the peer performs {@code option} now. */
    public boolean isRemoteEnabled(int option) {
        return negotiator.isEnabled(OptionSide.REMOTE, option);
    }

    @Override
    public void connectionMade() {
        state = state.connected();
        budget = new NegotiationBudget(limits.negotiationBurst(), limits.negotiationRefill().toNanos(),
                clock.nanoTime());
        wrappedProtocol().makeConnection(this);
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state != TelnetState.OPEN) {
            return;
        }
        try {
            decoder.decode(data, this::event);
        } catch (TelnetDecodeException e) {
            fail(e.getMessage());
        }
    }

    private void event(TelnetEvent event) {
        if (state != TelnetState.OPEN) {
            return;
        }
        if (event instanceof TelnetEvent.Data data) {
            wrappedProtocol().dataReceived(data.bytes());
        } else if (event instanceof TelnetEvent.Command command) {
            commandReceived(command.code());
        } else if (event instanceof TelnetEvent.Negotiation negotiation) {
            negotiationReceived(negotiation);
        } else if (event instanceof TelnetEvent.Subnegotiation sub) {
            subnegotiationReceived(sub);
        }
    }

    private void commandReceived(int command) {
        if (wrappedProtocol() instanceof TelnetProtocol telnet) {
            telnet.commandReceived(command);
        }
    }

    private void negotiationReceived(TelnetEvent.Negotiation negotiation) {
        if (!budget.take(clock.nanoTime())) {
            fail("negotiation storm: more than " + limits.negotiationBurst() + " option commands at a rate above one per "
                    + limits.negotiationRefill().toMillis() + " ms");
            return;
        }
        apply(negotiator.received(negotiation.verb(), negotiation.option()));
    }

    /** RFC 855: subnegotiation is only for an option that is on; others are dropped with a log line. */
    private void subnegotiationReceived(TelnetEvent.Subnegotiation sub) {
        int option = sub.option();
        if (!isLocalEnabled(option) && !isRemoteEnabled(option)) {
            log.debug("subnegotiation of {} ignored: option not enabled, peer={}", TelnetOption.name(option),
                    getPeer());
            return;
        }
        if (wrappedProtocol() instanceof TelnetProtocol telnet) {
            telnet.subnegotiationReceived(option, sub.parameters());
        }
    }

    private void apply(NegotiationStep step) {
        if (step.peerViolation() != null) {
            log.info("telnet peer broke RFC 1143 on {} {}: {}, peer={}", step.side(), TelnetOption.name(step.option()),
                    step.peerViolation(), getPeer());
        }
        if (step.send() != null) {
            transport().write(step.wire());
        }
        if (step.change() != null) {
            changed(step.side(), step.option(), step.change());
        }
        settle(step.side(), step.option());
    }

    private void changed(OptionSide side, int option, OptionChange change) {
        resolvePending(side, option, change);
        if (!(wrappedProtocol() instanceof TelnetProtocol telnet)) {
            return;
        }
        if (change == OptionChange.ENABLED) {
            telnet.optionEnabled(side, option);
        } else if (change == OptionChange.DISABLED) {
            telnet.optionDisabled(side, option);
        }
    }

    /** ENABLED answers enable requests, DISABLED disable requests, REFUSED fails enable requests. */
    private void resolvePending(OptionSide side, int option, OptionChange change) {
        Iterator<PendingRequest> it = pending.iterator();
        List<PendingRequest> done = new ArrayList<>();
        while (it.hasNext()) {
            PendingRequest request = it.next();
            if (request.matches(side, option) && request.answeredBy(change)) {
                it.remove();
                done.add(request);
            }
        }
        for (PendingRequest request : done) {
            request.fire(change != OptionChange.REFUSED);
        }
    }

    /** Once an option settles (NO or YES), every request still waiting on it is answered. */
    private void settle(OptionSide side, int option) {
        QState now = negotiator.state(side, option);
        if (!now.isSettled()) {
            return;
        }
        List<PendingRequest> done = new ArrayList<>();
        pending.removeIf(request -> request.matches(side, option) && done.add(request));
        for (PendingRequest request : done) {
            request.fire(request.enable == (now == QState.YES));
        }
    }

    private boolean accept(OptionSide side, int option) {
        if (!(wrappedProtocol() instanceof TelnetProtocol telnet)) {
            return false;
        }
        return side == OptionSide.LOCAL ? telnet.acceptLocal(option) : telnet.acceptRemote(option);
    }

    /** Offers to perform {@code option} (WILL); fires when the peer agrees, fails with {@link OptionRefused}. */
    public Deferred<Void> enableLocal(int option) {
        return request(OptionSide.LOCAL, option, true);
    }

    /** Asks the peer to perform {@code option} (DO); fires when it agrees, fails with {@link OptionRefused}. */
    public Deferred<Void> enableRemote(int option) {
        return request(OptionSide.REMOTE, option, true);
    }

    /** Stops performing {@code option} (WONT); fires when the peer acknowledges. */
    public Deferred<Void> disableLocal(int option) {
        return request(OptionSide.LOCAL, option, false);
    }

    /** Asks the peer to stop performing {@code option} (DONT); fires when it acknowledges. */
    public Deferred<Void> disableRemote(int option) {
        return request(OptionSide.REMOTE, option, false);
    }

    private Deferred<Void> request(OptionSide side, int option, boolean enable) {
        if (state != TelnetState.OPEN) {
            return Deferred.fail(new ConnectionDone("telnet session is " + state));
        }
        NegotiationStep step = enable ? negotiator.requestEnable(side, option)
                : negotiator.requestDisable(side, option);
        if (step.error() != null) {
            return Deferred.fail(new OptionRequestError(step.error(), side + " " + TelnetOption.name(option)));
        }
        PendingRequest request = new PendingRequest(side, option, enable, new Deferred<>());
        pending.add(request);
        if (step.send() != null) {
            transport().write(step.wire());
        }
        return request.result;
    }

    /** Sends IAC SB option parameters IAC SE (RFC 855). */
    public void writeSubnegotiation(int option, byte[] parameters) {
        transport().write(TelnetEncoder.subnegotiation(option, parameters));
    }

    /** Sends IAC command (GA, NOP, AYT, ...). */
    public void writeCommand(int command) {
        transport().write(TelnetEncoder.command(command));
    }

    private void fail(String reason) {
        if (state != TelnetState.OPEN) {
            return;
        }
        state = state.failed();
        log.warn("telnet session closed: {}, peer={}", reason, getPeer());
        transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        state = state.closed();
        if (decoder.pendingSubnegotiationBytes() > 0) {
            log.info("telnet connection lost inside a subnegotiation ({} bytes discarded), peer={}",
                    decoder.pendingSubnegotiationBytes(), getPeer());
        }
        List<PendingRequest> orphans = new ArrayList<>(pending);
        pending.clear();
        for (PendingRequest request : orphans) {
            request.result.errback(new ConnectionDone("connection lost before " + TelnetCommand.name(
                    request.enable ? request.side.enableVerb().code() : request.side.disableVerb().code())
                    + " " + TelnetOption.name(request.option) + " was answered"));
        }
        wrappedProtocol().notifyConnectionLost(reason);
    }

    /** Writes application data, IAC doubled (RFC 854). */
    @Override
    public void write(byte[] data) {
        if (state == TelnetState.OPEN) {
            transport().write(TelnetEncoder.escape(data));
        }
    }

    @Override
    public void loseConnection() {
        transport().loseConnection();
    }

    @Override
    public void abortConnection() {
        transport().abortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return transport().isDisconnecting();
    }

    @Override
    public Address getPeer() {
        return transport() == null ? null : transport().getPeer();
    }

    /** One application request waiting for the peer's answer. */
    private static final class PendingRequest {
        final OptionSide side;
        final int option;
        final boolean enable;
        final Deferred<Void> result;

        PendingRequest(OptionSide side, int option, boolean enable, Deferred<Void> result) {
            this.side = side;
            this.option = option;
            this.enable = enable;
            this.result = result;
        }

        boolean matches(OptionSide otherSide, int otherOption) {
            return side == otherSide && option == otherOption;
        }

        boolean answeredBy(OptionChange change) {
            return enable ? change != OptionChange.DISABLED : change == OptionChange.DISABLED;
        }

        void fire(boolean agreed) {
            if (agreed) {
                result.callback(null);
            } else {
                result.errback(new OptionRefused(side, option));
            }
        }
    }
}
