package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Size options: the units, the largest size a long holds, and what is refused (with the option and the value). */
class SizeConverterTest {
    private static final String TOO_LARGE = "' is too large: a size is at most 9223372036854775807 bytes (8589934591GB)";
    private static final String NOT_A_SIZE = "' is not a size such as 512KB, 10MB or 1GB";

    /** A command with one size option, as plugins declare theirs. */
    @Command(name = "sized")
    static final class Sized {
        @Option(names = "--max-size", converter = SizeConverter.class)
        long maxSize;
    }

    private static String refusal(String value) {
        return assertThrows(TypeConversionException.class, () -> new SizeConverter().convert(value)).getMessage();
    }

    @Test
    void unitsArePowersOf1024InAnyCase() {
        assertEquals(300000L, SizeConverter.parse("300000"));
        assertEquals(512L * 1024, SizeConverter.parse("512KB"));
        assertEquals(10L * 1024 * 1024, SizeConverter.parse("10mb"));
        assertEquals(1L << 30, SizeConverter.parse("1Gb"));
        assertEquals(4096L, SizeConverter.parse("4kbs"), "logback's plural s, still taken");
        assertEquals(0L, SizeConverter.parse("0GB"));
    }

    @Test
    void blanksAroundAndBeforeTheUnitAreTaken() {
        assertEquals(4L << 20, SizeConverter.parse("4 MB"));
        assertEquals(4L << 20, SizeConverter.parse("4\tmb"));
        assertEquals(4L << 20, SizeConverter.parse("  4MB  "));
        assertEquals("'4 M B" + NOT_A_SIZE, refusal("4 M B"));
        assertEquals("'4 000" + NOT_A_SIZE, refusal("4 000"));
    }

    @Test
    void theLargestSizeThatFitsALongInEachUnit() {
        assertEquals(Long.MAX_VALUE, SizeConverter.parse("9223372036854775807"));
        assertEquals(9007199254740991L << 10, SizeConverter.parse("9007199254740991KB"));
        assertEquals(8796093022207L << 20, SizeConverter.parse("8796093022207MB"));
        assertEquals(8589934591L << 30, SizeConverter.parse("8589934591GB"));
        assertEquals(4096L, SizeConverter.parse("0000000000000000000000004KB"), "leading zeros are no overflow");
    }

    /** One past the largest in each unit: FileSize gave Long.MIN_VALUE for the units, and failed on the bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "9007199254740992KB", "8796093022208MB", "8589934592GB"})
    void onePastTheLargestIsTooLarge(String value) {
        assertEquals("'" + value + TOO_LARGE, refusal(value));
    }

    /** Wrapped sizes FileSize returned as positive or zero: the worst kind, since nothing downstream notices. */
    @ParameterizedTest
    @ValueSource(strings = {"17179869184GB", "17592186044416MB", "18014398509481984KB", "18014398509481985KB"})
    void sizesThatWrappedToZeroOrAPositiveNumberAreTooLarge(String value) {
        assertEquals("'" + value + TOO_LARGE, refusal(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "99999999999999999999KB", "99999999999999999999mb",
        "99999999999999999999 GB", "10000000000000000000"})
    void twentyDigitNumbersAreTooLargeInEveryUnit(String value) {
        assertEquals("'" + value + TOO_LARGE, refusal(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-1KB", "", "   ", "1TB", "4MiB", "4m", "KB", "big", "1.5MB", "+5", "0x10"})
    void whatIsNotASizeIsRefusedNamingTheValue(String value) {
        assertEquals("'" + value + NOT_A_SIZE, refusal(value));
    }

    @Test
    void picocliNamesTheOptionAndTheValue() {
        Sized sized = new Sized();
        CommandLine line = new CommandLine(sized);
        line.parseArgs("--max-size", "8589934591GB");
        assertEquals(8589934591L << 30, sized.maxSize);
        ParameterException tooLarge = assertThrows(ParameterException.class,
                () -> line.parseArgs("--max-size", "17179869184GB"));
        assertEquals("Invalid value for option '--max-size': '17179869184GB" + TOO_LARGE, tooLarge.getMessage());
        ParameterException negative = assertThrows(ParameterException.class, () -> line.parseArgs("--max-size=-1"));
        assertEquals("Invalid value for option '--max-size': '-1" + NOT_A_SIZE, negative.getMessage());
    }
}
