package dev.torsion.app;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option as people write it: {@code 15s}, {@code 500ms}, {@code 2m}, {@code 1h},
 * or a plain number of seconds ({@code 15}). Plugins use it with
 * {@code @Option(converter = DurationConverter.class)}; {@link #format} writes a duration back the same way.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** The duration {@code value} means; throws picocli's {@link TypeConversionException} when it means none. */
    public static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < text.length() && Character.isDigit(text.charAt(split))) {
            split++;
        }
        if (split == 0 || split > 12) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 15s, 500ms or 2m");
        }
        long amount = Long.parseLong(text.substring(0, split));
        return switch (text.substring(split)) {
            case "", "s" -> Duration.ofSeconds(amount);
            case "ms" -> Duration.ofMillis(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new TypeConversionException("'" + value + "' is not a duration such as 15s, 500ms or 2m");
        };
    }

    /** {@code duration} as {@link #parse} reads it: {@code 15s}, {@code 500ms}. */
    public static String format(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        return duration.toSeconds() + "s";
    }
}
