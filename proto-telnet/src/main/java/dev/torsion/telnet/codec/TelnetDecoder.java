package dev.torsion.telnet.codec;

import dev.torsion.telnet.codec.TelnetDecodeException.Reason;
import java.io.ByteArrayOutputStream;

/**
 * A pure push decoder of the Telnet byte stream: RFC 854 commands and option commands, the NVT's
 * CR rules, IAC IAC, and RFC 855 subnegotiation. Feed it bytes in any split; it emits the same
 * events. Data is coalesced within one {@link #decode} call.
 *
 * <p>CR handling follows RFC 854 ("The NVT Printer and Keyboard"): CR LF is the end of a line and
 * is delivered as LF; CR NUL is a bare CR and is delivered as CR; a CR followed by anything else
 * (which the RFC forbids) is delivered as CR and that byte, as Twisted does.
 */
public final class TelnetDecoder {
    private static final int CR = '\r';
    private static final int LF = '\n';
    private static final int NUL = 0;

    private final int maxSubnegotiation;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final ByteArrayOutputStream subnegotiation = new ByteArrayOutputStream();
    private DecoderState state = DecoderState.DATA;
    private NegotiationVerb verb;
    private int subnegotiationOption;
    private TelnetEventSink sink;

    /** A decoder that holds at most {@code maxSubnegotiation} bytes of one subnegotiation. */
    public TelnetDecoder(int maxSubnegotiation) {
        this.maxSubnegotiation = maxSubnegotiation;
    }

    /** Where the decoder is. */
    public DecoderState state() {
        return state;
    }

    /** Bytes of an unterminated subnegotiation held now (0 outside one). */
    public int pendingSubnegotiationBytes() {
        return subnegotiation.size();
    }

    /**
     * Decodes {@code bytes}, handing every event to {@code events}. Events before a broken limit
     * are delivered before the exception is thrown; after it the decoder is {@link
     * DecoderState#FAILED} and refuses more input.
     */
    public void decode(byte[] bytes, TelnetEventSink events) throws TelnetDecodeException {
        if (state == DecoderState.FAILED) {
            throw new TelnetDecodeException(Reason.ALREADY_FAILED, "decoder already failed");
        }
        sink = events;
        try {
            for (byte b : bytes) {
                step(b & 0xFF);
            }
        } finally {
            flushData();
            sink = null;
        }
    }

    private void step(int b) throws TelnetDecodeException {
        switch (state) {
            case DATA -> onData(b);
            case CARRIAGE_RETURN -> onCarriageReturn(b);
            case COMMAND -> onCommand(b);
            case OPTION -> onOption(b);
            case SUBNEGOTIATION_OPTION -> onSubnegotiationOption(b);
            case SUBNEGOTIATION -> onSubnegotiationByte(b);
            case SUBNEGOTIATION_COMMAND -> onSubnegotiationCommand(b);
            default -> throw new IllegalStateException("decoder failed");
        }
    }

    private void onData(int b) {
        if (b == TelnetCommand.IAC) {
            state = DecoderState.COMMAND;
        } else if (b == CR) {
            state = DecoderState.CARRIAGE_RETURN;
        } else {
            data.write(b);
        }
    }

    /** RFC 854: CR must be followed by LF (new line) or NUL (bare carriage return). */
    private void onCarriageReturn(int b) {
        state = DecoderState.DATA;
        if (b == LF) {
            data.write(LF);
        } else if (b == NUL) {
            data.write(CR);
        } else if (b == TelnetCommand.IAC) {
            data.write(CR);
            state = DecoderState.COMMAND;
        } else if (b == CR) {
            data.write(CR);
            state = DecoderState.CARRIAGE_RETURN;
        } else {
            data.write(CR);
            data.write(b);
        }
    }

    /** RFC 854: IAC IAC is a data byte 255; WILL/WONT/DO/DONT take an option; SB opens RFC 855. */
    private void onCommand(int b) {
        NegotiationVerb negotiation = NegotiationVerb.of(b);
        if (b == TelnetCommand.IAC) {
            data.write(b);
            state = DecoderState.DATA;
        } else if (negotiation != null) {
            verb = negotiation;
            state = DecoderState.OPTION;
        } else if (b == TelnetCommand.SB) {
            state = DecoderState.SUBNEGOTIATION_OPTION;
        } else {
            emit(new TelnetEvent.Command(b));
            state = DecoderState.DATA;
        }
    }

    private void onOption(int b) {
        emit(new TelnetEvent.Negotiation(verb, b));
        state = DecoderState.DATA;
    }

    private void onSubnegotiationOption(int b) {
        subnegotiationOption = b;
        subnegotiation.reset();
        state = DecoderState.SUBNEGOTIATION;
    }

    private void onSubnegotiationByte(int b) throws TelnetDecodeException {
        if (b == TelnetCommand.IAC) {
            state = DecoderState.SUBNEGOTIATION_COMMAND;
        } else {
            accumulate(b);
        }
    }

    /**
     * RFC 855: IAC SE ends the subnegotiation and IAC IAC is a parameter byte 255. Any other
     * command inside one is malformed; as BSD telnetd does, the parameters so far are taken as
     * the subnegotiation and the command is then processed as a command.
     */
    private void onSubnegotiationCommand(int b) throws TelnetDecodeException {
        if (b == TelnetCommand.IAC) {
            accumulate(b);
            state = DecoderState.SUBNEGOTIATION;
            return;
        }
        emitSubnegotiation();
        state = DecoderState.DATA;
        if (b != TelnetCommand.SE) {
            onCommand(b);
        }
    }

    private void accumulate(int b) throws TelnetDecodeException {
        if (subnegotiation.size() >= maxSubnegotiation) {
            state = DecoderState.FAILED;
            subnegotiation.reset();
            throw new TelnetDecodeException(Reason.SUBNEGOTIATION_TOO_LONG,
                    "subnegotiation of " + TelnetOption.name(subnegotiationOption) + " longer than "
                            + maxSubnegotiation + " bytes");
        }
        subnegotiation.write(b);
    }

    private void emitSubnegotiation() {
        byte[] parameters = subnegotiation.toByteArray();
        subnegotiation.reset();
        emit(new TelnetEvent.Subnegotiation(subnegotiationOption, parameters));
    }

    private void emit(TelnetEvent event) {
        flushData();
        sink.event(event);
    }

    private void flushData() {
        if (data.size() > 0 && sink != null) {
            byte[] bytes = data.toByteArray();
            data.reset();
            sink.event(new TelnetEvent.Data(bytes));
        }
    }
}
