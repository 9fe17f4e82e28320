package dev.torsion.nmea.codec;

/**
 * Decodes the proprietary sentences common enough to matter (NMEA 0183 section 5.3.3.3 leaves
 * their content to each manufacturer): Garmin's {@code $PGRMZ} altitude and u-blox's
 * {@code $PUBX,00} position. Every other one is passed through as
 * {@link NmeaMessage.ProprietarySentence}.
 */
final class ProprietaryParser {

    private static final double METRES_PER_FOOT = 0.3048;

    private ProprietaryParser() {
    }

    static NmeaMessage parse(Sentence s) throws FieldException {
        if ("GRMZ".equals(s.type())) {
            return pgrmz(s);
        }
        if ("UBX".equals(s.type()) && s.fieldIs(0, "00")) {
            return pubxPosition(s);
        }
        return new NmeaMessage.ProprietarySentence(s);
    }

    /** {@code $PGRMZ,altitude,unit,dimension}: unit {@code f} feet or {@code m} metres. */
    private static NmeaMessage pgrmz(Sentence s) throws FieldException {
        double altitude = Fields.decimal(s, 0, -100_000, 100_000_000);
        boolean present = !Double.isNaN(altitude);
        if (present && (s.fieldIs(1, 'f') || s.fieldIs(1, 'F'))) {
            altitude = altitude * METRES_PER_FOOT;
        } else if (present && !s.fieldIs(1, 'm') && !s.fieldIs(1, 'M')) {
            throw new FieldException("altitude unit '" + s.field(1) + "'");
        }
        int dimension = Fields.integer(s, 2);
        if (dimension != NmeaMessage.ABSENT && (dimension < 1 || dimension > 3)) {
            throw new FieldException("fix dimension " + dimension);
        }
        return new NmeaMessage.Pgrmz(s, altitude, dimension);
    }

    /**
     * {@code $PUBX,00,time,lat,N,lon,E,altRef,navStat,hAcc,vAcc,SOG,COG,vVel,diffAge,HDOP,VDOP,
     * TDOP,numSvs,reserved,DR}.
     */
    private static NmeaMessage pubxPosition(Sentence s) throws FieldException {
        return new NmeaMessage.PubxPosition(s, Fields.time(s, 1), Fields.latitude(s, 2),
                Fields.longitude(s, 4), Fields.decimal(s, 6, -100_000, 100_000_000),
                s.field(7), Fields.decimal(s, 8, 0, 1e7), Fields.decimal(s, 9, 0, 1e7),
                Fields.decimal(s, 10, 0, 1e6), Fields.decimal(s, 11, 0, 360),
                Fields.decimal(s, 12), Fields.decimal(s, 14, 0, 100),
                Fields.decimal(s, 15, 0, 100), Fields.decimal(s, 16, 0, 100),
                Fields.integer(s, 17));
    }
}
