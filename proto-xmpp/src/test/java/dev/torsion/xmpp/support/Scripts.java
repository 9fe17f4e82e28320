package dev.torsion.xmpp.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The Python scripts of the interop tests (test resources), written out where python3 can run them. */
public final class Scripts {
    private Scripts() {
    }

    /** Writes the script {@code name} of {@code dev/torsion/xmpp/interop/} into {@code directory}. */
    public static Path extract(String name, Path directory) throws IOException {
        Path script = directory.resolve(name);
        try (InputStream in = Scripts.class.getResourceAsStream("/dev/torsion/xmpp/interop/" + name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }
}
