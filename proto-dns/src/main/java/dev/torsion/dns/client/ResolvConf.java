package dev.torsion.dns.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The name servers of a resolv.conf (resolv.conf(5)): {@code nameserver} lines in order; none
 * means the local server, 127.0.0.1, as the C library assumes.
 *
 * @param servers the servers, in order
 */
public record ResolvConf(List<NameServer> servers) {
    /** Parses resolv.conf text. */
    public static ResolvConf parse(String text) {
        List<NameServer> servers = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                servers.add(new NameServer(words[1].contains("%") ? words[1].substring(0, words[1].indexOf('%')) : words[1], 53));
            }
        }
        if (servers.isEmpty()) {
            servers.add(new NameServer("127.0.0.1", 53));
        }
        return new ResolvConf(List.copyOf(servers));
    }

    /** Reads a file (blocking: call it before the reactor runs or off its thread). */
    public static ResolvConf load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }
}
