/**
 * {@code torsion web}: the runner plugin that serves a folder over HTTP as {@code twistd web --path}
 * does ({@link dev.torsion.plugin.web.WebOptions} its options, {@link dev.torsion.plugin.web.StartChecks}
 * the one-line start-up failures, {@link dev.torsion.plugin.web.ClosingService} the access log and
 * the listeners it closes).
 */
package dev.torsion.plugin.web;
