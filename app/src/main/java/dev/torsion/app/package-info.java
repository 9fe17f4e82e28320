/**
 * The runner {@code torsion}, as Twisted's {@code twistd}: its command line, the
 * {@link dev.torsion.app.RunnerPlugin} SPI through which each protocol's plugin module adds a
 * subcommand, and the worker that runs the chosen service on a reactor.
 */
package dev.torsion.app;
