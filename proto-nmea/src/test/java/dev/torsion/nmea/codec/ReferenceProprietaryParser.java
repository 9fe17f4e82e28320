package dev.torsion.nmea.codec;

/**
 * The test oracle: {@code ProprietaryParser} as it was before the single-pass decoder (String
 * {@code split}, substrings and {@code Double.parseDouble}), kept unchanged so that property tests
 * can check the new codec accepts, types and refuses exactly as it did.
 *
 * <p>The original description:
 *
 * Decodes the proprietary sentences common enough to matter (NMEA 0183 section 5.3.3.3 leaves
 * their content to each manufacturer): Garmin's {@code $PGRMZ} altitude and u-blox's
 * {@code $PUBX,00} position. Every other one is passed through as
 * {@link NmeaMessage.ProprietarySentence}.
 */
final class ReferenceProprietaryParser {

    private static final double METRES_PER_FOOT = 0.3048;

    private ReferenceProprietaryParser() {
    }

    static NmeaMessage parse(Sentence s) throws FieldException {
        if ("GRMZ".equals(s.type())) {
            return pgrmz(s);
        }
        if ("UBX".equals(s.type()) && "00".equals(s.field(0))) {
            return pubxPosition(s);
        }
        return new NmeaMessage.ProprietarySentence(s);
    }

    /** {@code $PGRMZ,altitude,unit,dimension}: unit {@code f} feet or {@code m} metres. */
    private static NmeaMessage pgrmz(Sentence s) throws FieldException {
        Double altitude = ReferenceFields.decimal(s.field(0), -100_000, 100_000_000);
        String unit = s.field(1);
        if (altitude != null && "f".equalsIgnoreCase(unit)) {
            altitude = altitude * METRES_PER_FOOT;
        } else if (altitude != null && !"m".equalsIgnoreCase(unit)) {
            throw new FieldException("altitude unit '" + unit + "'");
        }
        Integer dimension = ReferenceFields.integer(s.field(2));
        if (dimension != null && (dimension < 1 || dimension > 3)) {
            throw new FieldException("fix dimension " + dimension);
        }
        return new NmeaMessage.Pgrmz(s, ReferenceFields.primitive(altitude), ReferenceFields.primitive(dimension));
    }

    /**
     * {@code $PUBX,00,time,lat,N,lon,E,altRef,navStat,hAcc,vAcc,SOG,COG,vVel,diffAge,HDOP,VDOP,
     * TDOP,numSvs,reserved,DR}.
     */
    private static NmeaMessage pubxPosition(Sentence s) throws FieldException {
        return new NmeaMessage.PubxPosition(s, ReferenceFields.nanoOfDay(ReferenceFields.time(s.field(1))), ReferenceFields.primitive(ReferenceFields.latitude(s, 2)),
                ReferenceFields.primitive(ReferenceFields.longitude(s, 4)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(6), -100_000, 100_000_000)),
                s.field(7), ReferenceFields.primitive(ReferenceFields.decimal(s.field(8), 0, 1e7)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(9), 0, 1e7)),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(10), 0, 1e6)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(11), 0, 360)),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(12))), ReferenceFields.primitive(ReferenceFields.decimal(s.field(14), 0, 100)),
                ReferenceFields.primitive(ReferenceFields.decimal(s.field(15), 0, 100)), ReferenceFields.primitive(ReferenceFields.decimal(s.field(16), 0, 100)),
                ReferenceFields.primitive(ReferenceFields.integer(s.field(17))));
    }
}
