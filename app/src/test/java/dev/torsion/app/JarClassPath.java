package dev.torsion.app;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The runner's class path as jars only, copied into one directory that every user can read: what
 * the launcher's distribution looks like. Needed where the process loses access to the original
 * paths ({@code --chroot}) or runs as another user.
 */
final class JarClassPath {
    private JarClassPath() {
    }

    /** Copies (or jars, for class directories) every entry into {@code directory}; returns the new class path. */
    static String create(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : TorsionProcess.classPath().split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path target = directory.resolve(String.format("%03d-%s", index++, jarName(source)));
            if (Files.isDirectory(source)) {
                jar(source, target);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            entries.add(target.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String jarName(Path source) {
        String name = source.getFileName().toString();
        if (Files.isDirectory(source)) {
            // target/classes: name it after its module.
            return source.getParent().getParent().getFileName() + ".jar";
        }
        return name;
    }

    private static void jar(Path classes, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target);
                JarOutputStream jar = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    jar.putNextEntry(new JarEntry(name + "/"));
                } else {
                    jar.putNextEntry(new JarEntry(name));
                    Files.copy(file, jar);
                }
                jar.closeEntry();
            }
        }
    }
}
