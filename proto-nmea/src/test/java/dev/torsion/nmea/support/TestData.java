package dev.torsion.nmea.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared NMEA test data (gpsd's regression logs). */
public final class TestData {

    private TestData() {
    }

    /**
     * {@code torsion.testdata}/nmea, or, when that property points nowhere (a worktree one level
     * deeper than the main checkout), the first {@code shared/testdata/nmea} above the working
     * directory.
     */
    public static Path nmea() {
        String property = System.getProperty("torsion.testdata");
        if (property != null && Files.isDirectory(Path.of(property, "nmea"))) {
            return Path.of(property, "nmea");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/nmea");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no NMEA test data under " + property);
    }
}
