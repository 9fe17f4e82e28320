package dev.torsion.ssh.support;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.Realm;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.cred.checkers.SshPublicKeyChecker;
import dev.torsion.cred.ssh.AuthorizedKeysSource;
import dev.torsion.defer.Deferred;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.client.SshClientProtocol;
import dev.torsion.ssh.server.ExecChannel;
import dev.torsion.ssh.server.ExecSession;
import dev.torsion.ssh.server.SshAvatar;
import dev.torsion.ssh.server.SshServerProtocol;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.TransportConfig;
import dev.torsion.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A server and client pair for memory tests: alice / "secret", and alice's key. The avatar runs
 * no processes: the command "echo X" answers X; "status N" exits with N; "cat" echoes input.
 */
public final class MemorySsh {
    public static final HostKey HOST_KEY = HostKey.fromSeed(new byte[32]);
    public static final HostKey ALICE_KEY = HostKey.fromSeed(filled(7));
    public final TestClock clock = new TestClock();
    public final Portal portal;

    public MemorySsh(Path dir) {
        Path authorized = dir.resolve("authorized_keys");
        try {
            Files.writeString(authorized, ALICE_KEY.publicKeyLine() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AuthorizedKeysSource source = user -> "alice".equals(user) ? List.of(authorized) : List.of();
        Realm realm = (id, mind, interfaces) -> Deferred.succeed(
                new LoginResult(SshAvatar.class, new FakeAvatar(id.name(), clock), () -> { }));
        portal = new Portal(realm, clock, new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret"),
                new SshPublicKeyChecker(source, new SshPublicKeyChecker.Options()));
        portal.setFailureDelay(Duration.ofSeconds(1));
    }

    static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    public SshServerProtocol server(TransportConfig config, SshLimits limits) {
        return new SshServerProtocol(config, limits, clock, new SecureRandom(), HOST_KEY, portal);
    }

    public SshClientProtocol client(TransportConfig config, HostKey identity, String password) {
        return new SshClientProtocol(config, SshLimits.DEFAULTS, clock, new SecureRandom(), "127.0.0.1", 4433, "alice",
                identity, password, (host, port, blob) -> Arrays.equals(blob, HOST_KEY.publicBlob()));
    }

    /** Pause and resume calls the fake avatar's sessions received, in order. */
    public static final List<String> FLOW = new ArrayList<>();

    /** A producer writing 64 KiB each millisecond of the test clock, pausing when told to. */
    static final class Streamer implements ExecSession {
        private final TestClock clock;
        private final ExecChannel channel;
        private int left;
        private boolean paused;

        Streamer(TestClock clock, ExecChannel channel, int total) {
            this.clock = clock;
            this.channel = channel;
            this.left = total;
            clock.callLater(Duration.ofMillis(1), this::produce);
        }

        private void produce() {
            if (paused || left == 0) {
                return;
            }
            int size = Math.min(left, 65536);
            left -= size;
            channel.write(new byte[size]);
            if (left == 0) {
                channel.exit(0);
            } else {
                clock.callLater(Duration.ofMillis(1), this::produce);
            }
        }

        @Override
        public void input(byte[] data) {
        }

        @Override
        public void inputEnded() {
        }

        @Override
        public void terminate() {
            left = 0;
        }

        @Override
        public void pauseOutput() {
            FLOW.add("pause");
            paused = true;
        }

        @Override
        public void resumeOutput() {
            FLOW.add("resume");
            paused = false;
            clock.callLater(Duration.ofMillis(1), this::produce);
        }
    }

    /** An avatar without processes. */
    public static final class FakeAvatar implements SshAvatar {
        private final String name;
        private final TestClock clock;

        FakeAvatar(String name, TestClock clock) {
            this.name = name;
            this.clock = clock;
        }

        @Override
        public String username() {
            return name;
        }

        @Override
        public ExecSession exec(String command, Map<String, String> environment, ExecChannel channel) {
            if (command.startsWith("echo ")) {
                channel.write((command.substring(5) + "\n").getBytes(StandardCharsets.UTF_8));
                channel.exit(0);
            } else if (command.startsWith("big ")) {
                channel.write(new byte[Integer.parseInt(command.substring(4))]);
                channel.exit(0);
            } else if (command.startsWith("stream ")) {
                return new Streamer(clock, channel, Integer.parseInt(command.substring(7)));
            } else if (command.startsWith("status ")) {
                channel.writeStderr("bye\n".getBytes(StandardCharsets.UTF_8));
                channel.exit(Integer.parseInt(command.substring(7)));
            }
            return new ExecSession() {
                @Override
                public void input(byte[] data) {
                    channel.write(data);
                }

                @Override
                public void inputEnded() {
                    channel.exit(0);
                }

                @Override
                public void terminate() {
                }

                @Override
                public void pauseOutput() {
                    FLOW.add("pause");
                }

                @Override
                public void resumeOutput() {
                    FLOW.add("resume");
                }
            };
        }
    }
}
