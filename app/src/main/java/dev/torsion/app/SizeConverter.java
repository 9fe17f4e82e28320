package dev.torsion.app;

import ch.qos.logback.core.util.FileSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a size option as people write it: {@code 10MB}, {@code 512KB}, {@code 1GB} (powers of
 * 1024) or a plain number of bytes. Plugins use it with {@code @Option(converter = SizeConverter.class)}.
 */
public final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return FileSize.valueOf(value.trim()).getSize();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a size such as 512KB, 10MB or 1GB");
        }
    }
}
