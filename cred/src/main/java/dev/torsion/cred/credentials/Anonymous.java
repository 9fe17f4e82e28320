package dev.torsion.cred.credentials;

/** No credentials at all: the peer asks to be let in as nobody in particular. */
public final class Anonymous implements Credentials {
    /** The only instance. */
    public static final Anonymous INSTANCE = new Anonymous();

    private Anonymous() {
    }

    @Override
    public String toString() {
        return "Anonymous";
    }
}
