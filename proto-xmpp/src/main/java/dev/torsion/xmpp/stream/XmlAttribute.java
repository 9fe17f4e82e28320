package dev.torsion.xmpp.stream;

import java.util.Objects;

/**
 * One attribute: its namespace ("" for none, the usual case), local name and decoded value.
 * {@code xml:lang} has the namespace {@link dev.torsion.xmpp.Namespaces#XML}.
 */
public record XmlAttribute(String namespace, String name, String value) {
    /** An attribute; nothing may be null. */
    public XmlAttribute {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
