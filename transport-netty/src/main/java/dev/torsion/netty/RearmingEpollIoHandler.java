package dev.torsion.netty;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.util.concurrent.ThreadAwareExecutor;

/**
 * Netty's epoll {@link IoHandler}, with one defect of Netty 4.2.18 worked around: a socket whose
 * interest set becomes empty can never be waited on again.
 *
 * <p>When a channel asks for no events at all, Netty's registration removes the descriptor from
 * epoll ({@code EPOLL_CTL_DEL}) but still believes it is added, so the next interest it submits
 * goes out as {@code EPOLL_CTL_MOD} and fails with ENOENT. The channel then fails the operation
 * that needed to wait and closes. A stream channel reaches the empty set once the peer has
 * half-closed it ({@code EPOLLRDHUP} is dropped, and {@code EPOLLIN} is dropped while reading is
 * paused or the end of the input has been seen) and no write is waiting: its next write that
 * must wait for {@code EPOLLOUT}, or a read resumed later, then fails. That is how a large answer
 * sent after the client's half-close was cut short on epoll.
 *
 * <p>The workaround stays on Netty's public API: each registration this handler returns stands
 * for a Netty registration, and when the interest empties it trades that registration for a new
 * one (the old one is cancelled, which removes the descriptor from epoll, and the new one is not
 * yet added), so the next interest is added afresh. Everything else is Netty's handler unchanged.
 */
final class RearmingEpollIoHandler implements IoHandler {
    private final IoHandler epoll;
    private final ThreadAwareExecutor executor;

    private RearmingEpollIoHandler(IoHandler epoll, ThreadAwareExecutor executor) {
        this.epoll = epoll;
        this.executor = executor;
    }

    /** A factory of Netty's epoll handlers, each wrapped in this one. */
    static IoHandlerFactory newFactory() {
        IoHandlerFactory epollFactory = EpollIoHandler.newFactory();
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor executor) {
                return new RearmingEpollIoHandler(epollFactory.newHandler(executor), executor);
            }

            @Override
            public boolean isChangingThreadSupported() {
                return epollFactory.isChangingThreadSupported();
            }
        };
    }

    @Override
    public void initialize() {
        epoll.initialize();
    }

    @Override
    public int run(IoHandlerContext context) {
        return epoll.run(context);
    }

    @Override
    public void prepareToDestroy() {
        epoll.prepareToDestroy();
    }

    @Override
    public void destroy() {
        epoll.destroy();
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        return new Rearming(handle, epoll.register(handle));
    }

    @Override
    public void wakeup() {
        epoll.wakeup();
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return epoll.isCompatible(handleType);
    }

    /** One channel's registration: Netty's, replaced by a fresh one whenever the interest empties. */
    private final class Rearming implements IoRegistration {
        private final IoHandle handle;
        private IoRegistration current;
        /** Whether the descriptor is in epoll now: some interest was submitted since the last fresh start. */
        private boolean added;

        Rearming(IoHandle handle, IoRegistration first) {
            this.handle = handle;
            this.current = first;
        }

        @Override
        public <T> T attachment() {
            return current.attachment();
        }

        @Override
        public long submit(IoOps ops) {
            boolean empty = ((EpollIoOps) ops).value() == EpollIoOps.NONE.value();
            // Never once the channel cancelled or closed its descriptor: Netty may still clear interest
            // then, and a new registration would claim a descriptor number another channel may reuse.
            boolean rearmable = added && current.isValid() && isOpen();
            if (empty && rearmable && executor.isExecutorThread(Thread.currentThread())) {
                return startAfresh();
            }
            long submitted = current.submit(ops);
            added = !empty && submitted >= 0;
            return submitted;
        }

        private boolean isOpen() {
            return handle instanceof EpollIoHandle epollHandle && epollHandle.fd().isOpen();
        }

        /**
         * Cancels the registration in use (on the loop thread this removes the descriptor from
         * epoll at once) and takes a new one, which adds the descriptor again with the next interest.
         */
        private long startAfresh() {
            current.cancel();
            added = false;
            try {
                current = epoll.register(handle);
            } catch (Exception e) {
                throw new IllegalStateException("could not register " + handle + " with epoll again", e);
            }
            return 0;
        }

        @Override
        public boolean isValid() {
            return current.isValid();
        }

        @Override
        public boolean cancel() {
            return current.cancel();
        }
    }
}
