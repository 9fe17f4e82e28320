/**
 * Running as a daemon: detaching from the terminal, the PID file, and the signals that stop the
 * runner, as {@code twistd}'s UNIX application runner.
 */
package dev.torsion.app.daemon;
