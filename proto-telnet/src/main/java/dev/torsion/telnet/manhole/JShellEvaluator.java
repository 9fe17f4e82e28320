package dev.torsion.telnet.manhole;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControlProvider;

/**
 * One JShell, evaluating in this JVM ({@link LocalExecutionControlProvider}) so that snippets see
 * the server's objects, with a namespace bound in as variables. Not thread-safe and blocking:
 * use it from one worker thread at a time, never from the reactor thread.
 */
public final class JShellEvaluator implements AutoCloseable {
    private final JShell shell;
    private final String key;
    private final StringBuilder pending = new StringBuilder();

    /** Starts a shell with {@code namespace} bound; slow (it starts a compiler). */
    public JShellEvaluator(ManholeNamespace namespace) {
        shell = JShell.builder()
                .executionEngine(new LocalExecutionControlProvider(), Map.of())
                .out(new PrintStream(OutputStream.nullOutputStream()))
                .err(new PrintStream(OutputStream.nullOutputStream()))
                .build();
        for (String entry : classpath(namespace)) {
            shell.addToClasspath(entry);
        }
        Map<String, Object> objects = new LinkedHashMap<>();
        namespace.bindings().forEach(binding -> objects.put(binding.name(), binding.value()));
        key = ManholeBindings.register(objects);
        for (ManholeNamespace.Binding binding : namespace.bindings()) {
            bind(binding);
        }
    }

    private void bind(ManholeNamespace.Binding binding) {
        String source = binding.type().getCanonicalName() + " " + binding.name() + " = ("
                + binding.type().getCanonicalName() + ") " + ManholeBindings.class.getCanonicalName()
                + ".lookup(\"" + key + "\", \"" + binding.name() + "\");";
        for (SnippetEvent event : shell.eval(source)) {
            if (event.status() == Snippet.Status.REJECTED || event.exception() != null) {
                throw new IllegalStateException("cannot bind " + binding.name() + ": "
                        + String.join("; ", describe(event)));
            }
        }
    }

    /** The class path of this JVM and of each bound type, so that snippets compile against them. */
    private static Set<String> classpath(ManholeNamespace namespace) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        entries.add(location(ManholeBindings.class));
        for (ManholeNamespace.Binding binding : namespace.bindings()) {
            for (Class<?> type = binding.type(); type != null; type = type.getSuperclass()) {
                entries.add(location(type));
                for (Class<?> iface : type.getInterfaces()) {
                    entries.add(location(iface));
                }
            }
        }
        entries.remove("");
        return entries;
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * Adds a line to the source and evaluates every complete snippet in it (a line may hold
     * several; a snippet may span lines, then {@link Evaluation#needsMore()} is true).
     */
    public Evaluation evaluate(String line) {
        pending.append(line).append('\n');
        List<String> output = new ArrayList<>();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (true) {
            String source = pending.toString();
            if (source.isBlank()) {
                pending.setLength(0);
                return new Evaluation(output, false);
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(source);
            if (!info.completeness().isComplete()
                    && info.completeness() != SourceCodeAnalysis.Completeness.UNKNOWN) {
                return new Evaluation(output, true);
            }
            pending.setLength(0);
            pending.append(info.remaining());
            for (SnippetEvent event : shell.eval(info.source())) {
                output.addAll(describe(event));
            }
        }
    }

    /**
     * Completions of {@code line} at {@code cursor}, the snippet typed so far before it (JShell's
     * {@code completionSuggestions}): what each suggestion would add after the cursor, distinct and
     * sorted.
     */
    public List<String> complete(String line, int cursor) {
        String source = pending + line;
        int position = pending.length() + cursor;
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.sourceCodeAnalysis().completionSuggestions(source, position, anchor);
        String typed = source.substring(anchor[0], position);
        Set<String> additions = new TreeSet<>();
        for (SourceCodeAnalysis.Suggestion suggestion : suggestions) {
            String continuation = suggestion.continuation();
            if (continuation.startsWith(typed)) {
                additions.add(continuation.substring(typed.length()));
            }
        }
        return List.copyOf(additions);
    }

    /** Abandons a snippet being typed (Ctrl-C). */
    public void discardPending() {
        pending.setLength(0);
    }

    /** Stops the snippet running now (from another thread); nothing once the shell is closed. */
    public void stop() {
        try {
            shell.stop();
        } catch (IllegalStateException closed) {
            // JShell throws once closed: there is nothing left to stop.
        }
    }

    private List<String> describe(SnippetEvent event) {
        List<String> lines = new ArrayList<>();
        Snippet snippet = event.snippet();
        if (event.status() == Snippet.Status.REJECTED) {
            shell.diagnostics(snippet).forEach(diag -> lines.add("error: " + message(diag)));
            if (lines.isEmpty()) {
                lines.add("error: rejected");
            }
            return lines;
        }
        if (event.exception() != null) {
            lines.add(exception(event.exception()));
            return lines;
        }
        if (event.causeSnippet() != null) {
            return lines;
        }
        if (snippet instanceof VarSnippet variable && event.value() != null) {
            lines.add(variable.name() + " ==> " + event.value());
        } else if (snippet instanceof DeclarationSnippet declaration && event.previousStatus()
                == Snippet.Status.NONEXISTENT) {
            lines.add("created " + declaration.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " " + declaration.name());
        } else if (event.value() != null && !event.value().isEmpty()) {
            lines.add(event.value());
        }
        return lines;
    }

    private static String message(Diag diag) {
        return diag.getMessage(Locale.ROOT).replace("\n", " ");
    }

    private static String exception(JShellException exception) {
        if (exception instanceof EvalException eval) {
            return "exception " + eval.getExceptionClassName()
                    + (eval.getMessage() == null ? "" : ": " + eval.getMessage());
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            return "error: unresolved reference in " + unresolved.getSnippet().source().strip();
        }
        return "exception " + exception.getMessage();
    }

    @Override
    public void close() {
        ManholeBindings.unregister(key);
        shell.close();
    }
}
