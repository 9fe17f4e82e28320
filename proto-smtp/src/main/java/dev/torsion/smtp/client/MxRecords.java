package dev.torsion.smtp.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Orders MX record data ({@code "10 mx1.example.org."}) as RFC 5321 §5.1 says. Pure. */
public final class MxRecords {
    private record Mx(int preference, String host) {
    }

    private MxRecords() {
    }

    /**
     * The hosts of {@code records}, lowest preference first (equal ones in the order given: callers
     * shuffle them to spread load), without trailing dots. Records that do not parse are skipped.
     * An empty list means the domain has no MX: then the domain itself is the host (§5.1). A single
     * null MX ({@code 0 .}, RFC 7505) means the domain takes no mail: an IllegalArgumentException.
     */
    public static List<String> order(String domain, List<String> records) {
        List<Mx> parsed = new ArrayList<>();
        for (String record : records) {
            String[] parts = record.trim().split("\\s+");
            if (parts.length != 2 || !parts[0].matches("[0-9]{1,5}")) {
                continue;
            }
            String host = parts[1].endsWith(".") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
            parsed.add(new Mx(Integer.parseInt(parts[0]), host.toLowerCase(Locale.ROOT)));
        }
        if (parsed.isEmpty()) {
            return List.of(domain);
        }
        if (parsed.size() == 1 && parsed.get(0).host().isEmpty()) {
            throw new IllegalArgumentException(domain + " publishes a null MX: it accepts no mail (RFC 7505)");
        }
        parsed.sort(Comparator.comparingInt(Mx::preference));
        return parsed.stream().map(Mx::host).filter(h -> !h.isEmpty()).toList();
    }
}
