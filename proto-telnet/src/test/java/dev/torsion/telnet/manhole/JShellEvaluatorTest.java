package dev.torsion.telnet.manhole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JShell in this JVM, with server objects bound in: they are the very same objects. */
public class JShellEvaluatorTest {
    /** A server object the shell must see and change. */
    public static final class Counter {
        private int count;

        public int increment() {
            return ++count;
        }

        public int count() {
            return count;
        }
    }

    private static final Counter COUNTER = new Counter();
    private static final List<String> EVENTS = new ArrayList<>();
    private static JShellEvaluator shell;

    @BeforeAll
    static void start() {
        shell = new JShellEvaluator(ManholeNamespace.empty().bind("counter", Counter.class, COUNTER)
                .bind("events", List.class, EVENTS));
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    /** Not public: snippets could not name it. */
    static final class Hidden {
    }

    @Test
    void typesSnippetsCannotNameAreRefusedAtBindTime() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ManholeNamespace.empty().bind("hidden", Hidden.class, new Hidden()));
        assertTrue(refused.getMessage().contains("public supertype"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ManholeNamespace.empty().bind("not-a-name", Object.class, "x"));
    }

    @Test
    void expressionsShowTheirValue() {
        Evaluation result = shell.evaluate("1+1");
        assertEquals(1, result.output().size());
        assertTrue(result.output().get(0).matches("\\$\\d+ ==> 2"), result.output().toString());
    }

    @Test
    void boundObjectsAreTheServersOwn() {
        shell.evaluate("counter.increment();");
        shell.evaluate("events.add(\"from the shell\");");
        assertEquals(1, COUNTER.count());
        assertEquals(List.of("from the shell"), EVENTS);
    }

    @Test
    void multiLineSnippetsWaitForTheirEnd() {
        assertTrue(shell.evaluate("int twice(int x) {").needsMore());
        Evaluation done = shell.evaluate("  return 2 * x; }");
        assertEquals(List.of("created method twice"), done.output());
        assertTrue(shell.evaluate("twice(21)").output().get(0).endsWith("==> 42"));
    }

    @Test
    void errorsAndExceptionsAreReported() {
        assertTrue(shell.evaluate("int y = \"text\";").output().get(0).startsWith("error: "));
        assertEquals(List.of("exception " + IllegalStateException.class.getName() + ": boom"),
                shell.evaluate("throw new IllegalStateException(\"boom\");").output());
    }

    @Test
    void severalSnippetsOnOneLine() {
        List<String> output = shell.evaluate("int a = 3; int b = 4; a * b").output();
        assertEquals(3, output.size(), output.toString());
        assertEquals("a ==> 3", output.get(0));
        assertTrue(output.get(2).endsWith("==> 12"));
    }
}
