/**
 * The plugins built into the runner ({@code torsion echo}, {@code torsion portforward}); they are
 * examples of the {@link dev.torsion.app.RunnerPlugin} SPI that other modules' plugins implement.
 */
package dev.torsion.app.plugin;
