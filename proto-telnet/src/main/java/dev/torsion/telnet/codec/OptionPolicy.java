package dev.torsion.telnet.codec;

/** Decides whether the peer's request to enable an option on one side is accepted. */
@FunctionalInterface
public interface OptionPolicy {
    /** Refuses everything. */
    OptionPolicy REFUSE_ALL = (side, option) -> false;

    /** Whether to agree to enable {@code option} on {@code side}. */
    boolean accept(OptionSide side, int option);
}
