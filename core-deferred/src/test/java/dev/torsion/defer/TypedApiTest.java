package dev.torsion.defer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.Reactor;
import dev.torsion.testing.TestClock;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * The public API's result types are bound: a program that gets a chain's type wrong does not
 * compile (it used to, and failed later with a {@link ClassCastException} far from the mistake).
 * Each statement is compiled with javac against the main classes.
 */
class TypedApiTest {

    private static final String IMPORTS = "import " + Deferred.class.getPackageName() + ".*; import "
            + Reactor.class.getPackageName() + ".*; import " + Duration.class.getName() + "; import "
            + TestClock.class.getName() + ";";

    @TempDir
    static Path out;

    @ParameterizedTest
    @ValueSource(strings = {
        "Deferred<String> d = Deferred.succeed(1).addBoth((v, f) -> v + 1);",
        "Deferred<String> d = Deferred.succeed(1).addCallbacks(v -> v + 1, f -> 0);",
        "Deferred<Integer> d = Deferred.succeed(1).addCallbacks(v -> v + 1, f -> \"recovered\");",
        "Deferred<String> d = Deferred.maybeDeferred(() -> 1);",
        "Deferred<String> d = Deferred.maybeDeferredDeferred(() -> Deferred.succeed(1));",
        "Deferred<Integer> d = Deferred.succeed(1).addTimeout(Duration.ofSeconds(1), new TestClock(), (c, t) -> \"x\");",
        "String s = reactor.blockingCallFromThread(() -> 1);",
        "String s = reactor.blockingCallFromThread(() -> Deferred.succeed(\"a Deferred is not its value\"));",
        "Integer s = reactor.blockingCallFromThreadDeferred(() -> Deferred.succeed(\"x\"));",
        "reactor.removeSystemEventTrigger(\"not a handle\");",
    })
    void aMistypedChainDoesNotCompile(String statement) {
        List<Diagnostic<? extends JavaFileObject>> errors = compile(statement);
        assertTrue(!errors.isEmpty(), "compiled, but should not: " + statement);
    }

    @Test
    void wellTypedChainsCompile() {
        String statements = String.join("\n",
                "Deferred<Integer> a = Deferred.succeed(1).addBoth((v, f) -> f == null ? v + 1 : -1);",
                "Deferred<String> b = Deferred.succeed(1).addCallbacks(v -> \"ok \" + v, f -> \"recovered\");",
                "Deferred<String> c = Deferred.succeed(1).addCallbacksDeferred(v -> Deferred.succeed(\"x\"),"
                        + " f -> Deferred.succeed(\"y\"));",
                "Deferred<String> e = Deferred.succeed(1).addBothDeferred((v, f) -> Deferred.succeed(\"z\"));",
                "Deferred<Integer> g = Deferred.maybeDeferred(() -> 1);",
                "Deferred<Integer> h = Deferred.maybeDeferredDeferred(() -> Deferred.succeed(1));",
                "Deferred<String> i = new Deferred<String>()"
                        + ".addTimeout(Duration.ofSeconds(1), new TestClock(), (cancel, t) -> \"late\");",
                "SystemEventTrigger handle = reactor.addSystemEventTrigger(TriggerPhase.BEFORE,"
                        + " SystemEvent.SHUTDOWN, () -> null);",
                "reactor.removeSystemEventTrigger(handle);");
        assertEquals(List.of(), compile(statements));
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(String statements) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        String source = IMPORTS + " class Snippet { void run(Reactor reactor) throws Exception { "
                + statements + " } }";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        List<String> options = List.of("-proc:none", "-d", out.toString(), "-classpath", classPath());
        javac.getTask(null, files, diagnostics, options, null, List.of(file)).call();
        List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(diagnostic);
            }
        }
        return errors;
    }

    private static String classPath() {
        return System.getProperty("java.class.path") + File.pathSeparator + location(Deferred.class)
                + File.pathSeparator + location(Logger.class);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
