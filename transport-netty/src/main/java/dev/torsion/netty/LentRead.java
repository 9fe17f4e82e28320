package dev.torsion.netty;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * A read lent to a {@link dev.torsion.internet.BufferProtocol} during its {@code bufferReceived}:
 * Netty's buffer, the read-only view the protocol got, and the view's position that maps to the
 * buffer's reader index. Writing that very view during the call sends a retained slice of the
 * buffer instead of a copy. The reactor keeps the one read under way on its loop
 * ({@link NettyReactor#swapLentRead}), so connections pay no field for it.
 */
record LentRead(ByteBuf buf, ByteBuffer view, int viewStart) {
    /** Whether {@code data} is the view lent (not a duplicate or a slice: those are copied). */
    boolean lent(ByteBuffer data) {
        return data == view;
    }

    /** The view's remaining bytes as a retained slice of the buffer; consumes them from the view. */
    ByteBuf retainedSliceOfView() {
        ByteBuf slice = buf.retainedSlice(buf.readerIndex() + view.position() - viewStart, view.remaining());
        view.position(view.limit());
        return slice;
    }
}
