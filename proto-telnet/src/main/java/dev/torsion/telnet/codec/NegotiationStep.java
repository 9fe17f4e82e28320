package dev.torsion.telnet.codec;

/**
 * The outcome of one negotiation input.
 *
 * @param side the side of the option concerned
 * @param option the option
 * @param send what to send the peer, or null
 * @param change what changed for the application, or null
 * @param error the request error (local requests only), or null
 * @param peerViolation a description of the peer's protocol violation (RFC 1143 "error"), or null
 */
public record NegotiationStep(OptionSide side, int option, NegotiationVerb send, OptionChange change,
        RequestError error, String peerViolation) {

    static NegotiationStep nothing(OptionSide side, int option) {
        return new NegotiationStep(side, option, null, null, null, null);
    }

    static NegotiationStep of(OptionSide side, int option, NegotiationVerb send, OptionChange change) {
        return new NegotiationStep(side, option, send, change, null, null);
    }

    static NegotiationStep failed(OptionSide side, int option, RequestError error) {
        return new NegotiationStep(side, option, null, null, error, null);
    }

    NegotiationStep withViolation(String violation) {
        return new NegotiationStep(side, option, send, change, error, violation);
    }

    /** The bytes to send, or an empty array. */
    public byte[] wire() {
        return send == null ? new byte[0] : TelnetEncoder.negotiation(send, option);
    }
}
