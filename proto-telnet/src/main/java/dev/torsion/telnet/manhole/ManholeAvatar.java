package dev.torsion.telnet.manhole;

/** Who is logged in to the manhole: what the cred {@code Realm} gives for a manhole login. */
public interface ManholeAvatar {
    /** The user's name. */
    String username();
}
