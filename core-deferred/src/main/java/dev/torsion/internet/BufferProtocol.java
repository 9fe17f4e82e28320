package dev.torsion.internet;

import java.nio.ByteBuffer;

/**
 * A protocol that takes its reads as a read-only {@link ByteBuffer} view of the transport's own
 * buffer, instead of a {@code byte[]} of its own: the optional buffer path, for protocols that move
 * bulk bytes (an echo, a relay, a file receiver) and would only copy the array again. A protocol
 * opts in by implementing this interface on its {@link Protocol} subclass; nothing of the transport
 * below (Netty's {@code ByteBuf} on a socket) ever shows.
 *
 * <pre>{@code
 * public final class Echo extends Protocol implements BufferProtocol {
 *     @Override public void bufferReceived(ByteBuffer data) { transport().write(data); }
 * }
 * }</pre>
 *
 * <p><b>The view is lent, not given.</b> It is valid only during the call: the transport reuses
 * the memory behind it for later reads as soon as the call returns. A protocol that needs any of
 * the bytes afterwards copies them during the call ({@code data.get(array)}, or a
 * {@code ByteBuffer.allocate(n).put(data)}); keeping the view, or a duplicate or slice of it, is a
 * bug. After the call the transport empties the view itself (its limit becomes 0), so a protocol
 * that kept it reads nothing, never the bytes of a later read. The view is read-only: the protocol
 * cannot change the transport's memory (so writing the view back, as an echo does, is safe).
 *
 * <p><b>Who calls it.</b> A transport that can lend its buffer (transport-netty's TCP and UNIX
 * connections, clear or TLS through Netty) calls {@code bufferReceived} directly. Every other path
 * calls {@link Protocol#dataReceived(byte[])}, whose default forwards to {@code bufferReceived} with a
 * read-only view of the array, emptied after the call in the same way: the memory transports, the
 * core's {@code TlsProtocol}, wrapping protocols, and bytes a transport held while the protocol had
 * paused reading (those are copied once, as they must outlive the socket's buffer). So a buffer
 * protocol implements {@code bufferReceived} alone and does not override {@code dataReceived}.
 *
 * <p>Writing: {@link Transport#write(ByteBuffer)} takes a buffer back (copied, so the caller may reuse
 * it). transport-netty writes the view of the read under way without copying it at all.
 */
public interface BufferProtocol {
    /**
     * Called with bytes as they arrive, between {@code data.position()} and {@code data.limit()}:
     * a read-only view, valid only during this call (see the class comment).
     */
    void bufferReceived(ByteBuffer data);
}
