/**
 * The runner's logging: where log lines go ({@code --logfile} or standard output), their format, and
 * rotation, set up once before any service starts.
 */
package dev.torsion.app.logging;
