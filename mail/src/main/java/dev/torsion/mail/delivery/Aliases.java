package dev.torsion.mail.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An aliases file in the {@code /etc/aliases} format (aliases(5)): {@code name: target, target},
 * continued on lines that start with white space, {@code #} comments. Targets are local names or
 * addresses; pipes ({@code |command}), files ({@code /path}) and {@code :include:} are refused when
 * the file is read: this server never runs commands or writes files for mail.
 */
public final class Aliases {
    /** How deep aliases may refer to aliases. */
    public static final int MAX_DEPTH = 10;

    private final Map<String, List<String>> entries;

    private Aliases(Map<String, List<String>> entries) {
        this.entries = entries;
    }

    /** No aliases. */
    public static Aliases none() {
        return new Aliases(Map.of());
    }

    /** Reads {@code file}. */
    public static Aliases read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    /** Parses the text of an aliases file; {@code source} names it in errors. */
    public static Aliases parse(Reader text, String source) throws IOException {
        List<String> logical = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        BufferedReader lines = new BufferedReader(text);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (logical.isEmpty()) {
                    throw new IOException(source + ":" + number + ": continuation line without an alias");
                }
                logical.set(logical.size() - 1, logical.get(logical.size() - 1) + " " + line.strip());
            } else {
                logical.add(line);
                numbers.add(number);
            }
        }
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (int i = 0; i < logical.size(); i++) {
            parseEntry(logical.get(i), source + ":" + numbers.get(i), entries);
        }
        return new Aliases(entries);
    }

    private static void parseEntry(String entry, String where, Map<String, List<String>> entries) throws IOException {
        int colon = entry.indexOf(':');
        if (colon <= 0) {
            throw new IOException(where + ": expected \"name: target, ...\"");
        }
        String name = unquote(entry.substring(0, colon).strip()).toLowerCase(Locale.ROOT);
        List<String> targets = new ArrayList<>();
        for (String target : entry.substring(colon + 1).split(",")) {
            String t = unquote(target.strip());
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("|") || t.startsWith("/") || t.regionMatches(true, 0, ":include:", 0, 9)) {
                throw new IOException(where + ": pipes, files and :include: are not supported: " + t);
            }
            targets.add(t);
        }
        if (targets.isEmpty()) {
            throw new IOException(where + ": alias " + name + " has no target");
        }
        if (entries.put(name, List.copyOf(targets)) != null) {
            throw new IOException(where + ": alias " + name + " defined twice");
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** Whether {@code name} is an alias. */
    public boolean contains(String name) {
        return entries.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Expands {@code name} to final targets: local names that are not aliases, and addresses. An
     * alias that names itself ({@code root: root, admin}) delivers to the name itself, as sendmail
     * does; a loop or more than {@link #MAX_DEPTH} levels is an error.
     */
    public Set<String> expand(String name) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        expand(name.toLowerCase(Locale.ROOT), new LinkedHashSet<>(), out, 0);
        return out;
    }

    private void expand(String name, Set<String> path, Set<String> out, int depth) throws IOException {
        List<String> targets = entries.get(name);
        if (targets == null) {
            out.add(name);
            return;
        }
        if (depth > MAX_DEPTH || !path.add(name)) {
            throw new IOException("alias loop through " + path);
        }
        for (String target : targets) {
            String lower = target.toLowerCase(Locale.ROOT);
            if (lower.equals(name)) {
                out.add(name);
            } else if (target.contains("@")) {
                out.add(target);
            } else {
                expand(lower, path, out, depth + 1);
            }
        }
        path.remove(name);
    }
}
