package dev.torsion.mail.delivery;

import dev.torsion.mail.maildir.Maildir;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A domain this server receives mail for: each user's Maildir is a directory of {@link #root()}
 * named after the local part in lower case ({@code alice@example.org} to
 * {@code /var/mail/example.org/alice/}). A user exists when listed in {@code users} or when the
 * directory is there; with a catch-all user, mail for anyone else goes to that user.
 *
 * @param name the domain, lower case
 * @param root the directory holding the users' Maildirs
 * @param users users known up front (their Maildirs are made on first delivery)
 * @param catchAll the user who gets mail for unknown local parts, or null
 */
public record MailDomain(String name, Path root, Set<String> users, String catchAll) {
    private static final Pattern SAFE_LOCAL = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,63}");

    /** Normalises the name and users and checks that they are safe directory names. */
    public MailDomain {
        name = name.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(root, "root");
        users = Set.copyOf(users.stream().map(u -> u.toLowerCase(Locale.ROOT)).toList());
        for (String user : users) {
            if (!isSafeLocalPart(user)) {
                throw new IllegalArgumentException("user name not usable as a Maildir: " + user);
            }
        }
        if (catchAll != null && !isSafeLocalPart(catchAll.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("catch-all user not usable as a Maildir: " + catchAll);
        }
    }

    /** Whether {@code local} can name a Maildir: no dots first, no slashes, no {@code ..}. */
    public static boolean isSafeLocalPart(String local) {
        return SAFE_LOCAL.matcher(local).matches() && !local.contains("..");
    }

    /** The Maildir of {@code user} (a safe, lower-case local part). */
    public Maildir maildirOf(String user) {
        return new Maildir(root.resolve(user.toLowerCase(Locale.ROOT)));
    }
}
