package dev.torsion.ssh.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The UNIX account a session's processes run as when the server runs as root, as sshd(8) switches
 * to the logged-in user: the child is started through util-linux {@code setpriv}, which sets the
 * real and effective user and group, the supplementary groups of the account, and drops every
 * capability before it executes the command. The environment starts afresh (HOME, USER, LOGNAME,
 * SHELL, a plain PATH) rather than from the server's, and what the client asked for (LANG, LC_*,
 * TERM) is set by {@code env(1)} after the switch, so that nothing the client chose reaches a
 * process that still runs as root.
 *
 * @param name the account name
 * @param uid its user id
 * @param gid its primary group id
 * @param home its home directory (the session's working directory when it exists)
 * @param shell its login shell, which runs every command as sshd runs it
 */
public record RunAs(String name, long uid, long gid, Path home, String shell) {
    /** util-linux's setpriv(1). */
    public static final String SETPRIV = "/usr/bin/setpriv";

    /** The PATH a session starts with, as OpenSSH's default for users. */
    static final String USER_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/games";

    /** coreutils' env(1), which sets the client's variables once the switch is done. */
    static final String ENV = "/usr/bin/env";

    /** The command line that runs {@code executable arguments} as this account, with {@code clientEnvironment} set. */
    List<String> command(String executable, List<String> arguments, Map<String, String> clientEnvironment) {
        List<String> command = new ArrayList<>(List.of(SETPRIV, "--reuid=" + uid, "--regid=" + gid, "--init-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--", ENV));
        clientEnvironment.forEach((name, value) -> command.add(name + "=" + value));
        command.add(executable);
        command.addAll(arguments);
        return command;
    }

    /** The environment a session of this account starts with, before what the client asked for. */
    Map<String, String> environment() {
        return Map.of("HOME", home.toString(), "USER", name, "LOGNAME", name, "SHELL", shell, "PATH", USER_PATH);
    }
}
