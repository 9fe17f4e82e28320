package dev.torsion.netty.serial;

import com.fazecast.jSerialComm.SerialPort;

/** How a serial line throttles the sender. */
public enum FlowControl {
    /** No flow control. */
    NONE(SerialPort.FLOW_CONTROL_DISABLED),
    /** Hardware flow control on the RTS and CTS lines, both ways. */
    RTS_CTS(SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED),
    /** Software flow control with XON/XOFF characters, both ways. */
    XON_XOFF(SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED);

    private final int code;

    FlowControl(int code) {
        this.code = code;
    }

    /** jSerialComm's flags. */
    int code() {
        return code;
    }
}
