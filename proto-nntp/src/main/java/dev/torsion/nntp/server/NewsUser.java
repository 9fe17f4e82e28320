package dev.torsion.nntp.server;

/**
 * The avatar a cred realm gives an NNTP login (RFC 4643): what the user may do.
 */
public interface NewsUser {
    /** The user's name, for logs and the Path of what they post. */
    String name();

    /** Whether the user may POST (RFC 3977 §6.3.1: otherwise 440). */
    boolean mayPost();

    /** Whether the user may feed articles by IHAVE (RFC 3977 §6.3.2; otherwise 502). */
    boolean mayFeed();

    /** A user who may read, post and feed. */
    static NewsUser full(String name) {
        return new NewsUser() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean mayPost() {
                return true;
            }

            @Override
            public boolean mayFeed() {
                return true;
            }
        };
    }
}
