package dev.torsion.cred;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a checker decided the peer is: a user name, or the anonymous user. A checker may attach typed
 * attributes that the server should enforce (for example the options of the matching
 * {@code authorized_keys} line). Two ids are equal when they name the same user; attributes do not
 * count.
 */
public final class AvatarId {
    /** The anonymous user, as Twisted's {@code checkers.ANONYMOUS}: never equal to a named user. */
    public static final AvatarId ANONYMOUS = new AvatarId(null, Map.of());

    private final String name;
    private final Map<Class<?>, Object> attributes;

    private AvatarId(String name, Map<Class<?>, Object> attributes) {
        this.name = name;
        this.attributes = attributes;
    }

    /** The id of the user called {@code name} (not empty). */
    public static AvatarId of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty user name");
        }
        return new AvatarId(name, Map.of());
    }

    /** A copy of this id that also carries {@code value} as its attribute of type {@code type}. */
    public <T> AvatarId withAttribute(Class<T> type, T value) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (isAnonymous()) {
            throw new IllegalStateException("the anonymous id carries no attributes");
        }
        Map<Class<?>, Object> copy = new HashMap<>(attributes);
        copy.put(type, value);
        return new AvatarId(name, Map.copyOf(copy));
    }

    /** The attribute of type {@code type}, when the checker attached one. */
    public <T> Optional<T> attribute(Class<T> type) {
        return Optional.ofNullable(type.cast(attributes.get(type)));
    }

    /** Whether this is {@link #ANONYMOUS}. */
    public boolean isAnonymous() {
        return name == null;
    }

    /** The user name; throws for the anonymous user, who has none. */
    public String name() {
        if (name == null) {
            throw new IllegalStateException("the anonymous user has no name");
        }
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AvatarId && Objects.equals(name, ((AvatarId) other).name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return name == null ? "AvatarId(anonymous)" : "AvatarId(" + LogSafe.text(name) + ")";
    }
}
