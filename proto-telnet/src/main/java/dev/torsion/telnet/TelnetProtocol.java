package dev.torsion.telnet;

import dev.torsion.internet.Protocol;
import dev.torsion.telnet.codec.OptionSide;

/**
 * An application protocol stacked on a {@link TelnetTransport}, as Twisted's {@code
 * TelnetProtocol}: {@link #dataReceived} sees plain bytes (commands and negotiation removed), and
 * these methods decide and hear about options. By default every option is refused.
 */
public class TelnetProtocol extends Protocol {

    /** The Telnet transport this protocol runs on. */
    public TelnetTransport telnet() {
        return (TelnetTransport) transport();
    }

    /** Whether to agree when the peer asks us to perform {@code option} (its DO). */
    public boolean acceptLocal(int option) {
        return false;
    }

    /** Whether to agree when the peer offers to perform {@code option} (its WILL). */
    public boolean acceptRemote(int option) {
        return false;
    }

    /** {@code option} is now on for {@code side}. */
    public void optionEnabled(OptionSide side, int option) {
    }

    /** {@code option} is now off for {@code side}. */
    public void optionDisabled(OptionSide side, int option) {
    }

    /** A command other than negotiation arrived (NOP, AYT, IP, BRK, GA, DM, EOR, ...). */
    public void commandReceived(int command) {
    }

    /** A subnegotiation arrived for an option that is on for one side (RFC 855). */
    public void subnegotiationReceived(int option, byte[] parameters) {
    }
}
