package dev.torsion.dns.support;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.zone.Zone;
import dev.torsion.dns.zone.ZoneFileParser;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test zone of src/test/resources/zones. */
public final class TestZone {
    public static final Name ORIGIN = Name.parse("example.org.");

    private TestZone() {
    }

    /** The zone file's path. */
    public static Path file() {
        try {
            return Path.of(TestZone.class.getResource("/zones/example.org.zone").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The zone, loaded. */
    public static Zone load() throws Exception {
        return ZoneFileParser.load(file(), ORIGIN, DnsLimits.DEFAULTS);
    }
}
