package dev.torsion.sip.registrar;

/** A new address of record would exceed the location service's capacity: the registrar answers 503. */
public final class LocationServiceFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The service is full at {@code capacity} addresses of record. */
    public LocationServiceFull(int capacity) {
        super("location service full: " + capacity + " addresses of record", null, false, false);
    }
}
