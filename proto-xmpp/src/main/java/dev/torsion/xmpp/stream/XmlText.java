package dev.torsion.xmpp.stream;

import java.util.Objects;

/** Character data inside an element, entities and CDATA sections already decoded. */
public record XmlText(String text) implements XmlNode {
    /** Text {@code text}, never null. */
    public XmlText {
        Objects.requireNonNull(text, "text");
    }
}
