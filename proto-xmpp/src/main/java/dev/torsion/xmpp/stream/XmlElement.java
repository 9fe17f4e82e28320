package dev.torsion.xmpp.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable XML element: namespace, local name, attributes and children. Stanzas are trees of
 * these; prefixes are not kept (the writer declares namespaces as needed).
 */
public final class XmlElement implements XmlNode {
    private final String namespace;
    private final String name;
    private final List<XmlAttribute> attributes;
    private final List<XmlNode> children;

    /** An element; the lists are copied. */
    public XmlElement(String namespace, String name, List<XmlAttribute> attributes, List<XmlNode> children) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.attributes = List.copyOf(attributes);
        this.children = List.copyOf(children);
    }

    /** A builder of an element {@code name} in {@code namespace}. */
    public static Builder builder(String namespace, String name) {
        return new Builder(namespace, name);
    }

    /** An empty element. */
    public static XmlElement empty(String namespace, String name) {
        return new XmlElement(namespace, name, List.of(), List.of());
    }

    /** The namespace URI ("" for none). */
    public String namespace() {
        return namespace;
    }

    /** The local name. */
    public String name() {
        return name;
    }

    /** The attributes, in document order. */
    public List<XmlAttribute> attributes() {
        return attributes;
    }

    /** The children, in document order. */
    public List<XmlNode> children() {
        return children;
    }

    /** Whether this is {@code name} in {@code namespace}. */
    public boolean is(String expectedNamespace, String expectedName) {
        return namespace.equals(expectedNamespace) && name.equals(expectedName);
    }

    /** The value of the un-namespaced attribute {@code attributeName}, or null. */
    public String attribute(String attributeName) {
        return attribute("", attributeName);
    }

    /** The value of attribute {@code attributeName} in {@code attributeNamespace}, or null. */
    public String attribute(String attributeNamespace, String attributeName) {
        for (XmlAttribute attribute : attributes) {
            if (attribute.name().equals(attributeName) && attribute.namespace().equals(attributeNamespace)) {
                return attribute.value();
            }
        }
        return null;
    }

    /** The child elements. */
    public List<XmlElement> elements() {
        List<XmlElement> result = new ArrayList<>();
        for (XmlNode child : children) {
            if (child instanceof XmlElement element) {
                result.add(element);
            }
        }
        return result;
    }

    /** The first child element, if any. */
    public Optional<XmlElement> firstElement() {
        for (XmlNode child : children) {
            if (child instanceof XmlElement element) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** The first child element {@code childName} in {@code childNamespace}, if any. */
    public Optional<XmlElement> child(String childNamespace, String childName) {
        for (XmlNode child : children) {
            if (child instanceof XmlElement element && element.is(childNamespace, childName)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** The concatenated character data of the direct children. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (XmlNode child : children) {
            if (child instanceof XmlText part) {
                text.append(part.text());
            }
        }
        return text.toString();
    }

    /**
     * This element with every element of namespace {@code from} (itself and its descendants) moved
     * to namespace {@code to}: stanzas change their content namespace between streams
     * (jabber:client, jabber:component:accept, jabber:server) while payloads keep theirs.
     */
    public XmlElement withNamespace(String from, String to) {
        List<XmlNode> moved = new ArrayList<>(children.size());
        for (XmlNode child : children) {
            moved.add(child instanceof XmlElement element ? element.withNamespace(from, to) : child);
        }
        return new XmlElement(namespace.equals(from) ? to : namespace, name, attributes, moved);
    }

    /** A builder holding a copy of this element, to change some of it. */
    public Builder toBuilder() {
        Builder builder = new Builder(namespace, name);
        builder.attributes.addAll(attributes);
        builder.children.addAll(children);
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XmlElement that && namespace.equals(that.namespace) && name.equals(that.name)
                && attributes.equals(that.attributes) && children.equals(that.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, name, attributes, children);
    }

    @Override
    public String toString() {
        return XmlWriter.write(this, "");
    }

    /** Builds an element; attributes with a null value are left out. */
    public static final class Builder {
        private final String namespace;
        private final String name;
        private final List<XmlAttribute> attributes = new ArrayList<>();
        private final List<XmlNode> children = new ArrayList<>();

        private Builder(String namespace, String name) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Sets the un-namespaced attribute {@code attributeName}; null removes it. */
        public Builder attribute(String attributeName, String value) {
            return attribute("", attributeName, value);
        }

        /** Sets attribute {@code attributeName} in {@code attributeNamespace}; null removes it. */
        public Builder attribute(String attributeNamespace, String attributeName, String value) {
            attributes.removeIf(a -> a.name().equals(attributeName) && a.namespace().equals(attributeNamespace));
            if (value != null) {
                attributes.add(new XmlAttribute(attributeNamespace, attributeName, value));
            }
            return this;
        }

        /** Appends a child element. */
        public Builder child(XmlElement child) {
            children.add(child);
            return this;
        }

        /** Appends an empty child element in this element's namespace. */
        public Builder child(String childName) {
            return child(XmlElement.empty(namespace, childName));
        }

        /** Appends a child element {@code childName} in this namespace holding {@code content}. */
        public Builder textChild(String childName, String content) {
            return child(new XmlElement(namespace, childName, List.of(), List.of(new XmlText(content))));
        }

        /** Appends character data. */
        public Builder text(String content) {
            children.add(new XmlText(content));
            return this;
        }

        /** Removes every child element {@code childName} in {@code childNamespace}. */
        public Builder removeChildren(String childNamespace, String childName) {
            children.removeIf(c -> c instanceof XmlElement e && e.is(childNamespace, childName));
            return this;
        }

        /** The element. */
        public XmlElement build() {
            return new XmlElement(namespace, name, attributes, children);
        }
    }
}
