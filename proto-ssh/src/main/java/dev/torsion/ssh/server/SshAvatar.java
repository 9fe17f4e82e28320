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

    /**
     * Starts the user's shell for a {@code shell} request (RFC 4254 section 6.5), under a
     * pseudo-terminal when {@code pty} is not null (section 6.2); null when shells are not offered.
     */
    default ExecSession shell(PtyRequest pty, Map<String, String> environment, ExecChannel channel) {
        return null;
    }

    /** Whether pty-req may be granted (false for an authorized_keys line with no-pty or restrict). */
    default boolean allowsPty() {
        return true;
    }

    /** Whether direct-tcpip and tcpip-forward may be served (false for no-port-forwarding or restrict). */
    default boolean allowsPortForwarding() {
        return true;
    }

    /** Whether a direct-tcpip channel may go to {@code host}:{@code port} (sshd's permitopen); any by default. */
    default boolean permitsOpen(String host, int port) {
        return true;
    }

    /** Whether a tcpip-forward may listen on {@code address}:{@code port} (sshd's permitlisten); any by default. */
    default boolean permitsListen(String address, int port) {
        return true;
    }
}
