package dev.torsion.netty.stdio;

import dev.torsion.internet.Address;

/**
 * The address of a stream that is not a socket: standard input and output, or a serial device.
 *
 * @param name what the stream is, e.g. {@code "stdio"} or {@code "/dev/ttyUSB0"}
 */
public record PipeAddress(String name) implements Address {
    @Override
    public String toString() {
        return "pipe:" + name;
    }
}
