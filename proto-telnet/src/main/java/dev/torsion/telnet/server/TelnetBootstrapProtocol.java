package dev.torsion.telnet.server;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.TelnetProtocol;
import dev.torsion.telnet.codec.OptionSide;
import dev.torsion.telnet.codec.TelnetCommand;
import dev.torsion.telnet.codec.TelnetOption;
import dev.torsion.telnet.options.Linemode;
import dev.torsion.telnet.options.Naws;
import dev.torsion.telnet.options.NewEnviron;
import dev.torsion.telnet.options.TerminalType;
import dev.torsion.telnet.options.WindowSize;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A terminal server's Telnet negotiation, as Twisted's {@code TelnetBootstrapProtocol}: on connect
 * it offers WILL ECHO and WILL SUPPRESS-GO-AHEAD (so the client sends each key as typed and the
 * server echoes, the "character at a time" mode of RFC 858 with RFC 857), asks DO SUPPRESS-GO-AHEAD,
 * DO NAWS, DO TERMINAL-TYPE and DO NEW-ENVIRON, and, when given a LINEMODE mask, DO LINEMODE with
 * that MODE (RFC 1184). The wrapped protocol sees plain bytes; if it is {@link TerminalAware} it
 * hears the window size, terminal type and environment.
 *
 * <p>Under LINEMODE with TRAPSIG the client sends IAC IP for interrupt (RFC 1184 section 2.2):
 * it reaches the wrapped protocol as Ctrl-C; IAC EC as DEL and IAC EL as Ctrl-U likewise. IAC AYT
 * is answered "[Yes]" (RFC 854).
 */
public final class TelnetBootstrapProtocol extends TelnetProtocol {
    private static final Logger log = LoggerFactory.getLogger(TelnetBootstrapProtocol.class);
    private static final int[] WANTED_REMOTE = {TelnetOption.SUPPRESS_GO_AHEAD, TelnetOption.NAWS,
        TelnetOption.TERMINAL_TYPE, TelnetOption.NEW_ENVIRON};

    /** RFC 854 "Are You There": some visible evidence that the system is still up. */
    private static final byte[] AYT_ANSWER = "\r\n[Yes]\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Protocol inner;
    private final TelnetLimits limits;
    private final OptionalInt linemodeMask;
    private WindowSize windowSize;
    private String terminalType;
    private Integer acknowledgedLinemode;

    /** Wraps {@code inner}; no LINEMODE (character at a time). */
    public TelnetBootstrapProtocol(Protocol inner, TelnetLimits limits) {
        this(inner, limits, OptionalInt.empty());
    }

    /** Wraps {@code inner}, asking for LINEMODE with {@code linemodeMask} when present. */
    public TelnetBootstrapProtocol(Protocol inner, TelnetLimits limits, OptionalInt linemodeMask) {
        this.inner = inner;
        this.limits = limits;
        this.linemodeMask = linemodeMask;
    }

    /** The client's window size, or null before NAWS. */
    public WindowSize windowSize() {
        return windowSize;
    }

    /** The client's terminal type, or null before TERMINAL-TYPE. */
    public String terminalType() {
        return terminalType;
    }

    /** The LINEMODE mask the client acknowledged (MODE_ACK, RFC 1184 section 2.2), or null. */
    public Integer acknowledgedLinemode() {
        return acknowledgedLinemode;
    }

    @Override
    public void connectionMade() {
        inner.makeConnection(telnet());
        telnet().enableLocal(TelnetOption.ECHO).addErrback(this::refused);
        telnet().enableLocal(TelnetOption.SUPPRESS_GO_AHEAD).addErrback(this::refused);
        for (int option : WANTED_REMOTE) {
            telnet().enableRemote(option).addErrback(this::refused);
        }
        if (linemodeMask.isPresent()) {
            telnet().enableRemote(TelnetOption.LINEMODE).addErrback(this::refused);
        }
    }

    /** A refusal (or a connection lost mid-negotiation) leaves the option off: nothing more to do. */
    private Void refused(Failure failure) {
        log.debug("telnet option not enabled: {}", failure.getErrorMessage());
        return null;
    }

    @Override
    public boolean acceptLocal(int option) {
        return option == TelnetOption.ECHO || option == TelnetOption.SUPPRESS_GO_AHEAD;
    }

