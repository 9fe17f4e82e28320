package dev.torsion.telnet.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.telnet.TelnetProtocol;
import dev.torsion.telnet.codec.OptionSide;
import dev.torsion.telnet.codec.TelnetOption;
import dev.torsion.telnet.options.Naws;
import dev.torsion.telnet.options.NewEnviron;
import dev.torsion.telnet.options.TerminalType;
import dev.torsion.telnet.options.WindowSize;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Telnet client session with an expect-like Deferred API: {@link #expect} fires when the
 * server's output contains a text, {@link #sendLine} types a line. It agrees to the server's ECHO
 * and SUPPRESS-GO-AHEAD, performs NAWS, TERMINAL-TYPE and NEW-ENVIRON when it has something to
 * say, and refuses the rest (LINEMODE included: it edits nothing locally).
 */
public class TelnetClientProtocol extends TelnetProtocol {
    private final TelnetClientOptions options;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<Expectation> expectations = new ArrayList<>();
    private final Deferred<Void> closed = new Deferred<>();
    private WindowSize windowSize;
    private int consumed;

    /** A client that answers with {@code options}. */
    public TelnetClientProtocol(TelnetClientOptions options) {
        this.options = options;
        this.windowSize = options.windowSize();
    }

    /** Fires (with the output up to and including {@code text}) once the server has sent it. */
    public Deferred<String> expect(String text) {
        Expectation expectation = new Expectation(text, new Deferred<>());
        expectations.add(expectation);
        check();
        return expectation.result;
    }

    /** Fires when the connection ends. */
    public Deferred<Void> whenClosed() {
        return closed;
    }

    /** All the server's output so far, as UTF-8. */
    public String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** Types {@code line} and the NVT end of line, CR LF (RFC 854). */
    public void sendLine(String line) {
        transport().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw application bytes (IAC doubled by the transport). */
    public void send(byte[] bytes) {
        transport().write(bytes);
    }

    /** Changes the window size and, when NAWS is on, tells the server (RFC 1073 section 2). */
    public void setWindowSize(WindowSize size) {
        windowSize = size;
        if (telnet().isLocalEnabled(TelnetOption.NAWS)) {
            telnet().writeSubnegotiation(TelnetOption.NAWS, Naws.encode(size));
        }
    }

    @Override
    public boolean acceptLocal(int option) {
        return switch (option) {
            case TelnetOption.NAWS -> windowSize != null;
            case TelnetOption.TERMINAL_TYPE -> options.terminalType() != null;
            case TelnetOption.NEW_ENVIRON -> !options.environment().isEmpty();
            default -> false;
        };
    }

    @Override
    public boolean acceptRemote(int option) {
        return option == TelnetOption.ECHO || option == TelnetOption.SUPPRESS_GO_AHEAD;
    }

    /** RFC 1073 section 2: the client sends its size as soon as NAWS is agreed. */
    @Override
    public void optionEnabled(OptionSide side, int option) {
        if (side == OptionSide.LOCAL && option == TelnetOption.NAWS) {
            telnet().writeSubnegotiation(TelnetOption.NAWS, Naws.encode(windowSize));
        }
    }

    /** RFC 1091 and RFC 1572: SEND is answered by IS. */
    @Override
    public void subnegotiationReceived(int option, byte[] parameters) {
        if (option == TelnetOption.TERMINAL_TYPE && TerminalType.isSend(parameters)
                && telnet().isLocalEnabled(option)) {
            telnet().writeSubnegotiation(option, TerminalType.is(options.terminalType()));
        } else if (option == TelnetOption.NEW_ENVIRON && NewEnviron.isSend(parameters)
                && telnet().isLocalEnabled(option)) {
            telnet().writeSubnegotiation(option, NewEnviron.encode(false, options.environment()));
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        output.writeBytes(data);
        check();
    }

    private void check() {
        String text = output();
        List<Expectation> met = new ArrayList<>();
        expectations.removeIf(expectation -> {
            int at = text.indexOf(expectation.text, consumed);
            if (at < 0) {
                return false;
            }
            consumed = at + expectation.text.length();
            met.add(expectation.withOutput(text.substring(0, consumed)));
            return true;
        });
        for (Expectation expectation : met) {
            expectation.result.callback(expectation.output);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        List<Expectation> waiting = new ArrayList<>(expectations);
        expectations.clear();
        for (Expectation expectation : waiting) {
            expectation.result.errback(new ConnectionDone("connection closed before \"" + expectation.text
                    + "\"; output was: " + output()));
        }
        closed.callback(null);
    }

    /** A text awaited in the output. */
    private record Expectation(String text, Deferred<String> result, String output) {
        Expectation(String text, Deferred<String> result) {
            this(text, result, null);
        }

        Expectation withOutput(String seen) {
            return new Expectation(text, result, seen);
        }
    }
}
