package dev.torsion.netty.serial;

import com.fazecast.jSerialComm.SerialPort;

/** How many stop bits end each character on a serial line. */
public enum StopBits {
    /** One stop bit. */
    ONE(SerialPort.ONE_STOP_BIT),
    /** One and a half stop bits (where the hardware has it; Linux treats it as two). */
    ONE_POINT_FIVE(SerialPort.ONE_POINT_FIVE_STOP_BITS),
    /** Two stop bits. */
    TWO(SerialPort.TWO_STOP_BITS);

    private final int code;

    StopBits(int code) {
        this.code = code;
    }

    /** jSerialComm's constant. */
    int code() {
        return code;
    }
}
