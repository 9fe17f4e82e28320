package dev.torsion.telnet.manhole;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The named objects a manhole session starts with, each declared as a variable of its type. */
public final class ManholeNamespace {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * One binding.
     *
     * @param name the variable's name (a Java identifier)
     * @param type the variable's declared type (public, so snippets can name it)
     * @param value the object
     */
    public record Binding(String name, Class<?> type, Object value) {
    }

    private final List<Binding> bindings;

    private ManholeNamespace(List<Binding> bindings) {
        this.bindings = List.copyOf(bindings);
    }

    /** An empty namespace. */
    public static ManholeNamespace empty() {
        return new ManholeNamespace(List.of());
    }

    /** This namespace and {@code name}, a {@code type}, bound to {@code value}. */
    public <T> ManholeNamespace bind(String name, Class<T> type, T value) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Java identifier: " + name);
        }
        if (!isNameable(type)) {
            throw new IllegalArgumentException(name + ": snippets cannot name " + type.getName()
                    + " (not public, or inside a class that is not): bind it as a public supertype");
        }
        List<Binding> more = new ArrayList<>(bindings);
        more.removeIf(binding -> binding.name.equals(name));
        more.add(new Binding(name, type, type.cast(value)));
        return new ManholeNamespace(more);
    }

    /** Whether snippets can write {@code type}: public, and so is every class around it. */
    private static boolean isNameable(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return !type.isArray() || isNameable(type.getComponentType());
    }

    /** The bindings, in order. */
    public List<Binding> bindings() {
        return bindings;
    }
}
