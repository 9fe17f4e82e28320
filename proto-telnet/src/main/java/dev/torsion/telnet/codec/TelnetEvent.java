package dev.torsion.telnet.codec;

import java.util.Arrays;

/** What the decoder found on the wire: data, a command, an option command or a subnegotiation. */
public sealed interface TelnetEvent {
    /** Application data, with IAC IAC and the CR rules of the NVT undone. */
    record Data(byte[] bytes) implements TelnetEvent {
        @Override
        public boolean equals(Object other) {
            return other instanceof Data data && Arrays.equals(bytes, data.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Data(" + Arrays.toString(bytes) + ")";
        }
    }

    /** A command other than an option command or SB (NOP, AYT, IP, GA, DM, ...). */
    record Command(int code) implements TelnetEvent {
        @Override
        public String toString() {
            return "Command(" + TelnetCommand.name(code) + ")";
        }
    }

    /** WILL, WONT, DO or DONT with its option. */
    record Negotiation(NegotiationVerb verb, int option) implements TelnetEvent {
        @Override
        public String toString() {
            return verb + " " + TelnetOption.name(option);
        }
    }

    /** IAC SB option parameters IAC SE (RFC 855), parameters unescaped. */
    record Subnegotiation(int option, byte[] parameters) implements TelnetEvent {
        @Override
        public boolean equals(Object other) {
            return other instanceof Subnegotiation sub && sub.option == option
                    && Arrays.equals(parameters, sub.parameters);
        }

        @Override
        public int hashCode() {
            return 31 * option + Arrays.hashCode(parameters);
        }

        @Override
        public String toString() {
            return "SB " + TelnetOption.name(option) + " " + Arrays.toString(parameters);
        }
    }
}
