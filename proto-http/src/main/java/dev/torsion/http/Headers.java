package dev.torsion.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The header fields of an HTTP message, in the order they came or were added. Names are looked up
 * case-insensitively, and a field that occurs several times keeps every occurrence (as
 * {@code Set-Cookie} must). Not thread-safe: like everything of a connection, it lives on the
 * reactor thread.
 */
public final class Headers {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** An empty set of fields. */
    public Headers() {
    }

    /** A copy of {@code other}. */
    public Headers(Headers other) {
        names.addAll(other.names);
        values.addAll(other.values);
    }

    /** Builds headers from alternating names and values: {@code Headers.of("Accept", "text/html")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** Adds one occurrence of {@code name}, after any existing ones. */
    public Headers add(String name, String value) {
        checkField(name, value);
        names.add(name);
        values.add(value);
        return this;
    }

    /** Replaces every occurrence of {@code name} with this single value. */
    public Headers set(String name, String value) {
        checkField(name, value);
        int first = indexOf(name);
        if (first < 0) {
            names.add(name);
            values.add(value);
            return this;
        }
        values.set(first, value);
        for (int i = names.size() - 1; i > first; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
        return this;
    }

    /** Removes every occurrence of {@code name}; returns whether there was one. */
    public boolean remove(String name) {
        boolean removed = false;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        int index = indexOf(name);
        return index < 0 ? null : values.get(index);
    }

    /** Every value of {@code name}, in order (empty when absent). */
    public List<String> getAll(String name) {
        List<String> found = new ArrayList<>(2);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    /** Whether {@code name} occurs at least once. */
    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /**
     * Whether the comma-separated list in the fields {@code name} holds {@code token}, compared
     * case-insensitively ({@code Connection: keep-alive, Upgrade} holds {@code upgrade}).
     */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                for (String part : values.get(i).split(",")) {
                    if (part.trim().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The distinct names, lower-cased, in order of first occurrence. */
    public Set<String> names() {
        Set<String> distinct = new LinkedHashSet<>();
        for (String name : names) {
            distinct.add(name.toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(distinct);
    }

    /** Calls {@code action} with each (name, value) in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.size(); i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    /** The number of fields, counting repeats. */
    public int size() {
        return names.size();
    }

    /** Whether there is no field. */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** The name of the field at {@code index} as it was given. */
    public String nameAt(int index) {
        return names.get(index);
    }

    /** The value of the field at {@code index}. */
    public String valueAt(int index) {
        return values.get(index);
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Refuses names and values that would break the message they are written into (response splitting). */
    private static void checkField(String name, String value) {
        if (name == null || name.isEmpty() || !HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("invalid header name: " + name);
        }
        if (value == null) {
            throw new IllegalArgumentException("null value for header " + name);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + " has a CR, LF or NUL in its value");
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Headers[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(names.get(i)).append(": ").append(values.get(i));
        }
        return text.append(']').toString();
    }
}
