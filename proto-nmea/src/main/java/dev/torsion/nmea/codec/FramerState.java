package dev.torsion.nmea.codec;

/** Where {@link NmeaFramer} is within the byte stream. */
public enum FramerState {
    /** Buffering the bytes of a line until its LF. */
    READING,
    /** The current line passed the line limit: its bytes are dropped until the next LF. */
    DISCARDING
}