    @Override
    public boolean acceptRemote(int option) {
        for (int wanted : WANTED_REMOTE) {
            if (wanted == option) {
                return true;
            }
        }
        return option == TelnetOption.LINEMODE && linemodeMask.isPresent();
    }

    /** RFC 1091 and RFC 1572: once the client agrees, ask it for its terminal type and environment. */
    @Override
    public void optionEnabled(OptionSide side, int option) {
        if (side != OptionSide.REMOTE) {
            return;
        }
        if (option == TelnetOption.TERMINAL_TYPE) {
            telnet().writeSubnegotiation(option, TerminalType.send());
        } else if (option == TelnetOption.NEW_ENVIRON) {
            telnet().writeSubnegotiation(option, NewEnviron.sendAll());
        } else if (option == TelnetOption.LINEMODE) {
            telnet().writeSubnegotiation(option, Linemode.mode(linemodeMask.getAsInt()));
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        inner.dataReceived(data);
    }

    @Override
    public void commandReceived(int command) {
        switch (command) {
            case TelnetCommand.IP -> inner.dataReceived(new byte[] {0x03});
            case TelnetCommand.EC -> inner.dataReceived(new byte[] {0x7F});
            case TelnetCommand.EL -> inner.dataReceived(new byte[] {0x15});
            case TelnetCommand.AYT -> telnet().write(AYT_ANSWER);
            default -> log.trace("telnet command {} ignored", TelnetCommand.name(command));
        }
    }

    @Override
    public void subnegotiationReceived(int option, byte[] parameters) {
        switch (option) {
            case TelnetOption.NAWS -> nawsReceived(parameters);
            case TelnetOption.TERMINAL_TYPE -> terminalTypeReceived(parameters);
            case TelnetOption.NEW_ENVIRON -> environmentReceived(parameters);
            case TelnetOption.LINEMODE -> linemodeReceived(parameters);
            default -> log.debug("subnegotiation of {} ignored", TelnetOption.name(option));
        }
    }

    /** RFC 1073: exactly two 16-bit values; a size past the limit is ignored and logged. */
    private void nawsReceived(byte[] parameters) {
        WindowSize size = Naws.decode(parameters).orElse(null);
        if (size == null || size.width() > limits.maxWindowDimension()
                || size.height() > limits.maxWindowDimension()) {
            log.info("malformed or oversized NAWS ignored ({} bytes), peer={}", parameters.length, telnet().getPeer());
            return;
        }
        windowSize = size;
        if (inner instanceof TerminalAware aware) {
            aware.windowSizeChanged(size);
        }
    }

    private void terminalTypeReceived(byte[] parameters) {
        String name = TerminalType.decodeIs(parameters, limits.maxTerminalType()).orElse(null);
        if (name == null) {
            log.info("malformed or oversized TERMINAL-TYPE ignored ({} bytes), peer={}", parameters.length,
                    telnet().getPeer());
            return;
        }
        terminalType = name;
        if (inner instanceof TerminalAware aware) {
            aware.terminalTypeReceived(name);
        }
    }

    private void environmentReceived(byte[] parameters) {
        NewEnviron.decode(parameters, limits.maxEnvironmentVariables()).ifPresentOrElse(variables -> {
            if (inner instanceof TerminalAware aware) {
                aware.environmentReceived(variables);
            }
        }, () -> log.info("malformed or oversized NEW-ENVIRON ignored ({} bytes), peer={}", parameters.length,
                telnet().getPeer()));
    }

    /** RFC 1184 section 2.2: the client acknowledges our MODE by echoing it with MODE_ACK. */
    private void linemodeReceived(byte[] parameters) {
        OptionalInt mode = Linemode.decodeMode(parameters);
        if (mode.isEmpty()) {
            log.debug("LINEMODE subnegotiation other than MODE ignored");
            return;
        }
        int mask = mode.getAsInt();
        if ((mask & Linemode.MODE_ACK) != 0) {
            acknowledgedLinemode = mask & ~Linemode.MODE_ACK;
        } else if (linemodeMask.isPresent() && mask != linemodeMask.getAsInt()) {
            // RFC 1184 2.2: a client proposing another mode is answered with our mode again.
            telnet().writeSubnegotiation(TelnetOption.LINEMODE, Linemode.mode(linemodeMask.getAsInt()));
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        inner.notifyConnectionLost(reason);
    }
}
