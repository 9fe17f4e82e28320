package dev.torsion.telnet.codec;

/** Whose side of an option: ours ("us" in RFC 1143) or the peer's ("him"). */
public enum OptionSide {
    /** We perform the option: the peer sends DO/DONT, we answer WILL/WONT. */
    LOCAL(NegotiationVerb.WILL, NegotiationVerb.WONT),
    /** The peer performs the option: it sends WILL/WONT, we answer DO/DONT. */
    REMOTE(NegotiationVerb.DO, NegotiationVerb.DONT);

    private final NegotiationVerb enable;
    private final NegotiationVerb disable;

    OptionSide(NegotiationVerb enable, NegotiationVerb disable) {
        this.enable = enable;
        this.disable = disable;
    }

    /** What we send to enable this side. */
    public NegotiationVerb enableVerb() {
        return enable;
    }

    /** What we send to disable this side. */
    public NegotiationVerb disableVerb() {
        return disable;
    }

    /** The side a received verb speaks about: WILL/WONT the peer's, DO/DONT ours. */
    public static OptionSide of(NegotiationVerb received) {
        return received == NegotiationVerb.WILL || received == NegotiationVerb.WONT ? REMOTE : LOCAL;
    }

    /** Whether a received verb asks for (or offers) enabling. */
    public static boolean isEnable(NegotiationVerb received) {
        return received == NegotiationVerb.WILL || received == NegotiationVerb.DO;
    }
}
