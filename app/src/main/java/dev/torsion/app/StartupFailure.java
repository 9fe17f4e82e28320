package dev.torsion.app;

/**
 * Why a server cannot start, in one line that names the option at fault and the reason, as
 * {@code --path /srv/www: Permission denied} or {@code --listen tcp:80: Address already in use}.
 * The runner prints it on stderr as {@code torsion: PLUGIN: MESSAGE} and exits with status 1;
 * the stack trace goes to the log at DEBUG only. Plugins throw it from
 * {@link RunnerPlugin#makeService} for what the command line cannot tell (a missing file, a
 * directory the server may not read); a bad combination of options stays an
 * {@link IllegalArgumentException} (a usage error, status 2).
 */
public final class StartupFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code option} (with its value, e.g. {@code --path /srv/www}) cannot be used because of {@code reason}. */
    public StartupFailure(String option, String reason) {
        super(option + ": " + reason);
    }

    /** As {@link #StartupFailure(String, String)}, keeping the error that told the reason. */
    public StartupFailure(String option, String reason, Throwable cause) {
        super(option + ": " + reason, cause);
    }
}
