package dev.torsion.defer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * An error carried through a {@link Deferred}'s errback chain, as Twisted's {@code Failure}.
 *
 * <p>A failure wraps the {@link Throwable} that caused it. Errbacks inspect it with {@link #check}
 * and pass on the types they do not handle with {@link #trap}:
 *
 * <pre>{@code
 * d.addErrback(f -> {
 *     f.trap(ConnectionRefusedError.class); // any other failure goes on down the chain
 *     return fallbackValue;
 * });
 * }</pre>
 */
public final class Failure {
    private final Throwable value;

    private Failure(Throwable value) {
        this.value = value;
    }

    /**
     * Wraps a throwable. A {@link FailureException} is unwrapped to the failure it carries, so that
     * re-raising a failure keeps its identity through the chain.
     */
    public static Failure of(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        if (cause instanceof FailureException) {
            return ((FailureException) cause).failure();
        }
        return new Failure(cause);
    }

    /** The throwable this failure wraps. */
    public Throwable value() {
        return value;
    }

    /** The class of the wrapped throwable. */
    public Class<? extends Throwable> type() {
        return value.getClass();
    }

    /**
     * Returns the first of {@code types} that the wrapped throwable is an instance of, or
     * {@code null} when it is none of them.
     */
    @SafeVarargs
    public final Class<? extends Throwable> check(Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(value)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Returns the first of {@code types} that matches, as {@link #check} does; when none matches,
     * throws this failure on (as a {@link FailureException}) so that it reaches the next errback.
     */
    @SafeVarargs
    public final Class<? extends Throwable> trap(Class<? extends Throwable>... types) {
        Class<? extends Throwable> match = check(types);
        if (match == null) {
            throw rethrow();
        }
        return match;
    }

    /**
     * An unchecked exception that carries this failure. Throwing it from a callback or errback
     * makes this very failure the chain's next result: {@code throw failure.rethrow();}
     */
    public FailureException rethrow() {
        return new FailureException(this);
    }

    /** The wrapped throwable's message, or its class name when it has none. */
    public String getErrorMessage() {
        String message = value.getMessage();
        return message == null ? value.getClass().getName() : message;
    }

    /** A readable traceback: the wrapped throwable's stack trace with its causes. */
    public String getTraceback() {
        StringWriter out = new StringWriter();
        try (PrintWriter writer = new PrintWriter(out)) {
            value.printStackTrace(writer);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "[Failure " + value.getClass().getName() + ": " + getErrorMessage() + "]";
    }
}
