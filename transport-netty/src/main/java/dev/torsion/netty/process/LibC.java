package dev.torsion.netty.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/**
 * The few C library calls that child processes need, bound with JNA. The constants are Linux's
 * (the generic values shared by x86-64 and AArch64); process spawning is Linux-only.
 *
 * <p>Why not {@link ProcessBuilder}: the JDK reaps its children itself and reports a child killed
 * by signal N as exit value 128 + N, so a child that was killed cannot be told apart from one that
 * exited with such a code. Spawning with {@code posix_spawn} and reaping with {@code waitpid}
 * ourselves gives the real wait status.
 */
interface LibC extends Library {
    /** The loaded C library. */
    LibC INSTANCE = Native.load("c", LibC.class);

    int O_CLOEXEC = 0x80000;
    int O_NONBLOCK = 0x800;
    int F_GETFL = 3;
    int F_SETFL = 4;
    int F_SETFD = 2;
    int FD_CLOEXEC = 1;

    int EINTR = 4;
    int EAGAIN = 11;
    int ENOENT = 2;
    int ESRCH = 3;
    int ECHILD = 10;
    int EPIPE = 32;

    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;

    int WNOHANG = 1;

    short POSIX_SPAWN_SETSIGDEF = 0x04;
    short POSIX_SPAWN_SETSIGMASK = 0x08;

    /** Linux's system call numbers, the same on every architecture for these recent calls. */
    long SYS_PIDFD_SEND_SIGNAL = 424;
    long SYS_PIDFD_OPEN = 434;

    /** Generous room for glibc's opaque {@code posix_spawn_file_actions_t} (80 bytes on x86-64). */
    int FILE_ACTIONS_SIZE = 512;
    /** Generous room for glibc's opaque {@code posix_spawnattr_t} (336 bytes on x86-64). */
    int SPAWN_ATTR_SIZE = 1024;
    /** Room for a {@code sigset_t} (128 bytes in glibc). */
    int SIGSET_SIZE = 256;

    int pipe2(int[] fds, int flags) throws LastErrorException;

    int eventfd(int initialValue, int flags) throws LastErrorException;

    NativeLong read(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    NativeLong write(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int fcntl(int fd, int command, Object... args) throws LastErrorException;

    int poll(Pointer fds, NativeLong count, int timeoutMillis) throws LastErrorException;

    int waitpid(int pid, IntByReference status, int options) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;

    NativeLong syscall(NativeLong number, Object... args) throws LastErrorException;

    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes,
            StringArray argv, StringArray envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int lowestFd);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_destroy(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer signalMask);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    String strerror(int errorNumber);
}
