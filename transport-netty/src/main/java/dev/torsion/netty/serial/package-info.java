/**
 * Serial ports through jSerialComm: {@link dev.torsion.netty.serial.SerialPortTransport} with
 * {@link dev.torsion.netty.serial.SerialSettings} (speed, data bits, {@link dev.torsion.netty.serial.Parity},
 * {@link dev.torsion.netty.serial.StopBits}, {@link dev.torsion.netty.serial.FlowControl}).
 *
 * <p>Pseudo-terminals work as ports (give {@code /dev/pts/N} or a symbolic link to it), which is
 * how the tests run against {@code socat pty,raw,echo=0 pty,raw,echo=0}. On a pty Linux keeps the
 * speed and stop bits that are set but forces 8 data bits and no parity bit
 * ({@code pty_set_termios}); real UARTs take all settings.
 */
package dev.torsion.netty.serial;
