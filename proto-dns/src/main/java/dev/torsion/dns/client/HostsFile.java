package dev.torsion.dns.client;

import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Presentation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names and addresses of a hosts file ({@code /etc/hosts}, hosts(5)): an address, then its
 * canonical name and aliases; {@code #} starts a comment; lines that do not parse are skipped,
 * as the C library skips them.
 */
public final class HostsFile {
    private final Map<Name, List<byte[]>> entries;

    private HostsFile(Map<Name, List<byte[]>> entries) {
        this.entries = entries;
    }

    /** Parses hosts-file text. */
    public static HostsFile parse(String text) {
        Map<Name, List<byte[]>> entries = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            byte[] address = parseAddress(words[0]);
            if (address == null) {
                continue;
            }
            for (int i = 1; i < words.length; i++) {
                try {
                    entries.computeIfAbsent(Name.parse(words[i]), n -> new ArrayList<>()).add(address);
                } catch (IllegalArgumentException e) {
                    // Not a domain name: skipped as the C library skips it.
                }
            }
        }
        return new HostsFile(entries);
    }

    /** Reads and parses a file (blocking: call it off the reactor thread, or before the reactor runs). */
    public static HostsFile load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    private static byte[] parseAddress(String word) {
        String bare = word.contains("%") ? word.substring(0, word.indexOf('%')) : word;
        try {
            return Presentation.parseAddress(bare, bare.contains(":") ? 16 : 4);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the file lists {@code name} (case-insensitive). */
    public boolean contains(Name name) {
        return entries.containsKey(name);
    }

    /** The addresses of {@code name} in file order (4 or 16 octets each), empty when unlisted. */
    public List<byte[]> addresses(Name name) {
        return entries.getOrDefault(name, List.of());
    }

    /** Every name and its addresses. */
    public Map<Name, List<byte[]>> entries() {
        return Map.copyOf(entries);
    }
}
