package dev.torsion.internet;

/** Events of a reactor's life that triggers can be added to. */
public enum SystemEvent {
    /** The reactor starts running. */
    STARTUP,
    /** The reactor stops. */
    SHUTDOWN
}
