package dev.torsion.xmpp.stream;

/** The defined stream error conditions of RFC 6120 §4.9.3, each with its element name. */
public enum StreamErrorCondition {
    /** §4.9.3.1: XML that cannot be processed (well-formed, but not acceptable). */
    BAD_FORMAT("bad-format"),
    /** §4.9.3.2: a namespace prefix that is unsupported, or a missing one that is needed. */
    BAD_NAMESPACE_PREFIX("bad-namespace-prefix"),
    /** §4.9.3.3: a new stream replaces this one (the same resource bound again). */
    CONFLICT("conflict"),
    /** §4.9.3.4: the peer said nothing for too long. */
    CONNECTION_TIMEOUT("connection-timeout"),
    /** §4.9.3.5: the 'to' domain is no longer served. */
    HOST_GONE("host-gone"),
    /** §4.9.3.6: the 'to' domain is not served here. */
    HOST_UNKNOWN("host-unknown"),
    /** §4.9.3.7: a stanza lacks a needed 'to' or 'from'. */
    IMPROPER_ADDRESSING("improper-addressing"),
    /** §4.9.3.8: the server broke. */
    INTERNAL_SERVER_ERROR("internal-server-error"),
    /** §4.9.3.9: a 'from' that does not match the authenticated identity. */
    INVALID_FROM("invalid-from"),
    /** §4.9.3.10: a streams or content namespace other than the expected ones. */
    INVALID_NAMESPACE("invalid-namespace"),
    /** §4.9.3.11: XML that is invalid against the schema. */
    INVALID_XML("invalid-xml"),
    /** §4.9.3.12: data before the stream is authenticated. */
    NOT_AUTHORIZED("not-authorized"),
    /** §4.9.3.13: XML that is not well-formed. */
    NOT_WELL_FORMED("not-well-formed"),
    /** §4.9.3.14: a local policy, such as a size limit. */
    POLICY_VIOLATION("policy-violation"),
    /** §4.9.3.15: a needed remote connection failed. */
    REMOTE_CONNECTION_FAILED("remote-connection-failed"),
    /** §4.9.3.16: the stream must be negotiated again. */
    RESET("reset"),
    /** §4.9.3.17: the server lacks the resources. */
    RESOURCE_CONSTRAINT("resource-constraint"),
    /** §4.9.3.18: XML features XMPP forbids (§11.1): comments, processing instructions, DTDs, entity references. */
    RESTRICTED_XML("restricted-xml"),
    /** §4.9.3.19: connect elsewhere. */
    SEE_OTHER_HOST("see-other-host"),
    /** §4.9.3.20: the server is shutting down. */
    SYSTEM_SHUTDOWN("system-shutdown"),
    /** §4.9.3.21: none of the others. */
    UNDEFINED_CONDITION("undefined-condition"),
    /** §4.9.3.22: an encoding other than UTF-8 (§11.6). */
    UNSUPPORTED_ENCODING("unsupported-encoding"),
    /** §4.9.3.23: a feature the server requires is not offered by the peer. */
    UNSUPPORTED_FEATURE("unsupported-feature"),
    /** §4.9.3.24: a top-level element the server does not understand. */
    UNSUPPORTED_STANZA_TYPE("unsupported-stanza-type"),
    /** §4.9.3.25: a stream version the server does not support (§4.7.5). */
    UNSUPPORTED_VERSION("unsupported-version");

    private final String elementName;

    StreamErrorCondition(String elementName) {
        this.elementName = elementName;
    }

    /** The condition's element name, in {@link dev.torsion.xmpp.Namespaces#STREAM_ERRORS}. */
    public String elementName() {
        return elementName;
    }

    /** The condition named {@code elementName}, or {@link #UNDEFINED_CONDITION}. */
    public static StreamErrorCondition of(String elementName) {
        for (StreamErrorCondition condition : values()) {
            if (condition.elementName.equals(elementName)) {
                return condition;
            }
        }
        return UNDEFINED_CONDITION;
    }
}
