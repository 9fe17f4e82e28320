package dev.torsion.sip.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The header fields of a SIP message in the order received, one entry per value: a comma list on
 * one line is held as one entry per element (RFC 3261 section 7.3.1), so the topmost Via is simply
 * the first. Names are stored canonical ({@link HeaderNames#canonical}) and compared without case.
 */
public final class SipHeaders {
    /** One header value. */
    public record Field(String name, String value) {
        /** A field; the name is made canonical. */
        public Field {
            name = HeaderNames.canonical(Objects.requireNonNull(name, "name"));
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Field> fields = new ArrayList<>();

    /** No fields. */
    public SipHeaders() {
    }

    /** A copy of {@code other}. */
    public SipHeaders(SipHeaders other) {
        fields.addAll(other.fields);
    }

    /** Appends a value. */
    public SipHeaders add(String name, String value) {
        fields.add(new Field(name, value));
        return this;
    }

    /** Inserts a value before every other value of the same name (a proxy's Via, section 16.6 step 8). */
    public SipHeaders addFirst(String name, String value) {
        Field field = new Field(name, value);
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(field.name())) {
                fields.add(i, field);
                return this;
            }
        }
        fields.add(field);
        return this;
    }

    /** Replaces every value of {@code name} with one. */
    public SipHeaders set(String name, String value) {
        Field field = new Field(name, value);
        int at = indexOf(field.name());
        removeAll(field.name());
        fields.add(at < 0 ? fields.size() : Math.min(at, fields.size()), field);
        return this;
    }

    /** Removes every value of {@code name}; returns whether there was one. */
    public boolean removeAll(String name) {
        String canonical = HeaderNames.canonical(name);
        return fields.removeIf(f -> f.name().equalsIgnoreCase(canonical));
    }

    /** Removes the first value of {@code name} (a response's own Via, section 16.7 step 3). */
    public boolean removeFirst(String name) {
        int at = indexOf(HeaderNames.canonical(name));
        if (at < 0) {
            return false;
        }
        fields.remove(at);
        return true;
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        int at = indexOf(HeaderNames.canonical(name));
        return at < 0 ? null : fields.get(at).value();
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        String canonical = HeaderNames.canonical(name);
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(canonical)) {
                values.add(field.value());
            }
        }
        return values;
    }

    /** How many values {@code name} has. */
    public int count(String name) {
        return all(name).size();
    }

    /** Whether {@code name} has a value. */
    public boolean has(String name) {
        return indexOf(HeaderNames.canonical(name)) >= 0;
    }

    /** Every field, in order. */
    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** The number of values. */
    public int size() {
        return fields.size();
    }

    private int indexOf(String canonical) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(canonical)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
