package dev.torsion.telnet.codec;

/** Receives what {@link TelnetDecoder} finds, in wire order. */
@FunctionalInterface
public interface TelnetEventSink {
    /** One event. */
    void event(TelnetEvent event);
}
