package dev.torsion.nntp.parse;

/** Input the codec refused, with the NNTP reply code and text it earns (RFC 3977 §3.2.1). */
public final class NntpSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;

    /** A refusal answered with {@code code text}. */
    public NntpSyntaxException(int code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    /** The reply code (501 for syntax, 500 for an unknown keyword, 441/437 for an article). */
    public int code() {
        return code;
    }

    /** The whole reply line, without CR LF. */
    public String reply() {
        return code + " " + getMessage();
    }
}
