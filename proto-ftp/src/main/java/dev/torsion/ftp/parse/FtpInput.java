package dev.torsion.ftp.parse;

/** One line decoded from the control connection: a command, or a line that earns an error reply. */
public sealed interface FtpInput permits FtpCommand, FtpBadLine {
}
