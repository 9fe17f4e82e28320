package dev.torsion.ssh.server;

import java.util.Map;

/**
 * What a logged-in SSH user is to the server: the avatar the cred {@code Realm} makes for
 * {@code SshAvatar.class}. It runs the user's commands.
 */
public interface SshAvatar {
    /** The user's name. */
    String username();

    /**
     * Starts {@code command} for an {@code exec} request (RFC 4254 section 6.5) on {@code channel}:
     * the command writes with {@link ExecChannel#write}, hears input through the returned
     * {@link ExecSession}, and ends with {@link ExecChannel#exit}.
     */
    ExecSession exec(String command, Map<String, String> environment, ExecChannel channel);

    /**
     * Starts the subsystem {@code name} (RFC 4254 section 6.5), {@code sftp} for instance, on
     * {@code channel}; null when this avatar has no such subsystem (the request then fails).
     */
    default ExecSession subsystem(String name, ExecChannel channel) {
        return null;
    }
}
