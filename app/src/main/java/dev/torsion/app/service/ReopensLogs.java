package dev.torsion.app.service;

/**
 * A service that writes a log file of its own (an access log, say) and opens it afresh when asked:
 * the runner asks every such service of its tree on SIGUSR1, so that logrotate (or any rotator)
 * can move the file away and signal, losing no line, as with nginx.
 */
public interface ReopensLogs {
    /** Finishes writing to the file open now, then opens its path afresh. Called on the reactor thread. */
    void reopenLogs();
}
