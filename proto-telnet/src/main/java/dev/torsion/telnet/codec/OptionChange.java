package dev.torsion.telnet.codec;

/** What a negotiation step did to an option, as the application sees it. */
public enum OptionChange {
    /** The option is now on. */
    ENABLED,
    /** The option is now off. */
    DISABLED,
    /** Our request to enable was answered by a refusal. */
    REFUSED
}
