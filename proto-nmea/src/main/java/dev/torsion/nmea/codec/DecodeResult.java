package dev.torsion.nmea.codec;

/** What {@link SentenceDecoder} made of a line: a {@link Sentence} or a {@link Rejection}. */
public sealed interface DecodeResult permits Sentence, Rejection {
}
