package dev.torsion.netty.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a child with {@code posix_spawn}: its stdin, stdout and stderr are pipes to us, every other
 * descriptor of this JVM is closed in the child, its signal mask is empty and every signal has its
 * default disposition (the JVM's own handlers and ignored signals must not leak into it).
 */
final class PosixSpawner {
    private static final LibC C = LibC.INSTANCE;

    /** What a successful spawn hands back: the child's pid and pidfd and our ends of its pipes. */
    record Spawned(int pid, int pidfd, int stdinFd, int stdoutFd, int stderrFd) {
    }

    private PosixSpawner() {
    }

    /**
     * Spawns {@code executable} with {@code args} (after argv[0]), {@code env} (null: this JVM's)
     * in {@code directory} (null: this JVM's).
     *
     * @throws ProcessSpawnException when the child cannot be started
     */
    static Spawned spawn(String executable, List<String> args, Map<String, String> env, Path directory) {
        Map<String, String> environment = env != null ? env : System.getenv();
        String program = resolve(executable, environment, directory);
        if (directory != null && !Files.isDirectory(directory)) {
            throw new ProcessSpawnException(executable, LibC.ENOENT,
                    "working directory " + directory + " does not exist");
        }
        List<Integer> opened = new ArrayList<>();
        try {
            int[] stdin = pipe(opened);
            int[] stdout = pipe(opened);
            int[] stderr = pipe(opened);
            int pid = posixSpawn(executable, program, args, environment, directory, stdin[0], stdout[1], stderr[1]);
            closeQuietly(stdin[0]);
            closeQuietly(stdout[1]);
            closeQuietly(stderr[1]);
            opened.removeAll(List.of(stdin[0], stdout[1], stderr[1]));
            int pidfd = pidfdOpenOrKill(pid);
            for (int fd : new int[] {stdin[1], stdout[0], stderr[0]}) {
                setNonBlocking(fd);
            }
            return new Spawned(pid, pidfd, stdin[1], stdout[0], stderr[0]);
        } catch (LastErrorException e) {
            opened.forEach(PosixSpawner::closeQuietly);
            throw new ProcessSpawnException(executable, e.getErrorCode(), C.strerror(e.getErrorCode()));
        } catch (RuntimeException e) {
            opened.forEach(PosixSpawner::closeQuietly);
            throw e;
        }
    }

    /**
     * Finds a bare program name on PATH (the child's PATH when {@code env} sets one, as
     * {@code execvpe} does); a name with a slash is used as it is, relative to the child's directory.
     */
    static String resolve(String executable, Map<String, String> env, Path directory) {
        if (executable == null || executable.isEmpty()) {
            throw new ProcessSpawnException(String.valueOf(executable), LibC.ENOENT, "empty program name");
        }
        if (executable.contains("/")) {
            Path path = Path.of(executable);
            if (!path.isAbsolute() && directory != null) {
                path = directory.resolve(path);
            }
            if (!Files.isRegularFile(path)) {
                throw new ProcessSpawnException(executable, LibC.ENOENT, "No such file or directory");
            }
            return executable;
        }
        String searchPath = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new ProcessSpawnException(executable, LibC.ENOENT, "No such file or directory (not found on PATH " + searchPath + ")");
    }

    private static int posixSpawn(String executable, String program, List<String> args, Map<String, String> env,
            Path directory, int childStdin, int childStdout, int childStderr) {
        Memory actions = new Memory(LibC.FILE_ACTIONS_SIZE);
        Memory attributes = new Memory(LibC.SPAWN_ATTR_SIZE);
        Memory emptyMask = new Memory(LibC.SIGSET_SIZE);
        Memory allSignals = new Memory(LibC.SIGSET_SIZE);
        check(executable, C.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            check(executable, C.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try {
                check(executable, C.posix_spawn_file_actions_adddup2(actions, childStdin, 0), "adddup2");
                check(executable, C.posix_spawn_file_actions_adddup2(actions, childStdout, 1), "adddup2");
                check(executable, C.posix_spawn_file_actions_adddup2(actions, childStderr, 2), "adddup2");
                if (directory != null) {
                    check(executable, C.posix_spawn_file_actions_addchdir_np(actions, directory.toString()), "addchdir_np");
                }
                closeInheritedDescriptors(executable, actions);
                C.sigemptyset(emptyMask);
                C.sigfillset(allSignals);
                check(executable, C.posix_spawnattr_setsigmask(attributes, emptyMask), "setsigmask");
                check(executable, C.posix_spawnattr_setsigdefault(attributes, allSignals), "setsigdefault");
                check(executable, C.posix_spawnattr_setflags(attributes,
                        (short) (LibC.POSIX_SPAWN_SETSIGDEF | LibC.POSIX_SPAWN_SETSIGMASK)), "setflags");
                IntByReference pid = new IntByReference();
                int error = C.posix_spawn(pid, program, actions, attributes, argv(executable, args), envp(env));
                if (error != 0) {
                    throw new ProcessSpawnException(executable, error, C.strerror(error));
                }
                return pid.getValue();
            } finally {
                C.posix_spawnattr_destroy(attributes);
            }
        } finally {
            C.posix_spawn_file_actions_destroy(actions);
        }
    }

    /**
     * Sockets and files of this JVM (a listening port, say) must not live on in the child: glibc 2.34
     * and newer close them all in the child; with an older C library every descriptor from 3 up is
     * marked close-on-exec instead (harmless to the JVM, which never execs in place).
     */
    private static void closeInheritedDescriptors(String executable, Memory actions) {
        try {
            check(executable, C.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np");
        } catch (UnsatisfiedLinkError olderLibc) {
            markAllCloseOnExec();
        }
    }

    private static void markAllCloseOnExec() {
        File[] open = new File("/proc/self/fd").listFiles();
        if (open == null) {
            return;
        }
        for (File entry : open) {
            try {
                int fd = Integer.parseInt(entry.getName());
                if (fd > 2) {
                    C.fcntl(fd, LibC.F_SETFD, LibC.FD_CLOEXEC);
                }
            } catch (NumberFormatException | LastErrorException gone) {
                // Not a descriptor, or closed meanwhile: nothing to mark.
            }
        }
    }

    private static StringArray argv(String executable, List<String> args) {
        String[] argv = new String[args.size() + 1];
        argv[0] = executable;
        for (int i = 0; i < args.size(); i++) {
            argv[i + 1] = args.get(i);
        }
        return new StringArray(argv);
    }

    private static StringArray envp(Map<String, String> env) {
        return new StringArray(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static void check(String executable, int error, String call) {
        if (error != 0) {
            throw new ProcessSpawnException(executable, error, call + ": " + C.strerror(error));
        }
    }

    private static int[] pipe(List<Integer> opened) {
        int[] fds = new int[2];
        C.pipe2(fds, LibC.O_CLOEXEC);
        opened.add(fds[0]);
        opened.add(fds[1]);
        return fds;
    }

    /** A pidfd for the child, or (when the kernel has none: Linux before 5.3) the child killed and reaped. */
    private static int pidfdOpenOrKill(int pid) {
        try {
            return C.syscall(new NativeLong(LibC.SYS_PIDFD_OPEN), new NativeLong(pid), new NativeLong(0)).intValue();
        } catch (LastErrorException e) {
            C.kill(pid, 9);
            C.waitpid(pid, new IntByReference(), 0);
            throw e;
        }
    }

    private static void setNonBlocking(int fd) {
        int flags = C.fcntl(fd, LibC.F_GETFL);
        C.fcntl(fd, LibC.F_SETFL, flags | LibC.O_NONBLOCK);
    }

    static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            C.close(fd);
        } catch (LastErrorException ignored) {
            // Closing is best effort: the descriptor is released by the kernel in any case.
        }
    }
}
