package dev.torsion.netty.endpoints;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parsed positional and keyword arguments of one endpoint description, with checked getters
 * that fail with a clear {@link IllegalArgumentException} naming the endpoint kind.
 */
final class EndpointArguments {
    private final String kind;
    private final List<String> positional;
    private final Map<String, String> keywords;

    EndpointArguments(String kind, List<String> positional, Map<String, String> keywords, Set<String> known) {
        this.kind = kind;
        this.positional = positional;
        this.keywords = keywords;
        for (String key : keywords.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(kind + " endpoint: unknown parameter '" + key + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A keyword value, or the positional one at {@code index}, or null. */
    String get(String key, int index) {
        String value = keywords.get(key);
        if (value == null && index >= 0 && index < positional.size()) {
            value = positional.get(index);
        }
        return value;
    }

    String get(String key) {
        return get(key, -1);
    }

    String require(String key, int index) {
        String value = get(key, index);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(kind + " endpoint: '" + key + "' is required");
        }
        return value;
    }

    int integer(String key, int index, int fallback, int min, int max) {
        String value = get(key, index);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw new IllegalArgumentException(kind + " endpoint: " + key + "=" + value + " is out of range "
                        + min + ".." + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + " endpoint: " + key + "=" + value + " is not a number", e);
        }
    }

    Path path(String key) {
        String value = get(key);
        return value == null || value.isEmpty() ? null : Path.of(value);
    }

    Duration seconds(String key, Duration fallback) {
        String value = get(key);
        if (value == null) {
            return fallback;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (!(seconds > 0) || seconds > 86_400) {
                throw new IllegalArgumentException(kind + " endpoint: " + key + "=" + value + " must be 0..86400 s");
            }
            return Duration.ofNanos((long) (seconds * 1e9));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + " endpoint: " + key + "=" + value + " is not a number", e);
        }
    }

    boolean flag(String key, boolean fallback) {
        String value = get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "1", "on" -> true;
            case "no", "false", "0", "off" -> false;
            default -> throw new IllegalArgumentException(kind + " endpoint: " + key + "=" + value
                    + " must be yes or no");
        };
    }
}
