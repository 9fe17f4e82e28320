/**
 * Child processes for {@code Reactor.spawnProcess}: {@link dev.torsion.netty.process.ChildProcess}.
 *
 * <p>How it works, and why not {@link java.lang.ProcessBuilder}:
 * <ul>
 *   <li>Children are started with {@code posix_spawn} (through JNA) with three pipes as stdin,
 *       stdout and stderr, every other descriptor closed ({@code posix_spawn_file_actions_addclosefrom_np}),
 *       an empty signal mask and every signal at its default disposition (the JVM ignores SIGPIPE,
 *       and jSerialComm, once loaded, ignores SIGHUP, SIGUSR1/2, SIGCONT, SIGTTIN/TTOU and SIGIO:
 *       none of that may leak into a child).</li>
 *   <li>The exit status is the real one. The JDK reaps its own children and folds "killed by signal
 *       N" into exit value 128 + N, and {@code ProcessHandle} cannot tell either; so we reap with
 *       {@code waitpid} ourselves and read {@code WIFEXITED}/{@code WTERMSIG}. {@code sh -c 'exit 143'}
 *       ends with exit code 143, a child killed by TERM with signal 15.</li>
 *   <li>Each child has a pidfd (Linux 5.3+). It becomes readable when the child exits, and signals are
 *       sent through it ({@code pidfd_send_signal}), so a signal can never reach another process that
 *       reused the pid.</li>
 *   <li>One daemon thread, {@code torsion-process-poller}, waits in {@code poll(2)} on the pipes and
 *       pidfds of every child, plus an eventfd that other threads use to wake it: no busy polling and
 *       no thread per stream. It reads output as it arrives (64 KiB at a time, at most 1 MiB in flight
 *       to the reactor per child, so a slow protocol makes the child block instead of filling the
 *       heap), writes queued stdin when the non-blocking pipe has room, and hands every event to the
 *       reactor thread through the executor given to {@code spawn}.</li>
 * </ul>
 * Linux only (glibc 2.34+ for closefrom; an older C library falls back to marking descriptors
 * close-on-exec). On other systems {@code spawn} throws a
 * {@link dev.torsion.netty.process.ProcessSpawnException} saying so.
 */
package dev.torsion.netty.process;
