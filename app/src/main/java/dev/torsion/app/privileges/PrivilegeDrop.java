package dev.torsion.app.privileges;

import com.sun.jna.LastErrorException;
import com.sun.jna.ptr.IntByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runner does to itself once its ports are open: {@code --umask}, {@code --chroot},
 * {@code --gid} and {@code --uid}, in that order (the root directory changes while the process
 * may still do it, the groups change while it may still change them). The user and group may be
 * names or numbers; a user without {@code --gid} takes the user's primary group and its
 * supplementary groups (read before the chroot), as twistd does; with {@code --gid} the group is
 * the only one.
 *
 * <p>{@link #check()} runs at start-up, before anything is bound, so that a user who is not root
 * hears at once that {@code --uid} needs root rather than after the server has half started.
 */
public final class PrivilegeDrop {
    private static final Logger log = LoggerFactory.getLogger(PrivilegeDrop.class);

    private final String user;
    private final String group;
    private final Integer umask;
    private final Path chroot;

    /** Any argument may be null: that step is skipped. {@code umask} is the mask's value (e.g. 022 octal). */
    public PrivilegeDrop(String user, String group, Integer umask, Path chroot) {
        this.user = user;
        this.group = group;
        this.umask = umask;
        this.chroot = chroot;
    }

    /** Whether any option was given. */
    public boolean isEmpty() {
        return user == null && group == null && umask == null && chroot == null;
    }

    /**
     * Checks, before anything starts, that the steps can be done: the user and group exist, the
     * chroot directory exists, and the process is root when it must change identity or root.
     * Throws {@link PrivilegeException} with a message for the user.
     */
    public void check() {
        if (isEmpty()) {
            return;
        }
        Identity target = target();
        if (chroot != null && !Files.isDirectory(chroot)) {
            throw new PrivilegeException("--chroot " + chroot + ": no such directory");
        }
        int euid = Libc.INSTANCE.geteuid();
        if (euid == 0) {
            return;
        }
        if (chroot != null) {
            throw new PrivilegeException("--chroot needs root, and torsion runs as uid " + euid);
        }
        if (target.uid != null && target.uid != euid) {
            throw new PrivilegeException("--uid " + user + " needs root, and torsion runs as uid " + euid);
        }
        if (target.gid != null && target.gid != Libc.INSTANCE.getegid()) {
            throw new PrivilegeException("--gid needs root, and torsion runs as uid " + euid);
        }
    }

    /** Does the steps, then verifies that the process really is who it should be. */
    public void apply() {
        if (isEmpty()) {
            return;
        }
        if (umask != null) {
            Libc.INSTANCE.umask(umask);
            log.info("umask set to {}", String.format("%04o", umask));
        }
        Identity target = target();
        try {
            if (chroot != null) {
                String root = chroot.toAbsolutePath().toString();
                Libc.INSTANCE.chroot(root);
                Libc.INSTANCE.chdir("/");
                log.info("changed root directory to {}", root);
            }
            // Not root: check() made sure the identity asked for is the current one.
            if (target.gid != null && Libc.INSTANCE.geteuid() == 0) {
                Libc.INSTANCE.setgroups(target.groups.length, target.groups);
                Libc.INSTANCE.setgid(target.gid);
            }
            if (target.uid != null && target.uid != Libc.INSTANCE.geteuid()) {
                Libc.INSTANCE.setuid(target.uid);
            }
        } catch (LastErrorException e) {
            throw new PrivilegeException("cannot change identity: " + e.getMessage(), e);
        }
        verify(target);
        if (target.uid != null || target.gid != null) {
            log.info("now running as uid {} gid {}", Libc.INSTANCE.geteuid(), Libc.INSTANCE.getegid());
        }
    }

    /**
     * Makes an existing file belong to the user the process is about to become, so that it can
     * still write it after {@link #apply()} (the profile written at exit, say). Does nothing
     * without {@code --uid}/{@code --gid} or when not root.
     */
    public void handOver(Path file) {
        if ((user == null && group == null) || Libc.INSTANCE.geteuid() != 0) {
            return;
        }
        Identity target = target();
        try {
            Libc.INSTANCE.chown(file.toAbsolutePath().toString(),
                    target.uid == null ? -1 : target.uid, target.gid == null ? -1 : target.gid);
        } catch (LastErrorException e) {
            throw new PrivilegeException("cannot give " + file + " to the new user: " + e.getMessage(), e);
        }
    }

    /** Guards against a libc that reported success without changing everything. */
    private static void verify(Identity target) {
        if (target.uid != null && (Libc.INSTANCE.getuid() != target.uid || Libc.INSTANCE.geteuid() != target.uid)) {
            throw new PrivilegeException("the uid did not change to " + target.uid);
        }
        if (target.gid != null && (Libc.INSTANCE.getgid() != target.gid || Libc.INSTANCE.getegid() != target.gid)) {
            throw new PrivilegeException("the gid did not change to " + target.gid);
        }
        if (target.uid != null && target.uid != 0) {
            try {
                Libc.INSTANCE.setuid(0);
            } catch (LastErrorException expected) {
                return;
            }
            throw new PrivilegeException("root could be regained after dropping privileges");
        }
    }

    /** Resolves names to numbers; the group defaults to the user's primary group. */
    private Identity target() {
        Integer uid = null;
        Integer gid = null;
        String userName = null;
        if (user != null) {
            Libc.Passwd entry = isNumber(user)
                    ? Libc.INSTANCE.getpwuid(Integer.parseInt(user))
                    : Libc.INSTANCE.getpwnam(user);
            if (entry == null) {
                if (!isNumber(user)) {
                    throw new PrivilegeException("--uid " + user + ": no such user");
                }
                uid = Integer.parseInt(user);
            } else {
                uid = entry.pw_uid;
                gid = entry.pw_gid;
                userName = entry.pw_name;
            }
        }
        if (group != null) {
            if (isNumber(group)) {
                gid = Integer.parseInt(group);
            } else {
                Libc.Group entry = Libc.INSTANCE.getgrnam(group);
                if (entry == null) {
                    throw new PrivilegeException("--gid " + group + ": no such group");
                }
                gid = entry.gr_gid;
            }
        }
        if (uid != null && gid == null) {
            // Switching uid while keeping root's groups would leave the process with root's group rights.
            throw new PrivilegeException("--uid " + user + " names no user in the passwd database: give --gid too");
        }
        // The group database is read now, while it is reachable: after --chroot it may not be.
        int[] groups = userName != null && group == null ? groupsOf(userName, gid) : gid == null ? null : new int[] {gid};
        return new Identity(uid, gid, groups);
    }

    /** The user's supplementary groups, with its primary group, as initgroups would set them. */
    private static int[] groupsOf(String userName, int gid) {
        IntByReference count = new IntByReference(32);
        int[] groups = new int[count.getValue()];
        if (Libc.INSTANCE.getgrouplist(userName, gid, groups, count) < 0) {
            groups = new int[count.getValue()];
            if (Libc.INSTANCE.getgrouplist(userName, gid, groups, count) < 0) {
                throw new PrivilegeException("cannot list the groups of user " + userName);
            }
        }
        return Arrays.copyOf(groups, count.getValue());
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() < 10;
    }

    /** The numbers to switch to: uid, primary gid and the full group list (null: unchanged). */
    private static final class Identity {
        final Integer uid;
        final Integer gid;
        final int[] groups;

        Identity(Integer uid, Integer gid, int[] groups) {
            this.uid = uid;
            this.gid = gid;
            this.groups = groups;
        }
    }

    /** Parses a umask given in octal, as {@code 022} or {@code 0o022}. */
    public static int parseUmask(String text) {
        Objects.requireNonNull(text, "text");
        String digits = text.startsWith("0o") ? text.substring(2) : text;
        try {
            int value = Integer.parseInt(digits, 8);
            if (value < 0 || value > 0777) {
                throw new NumberFormatException("out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--umask " + text + ": not an octal mask between 000 and 777");
        }
    }
}
