package dev.torsion.ssh.server;

import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;

/** One open channel of a server connection (RFC 4254 section 5), as the connection dispatches to it. */
interface ServerChannel {
    /** A channel message addressed to this channel; the reader stands after the recipient channel. */
    void message(int type, WireReader reader) throws SshProtocolException;

    /** The connection ended: release what the channel holds. */
    void terminate();

    /** The connection's output drained below its low-water mark: send what waits. */
    default void outputResumed() {
    }
}
