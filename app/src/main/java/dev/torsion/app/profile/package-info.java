/**
 * Profiling a run of the runner ({@code --profile}) with the JDK's Flight Recorder, whose recording
 * is written when the runner stops.
 */
package dev.torsion.app.profile;
