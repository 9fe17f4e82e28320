package dev.torsion.xmpp.stream;

/** A node of a stanza's tree: an element or character data. */
public sealed interface XmlNode permits XmlElement, XmlText {
}
