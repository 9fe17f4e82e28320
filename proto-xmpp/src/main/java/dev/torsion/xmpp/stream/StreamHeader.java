package dev.torsion.xmpp.stream;

/**
 * The attributes of an opening stream tag (RFC 6120 §4.7): 'from', 'to', 'id', 'version' and
 * 'xml:lang' (each null when absent), and the default content namespace it declared.
 */
public record StreamHeader(String from, String to, String id, String version, String lang, String contentNamespace) {
}
