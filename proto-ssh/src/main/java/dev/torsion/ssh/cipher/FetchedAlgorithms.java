package dev.torsion.ssh.cipher;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The algorithm objects a native cipher fetched from libcrypto once per process (fetched objects
 * are safe across threads), or why they could not be fetched: libcrypto absent, or without one of
 * them. {@code T} names the cipher's own handles.
 */
record FetchedAlgorithms<T>(T handles, String refusal) {
    /**
     * Runs {@code fetch} once libcrypto has loaded; refused with the loader's reason otherwise.
     * {@code fetch} answers {@link #of} or {@link #refused}.
     */
    static <T> FetchedAlgorithms<T> whenLoaded(Supplier<FetchedAlgorithms<T>> fetch) {
        Optional<String> notLoaded = LibCrypto.unavailable();
        return notLoaded.isPresent() ? refused(notLoaded.get()) : fetch.get();
    }

    static <T> FetchedAlgorithms<T> of(T handles) {
        return new FetchedAlgorithms<>(handles, null);
    }

    static <T> FetchedAlgorithms<T> refused(String why) {
        return new FetchedAlgorithms<>(null, why);
    }

    /** Why the cipher cannot use libcrypto, or empty when it can. */
    Optional<String> unusable() {
        return Optional.ofNullable(refusal);
    }

    /** The handles; only when {@link #unusable()} is empty. */
    T get() {
        if (refusal != null) {
            throw new IllegalStateException("libcrypto cannot be used: " + refusal);
        }
        return handles;
    }
}
