package dev.torsion.netty.serial;

import com.fazecast.jSerialComm.SerialPort;

/** A serial line's parity bit. */
public enum Parity {
    /** No parity bit. */
    NONE(SerialPort.NO_PARITY),
    /** Odd parity. */
    ODD(SerialPort.ODD_PARITY),
    /** Even parity. */
    EVEN(SerialPort.EVEN_PARITY),
    /** The parity bit is always 1. */
    MARK(SerialPort.MARK_PARITY),
    /** The parity bit is always 0. */
    SPACE(SerialPort.SPACE_PARITY);

    private final int code;

    Parity(int code) {
        this.code = code;
    }

    /** jSerialComm's constant. */
    int code() {
        return code;
    }
}
