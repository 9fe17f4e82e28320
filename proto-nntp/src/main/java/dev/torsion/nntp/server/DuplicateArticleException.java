package dev.torsion.nntp.server;

/** A store refused an article whose message-id it already has (IHAVE answers 437, POST 441). */
public final class DuplicateArticleException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The article {@code messageId} is already here. */
    public DuplicateArticleException(String messageId) {
        super("Duplicate article " + messageId, null, false, false);
    }
}
