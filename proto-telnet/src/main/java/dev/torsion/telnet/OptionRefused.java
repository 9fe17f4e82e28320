package dev.torsion.telnet;

import dev.torsion.telnet.codec.OptionSide;
import dev.torsion.telnet.codec.TelnetOption;

/** The peer refused to enable an option we asked for, or kept it on when we asked it off. */
public final class OptionRefused extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient OptionSide side;
    private final int option;

    /** A refusal of {@code option} on {@code side}. */
    public OptionRefused(OptionSide side, int option) {
        super(side + " " + TelnetOption.name(option) + " refused");
        this.side = side;
        this.option = option;
    }

    /** The side asked about. */
    public OptionSide side() {
        return side;
    }

    /** The option. */
    public int option() {
        return option;
    }
}
