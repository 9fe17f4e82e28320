package dev.torsion.nntp.parse;

/** An article refused by {@link ArticleParser}; its message says why, for the 441 or 437 reply. */
public final class ArticleException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A refusal for {@code reason}. */
    public ArticleException(String reason) {
        super(reason, null, false, false);
    }
}
