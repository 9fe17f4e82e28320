package dev.torsion.app;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a size option as people write it: {@code 10MB}, {@code 512KB}, {@code 1GB} (powers of
 * 1024) or a plain number of bytes. Plugins use it with {@code @Option(converter = SizeConverter.class)}.
 *
 * <p>The syntax is logback's {@code FileSize} (which this class used to call): digits, optional
 * blanks, an optional unit in any case, an optional plural {@code s}. FileSize multiplies without
 * an overflow check, so {@code 17179869184GB} came back as 0 and {@code 9007199254740992KB} as a
 * negative size; here a size that does not fit a long is refused, naming the value.
 */
public final class SizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(|kb|mb|gb)s?", Pattern.CASE_INSENSITIVE);

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** The number of bytes {@code value} means; throws picocli's {@link TypeConversionException} when it means none. */
    public static long parse(String value) {
        Matcher matcher = SIZE.matcher(value.trim());
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size such as 512KB, 10MB or 1GB");
        }
        long unit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "kb" -> 1L << 10;
            case "mb" -> 1L << 20;
            case "gb" -> 1L << 30;
            default -> 1;
        };
        try {
            // The pattern lets only digits through, so parseLong fails only on a number past Long.MAX_VALUE.
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is too large: a size is at most "
                    + Long.MAX_VALUE + " bytes (8589934591GB)");
        }
    }
}
