package dev.torsion.ssh.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSSH's {@code known_hosts} (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): plain host patterns
 * ({@code host}, {@code [host]:port}, comma lists, {@code *}/{@code ?} wildcards, {@code !}
 * negation) and hashed entries ({@code |1|salt|HMAC-SHA1(salt, host)}). {@code @revoked} lines
 * refuse their key; {@code @cert-authority} lines are skipped (certificates are not supported yet).
 */
public final class KnownHosts implements HostKeyVerifier {
    private static final Logger log = LoggerFactory.getLogger(KnownHosts.class);

    private record Entry(String marker, String hosts, byte[] blob) {
    }

    private final List<Entry> entries;

    private KnownHosts(List<Entry> entries) {
        this.entries = entries;
    }

    /** Reads a known_hosts file (a missing one knows no host). */
    public static KnownHosts read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return parse(List.of());
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Parses known_hosts lines; malformed lines are skipped with a log line. */
    public static KnownHosts parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String marker = "";
            int first = 0;
            if (fields[0].startsWith("@")) {
                marker = fields[0];
                first = 1;
            }
            if (fields.length < first + 3) {
                log.warn("known_hosts line {}: too few fields", number);
                continue;
            }
            try {
                entries.add(new Entry(marker, fields[first], Base64.getDecoder().decode(fields[first + 2])));
            } catch (IllegalArgumentException e) {
                log.warn("known_hosts line {}: bad base64", number);
            }
        }
        return new KnownHosts(entries);
    }

    @Override
    public boolean verify(String host, int port, byte[] keyBlob) {
        String name = port == 22 ? host : "[" + host + "]:" + port;
        boolean known = false;
        for (Entry entry : entries) {
            if (!matches(entry.hosts, name) || !MessageDigest.isEqual(entry.blob, keyBlob)) {
                continue;
            }
            if ("@revoked".equals(entry.marker)) {
                return false;
            }
            if (entry.marker.isEmpty()) {
                known = true;
            }
        }
        return known;
    }

    static boolean matches(String patterns, String name) {
        if (patterns.startsWith("|1|")) {
            return hashedMatches(patterns, name);
        }
        boolean matched = false;
        for (String pattern : patterns.split(",")) {
            boolean negated = pattern.startsWith("!");
            String body = negated ? pattern.substring(1) : pattern;
            if (wildcard(body.toLowerCase(), name.toLowerCase())) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    private static boolean hashedMatches(String entry, String name) {
        String[] parts = entry.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(expected, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    static boolean wildcard(String pattern, String text) {
        return wildcard(pattern, 0, text, 0);
    }

    private static boolean wildcard(String pattern, int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int i = t; i <= text.length(); i++) {
                    if (wildcard(pattern, p + 1, text, i)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }
}
