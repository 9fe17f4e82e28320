package dev.torsion.cred.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginThrottled;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/** A synchronous checker run on a pool thread: the answer, the refusal and the thread it ran on. */
class ThreadedCheckerTest {
    private final List<String> threads = new ArrayList<>();

    /** A reactor whose deferToThread runs the work on a thread of its own, then fires on the caller's. */
    private final Reactor pool = (Reactor) Proxy.newProxyInstance(Reactor.class.getClassLoader(),
            new Class<?>[] {Reactor.class}, (proxy, method, args) -> {
                if (!method.getName().equals("deferToThread")) {
                    throw new AssertionError("only deferToThread is expected, not " + method.getName());
                }
                Callable<?> work = (Callable<?>) args[0];
                FutureTask<Object> task = new FutureTask<>(work::call);
                Thread worker = new Thread(task, "pool-thread");
                worker.start();
                worker.join();
                try {
                    return Deferred.succeed(task.get());
                } catch (ExecutionException e) {
                    return Deferred.fail(e.getCause());
                }
            });

    private final CredentialsChecker recording = new CredentialsChecker() {
        private final InMemoryUsernamePasswordDatabaseDontUse users =
                new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret");

        @Override
        public Set<Class<? extends Credentials>> credentialTypes() {
            return users.credentialTypes();
        }

        @Override
        public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
            threads.add(Thread.currentThread().getName());
            return users.requestAvatarId(credentials);
        }
    };

    private static UsernamePassword login(String password) {
        return new UsernamePassword("alice", password.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCheckRunsOnAPoolThreadAndItsAnswerComesBack() {
        ThreadedChecker threaded = new ThreadedChecker(recording, pool);
        assertEquals(recording.credentialTypes(), threaded.credentialTypes());
        List<Object> results = new ArrayList<>();
        threaded.requestAvatarId(login("secret")).addCallback(id -> results.add(id.name()));
        threaded.requestAvatarId(login("wrong")).addErrback(failure -> {
            results.add(failure.value().getClass());
            return null;
        });
        assertEquals(List.of("alice", UnauthorizedLogin.class), results);
        assertEquals(List.of("pool-thread", "pool-thread"), threads);
        assertNotEquals(Thread.currentThread().getName(), threads.get(0));
    }

    @Test
    void aCheckerThatAnswersLaterIsRefusedClearly() {
        CredentialsChecker later = new CredentialsChecker() {
            @Override
            public Set<Class<? extends Credentials>> credentialTypes() {
                return Set.of(UsernamePassword.class);
            }

            @Override
            public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
                return new Deferred<>();
            }
        };
        List<Throwable> errors = new ArrayList<>();
        new ThreadedChecker(later, pool).requestAvatarId(login("x")).addErrback(failure -> {
            errors.add(failure.value());
            return null;
        });
        assertTrue(errors.get(0) instanceof IllegalStateException, errors.toString());
    }

    /** Work handed to the pool that has not run yet, with the Deferred its answer fires. */
    private record Parked(Callable<?> work, Deferred<Object> answer) {
        void run() {
            try {
                answer.callback(work.call());
            } catch (Exception e) {
                answer.errback(e);
            }
        }
    }

    private final Deque<Parked> parked = new ArrayDeque<>();

    /** A reactor whose pool runs nothing until the test says so: the checks in flight stay in flight. */
    private final Reactor slowPool = (Reactor) Proxy.newProxyInstance(Reactor.class.getClassLoader(),
            new Class<?>[] {Reactor.class}, (proxy, method, args) -> {
                Parked work = new Parked((Callable<?>) args[0], new Deferred<>());
                parked.add(work);
                return work.answer();
            });

    private static UsernamePassword login(String user, String password) {
        return new UsernamePassword(user, password.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFloodBeyondTheBoundsIsRefusedAtOnceWhileARealUsersCheckStillRuns() {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse()
                .addUser("alice", "secret");
        ThreadedChecker threaded = new ThreadedChecker(users, slowPool, 2, 2);
        List<Object> flood = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threaded.requestAvatarId(login("mallory", "guess" + i)).addErrback(f -> {
                flood.add(f.value().getClass());
                return null;
            });
        }
        List<Object> alice = new ArrayList<>();
        threaded.requestAvatarId(login("alice", "secret")).addCallback(id -> alice.add(id.name()));
        for (int i = 3; i < 50; i++) {
            threaded.requestAvatarId(login("mallory", "guess" + i)).addErrback(f -> {
                flood.add(f.value().getClass());
                return null;
            });
        }
        assertEquals(2, threaded.running());
        assertEquals(2, parked.size(), "only two checks were handed to the pool");
        assertEquals(2, threaded.waiting(), "one flood check and alice's wait");
        assertEquals(47, flood.size(), "the rest of the flood was refused at once, unchecked");
        assertTrue(flood.stream().allMatch(LoginThrottled.class::equals), flood.toString());
        while (!parked.isEmpty()) {
            parked.poll().run();
        }
        assertEquals(List.of("alice"), alice, "alice's check ran and succeeded");
        assertEquals(50, flood.size(), "the admitted flood checks were refused as wrong passwords");
        assertEquals(0, threaded.running());
        assertEquals(0, threaded.waiting());
        threaded.requestAvatarId(login("alice", "secret")).addCallback(id -> alice.add(id.name()));
        parked.poll().run();
        assertEquals(List.of("alice", "alice"), alice, "the freed slots take new checks");
    }
}
