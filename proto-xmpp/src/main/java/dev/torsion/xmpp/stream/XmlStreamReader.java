package dev.torsion.xmpp.stream;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * A pure push reader of one XML stream (RFC 6120 §4) on Aalto's non-blocking parser: bytes go in
 * with {@link #feed}, and {@link #next} yields the opening tag, each top-level element as an
 * immutable tree, and the closing tag, or null when it needs more bytes. It does no I/O.
 *
 * <p>It enforces "restricted XML" (RFC 6120 §11.1): a document type declaration, a comment, a
 * processing instruction or an entity reference other than the five predefined ones earns
 * {@code <restricted-xml/>}, so nothing is ever expanded (the billion-laughs document stops at its
 * DOCTYPE). Only UTF-8 is accepted (§11.6, {@code <unsupported-encoding/>}). The stream element
 * must be {@code stream:stream} in the streams namespace (§4.8.1, §4.8.5) with the expected
 * content namespace (§4.8.2) and version 1.x (§4.7.5). The {@link XmppLimits} bound each stanza's
 * bytes, depth, attributes and namespace declarations ({@code <policy-violation/>}), so memory per
 * stream stays bounded by the stanza size plus one read. Malformed XML earns
 * {@code <not-well-formed/>} (§4.9.3.13).
 *
 * <p>Stream restarts (after STARTTLS, §5.4.3.3, and SASL, §6.4.6) use {@link #restart(boolean)}:
 * bytes already received after the last element are kept for the new stream, or dropped (the
 * plaintext after {@code <starttls/>} must never reach the protected stream).
 */
public final class XmlStreamReader {
    private static final InputFactoryImpl FACTORY = factory();

    private final XmppLimits limits;
    private final String contentNamespace;
    private final boolean versionOptional;
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final Deque<Frame> open = new ArrayDeque<>();
    private final ByteArrayOutputStream prolog = new ByteArrayOutputStream();

    private AsyncXMLStreamReader<AsyncByteArrayFeeder> parser;
    private ReaderState state = ReaderState.AWAITING_HEADER;
    private XmppStreamException failure;
    private int pendingSize;
    private byte[] fedChunk = new byte[0];
    private long fedBase;
    private long fed;
    private long boundary;
    private long lastEnd;
    private boolean encodingChecked;

    /**
     * A reader for a stream whose default content namespace must be {@code contentNamespace}
     * ({@link Namespaces#CLIENT} on client-to-server streams).
     */
    public XmlStreamReader(XmppLimits limits, String contentNamespace) {
        this(limits, contentNamespace, false);
    }

    /**
     * A reader as above that also accepts a header without 'version' when {@code versionOptional}:
     * component streams (XEP-0114 §3) carry none. A version that is given must still be 1.x.
     */
    public XmlStreamReader(XmppLimits limits, String contentNamespace, boolean versionOptional) {
        this.limits = limits;
        this.contentNamespace = contentNamespace;
        this.versionOptional = versionOptional;
        this.parser = FACTORY.createAsyncForByteArray();
    }

    private static InputFactoryImpl factory() {
        InputFactoryImpl factory = new InputFactoryImpl();
        // Nothing may be fetched or expanded: DTDs and entity references are refused, not processed.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** Where the reader is. */
    public ReaderState state() {
        return state;
    }

    /** Bytes received and not yet given to the parser. */
    public int pendingBytes() {
        return pendingSize;
    }

    /** Queues received bytes; the array is the reader's from then on. Ignored once closed or failed. */
    public void feed(byte[] data) {
        if (data.length == 0 || state == ReaderState.CLOSED || state == ReaderState.FAILED) {
            return;
        }
        pending.addLast(data);
        pendingSize += data.length;
    }

    /**
     * The next event, or null when more bytes are needed (or the stream is closed).
     *
     * @throws XmppStreamException on a violation, with the stream error it earns; the reader is
     *     {@link ReaderState#FAILED} from then on and throws the same exception again
     */
    public StreamEvent next() throws XmppStreamException {
        if (failure != null) {
            throw failure;
        }
        if (state == ReaderState.CLOSED) {
            return null;
        }
        try {
            return pull();
        } catch (XmppStreamException e) {
            return fail(e);
        } catch (XMLStreamException e) {
            return fail(translate(e));
        }
    }

    /**
     * Begins a new stream (RFC 6120 §4.3.3) after the last event returned. With {@code keepUnparsed}
     * the bytes received after it are read as the new stream's; without, they are dropped.
     */
    public void restart(boolean keepUnparsed) {
        state = state.restarted();
        byte[] rest = Arrays.copyOfRange(fedChunk, (int) Math.min(fedChunk.length, Math.max(0, lastEnd - fedBase)), fedChunk.length);
        if (!keepUnparsed) {
            pending.clear();
            pendingSize = 0;
        } else if (rest.length > 0) {
            pending.addFirst(rest);
            pendingSize += rest.length;
        }
        parser = FACTORY.createAsyncForByteArray();
        open.clear();
        prolog.reset();
        fedChunk = new byte[0];
        fedBase = 0;
        fed = 0;
        boundary = 0;
        lastEnd = 0;
    }

    private StreamEvent pull() throws XMLStreamException, XmppStreamException {
        while (true) {
            // An event may be ready without more input (the end of an empty element): ask first.
            int event = parser.next();
            if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                checkSize(fed);
                if (pending.isEmpty() || !encodingChecked && !joinFirstTwoBytes()) {
                    return null;
                }
                feedParser(pending.pollFirst());
                continue;
            }
            long end = parser.getLocationInfo().getEndingByteOffset();
            checkSize(end);
            StreamEvent result = handle(event, end);
            if (result != null) {
                lastEnd = end;
                return result;
            }
        }
    }

    /** Makes the first chunk at least two bytes long, to see a byte order mark whole; false while fewer have come. */
    private boolean joinFirstTwoBytes() {
        if (pendingSize < 2) {
            return false;
        }
        while (pending.peekFirst().length < 2) {
            byte[] first = pending.pollFirst();
            byte[] second = pending.pollFirst();
            byte[] joined = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, joined, first.length, second.length);
            pending.addFirst(joined);
        }
        return true;
    }

    private void feedParser(byte[] chunk) throws XMLStreamException, XmppStreamException {
        pendingSize -= chunk.length;
        if (!encodingChecked) {
            encodingChecked = true;
            checkByteOrderMark(chunk);
        }
        if (state == ReaderState.AWAITING_HEADER && prolog.size() <= limits.maxStanzaSize()) {
            prolog.write(chunk, 0, Math.min(chunk.length, limits.maxStanzaSize() + 1 - prolog.size()));
        }
        // Always fed from offset 0: Aalto's byte offsets are only right that way.
        fedChunk = chunk;
        fedBase = fed;
        fed += chunk.length;
        parser.getInputFeeder().feedInput(chunk, 0, chunk.length);
    }

    /** RFC 6120 §11.6: UTF-8 only. A UTF-16 byte order mark means another encoding. */
    private static void checkByteOrderMark(byte[] chunk) throws XmppStreamException {
        int first = chunk[0] & 0xFF;
        int second = chunk.length > 1 ? chunk[1] & 0xFF : -1;
        if ((first == 0xFE && second == 0xFF) || (first == 0xFF && second == 0xFE)) {
            throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_ENCODING, "UTF-16 byte order mark");
        }
    }

    private void checkSize(long offset) throws XmppStreamException {
        if (offset - boundary > limits.maxStanzaSize()) {
            throw new XmppStreamException(StreamErrorCondition.POLICY_VIOLATION,
                    "stanza larger than " + limits.maxStanzaSize() + " bytes");
        }
    }

    private StreamEvent handle(int event, long end) throws XmppStreamException {
        switch (event) {
            case XMLStreamConstants.START_DOCUMENT -> checkEncoding();
            case XMLStreamConstants.START_ELEMENT -> {
                return startElement(end);
            }
            case XMLStreamConstants.END_ELEMENT -> {
                return endElement(end);
            }
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> characters(end);
            case XMLStreamConstants.END_DOCUMENT -> {
                // After the root's end tag, which already closed the stream.
            }
            // RFC 6120 §11.1: no DTD, comment, processing instruction or entity reference.
            case XMLStreamConstants.DTD -> throw restricted("document type declaration");
            case XMLStreamConstants.COMMENT -> throw restricted("comment");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw restricted("processing instruction");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw restricted("entity reference &" + parser.getLocalName() + ";");
            default -> throw new XmppStreamException(StreamErrorCondition.BAD_FORMAT, "unexpected XML event " + event);
        }
        return null;
    }

    private static XmppStreamException restricted(String what) {
        return new XmppStreamException(StreamErrorCondition.RESTRICTED_XML, what + " (RFC 6120 section 11.1)");
    }

    /** RFC 6120 §11.6: an encoding declaration, if any, must say UTF-8. */
    private void checkEncoding() throws XmppStreamException {
        String declared = parser.getCharacterEncodingScheme();
        if (declared != null && !declared.toUpperCase(Locale.ROOT).equals("UTF-8")) {
            throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_ENCODING, "encoding " + declared);
        }
    }

    private StreamEvent startElement(long end) throws XmppStreamException {
        if (parser.getNamespaceCount() > limits.maxNamespaces()) {
            throw new XmppStreamException(StreamErrorCondition.POLICY_VIOLATION,
                    parser.getNamespaceCount() + " namespace declarations on one element");
        }
        if (parser.getAttributeCount() > limits.maxAttributes()) {
            throw new XmppStreamException(StreamErrorCondition.POLICY_VIOLATION,
                    parser.getAttributeCount() + " attributes on one element");
        }
        if (state == ReaderState.AWAITING_HEADER) {
            return streamHeader(end);
        }
        if (open.size() >= limits.maxDepth()) {
            throw new XmppStreamException(StreamErrorCondition.POLICY_VIOLATION,
                    "elements nested deeper than " + limits.maxDepth());
        }
        XmlElement.Builder element = XmlElement.builder(orEmpty(parser.getNamespaceURI()), parser.getLocalName());
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            element.attribute(orEmpty(parser.getAttributeNamespace(i)), parser.getAttributeLocalName(i), parser.getAttributeValue(i));
        }
        if (!open.isEmpty()) {
            open.peek().flushText();
        }
        open.push(new Frame(element));
        return null;
    }

    private StreamEvent streamHeader(long end) throws XmppStreamException {
        // RFC 6120 §4.8.1: the root is <stream> in the streams namespace; §4.8.5: prefixed "stream".
        if (!Namespaces.STREAMS.equals(parser.getNamespaceURI()) || !"stream".equals(parser.getLocalName())) {
            throw new XmppStreamException(StreamErrorCondition.INVALID_NAMESPACE,
                    "root element {" + orEmpty(parser.getNamespaceURI()) + "}" + parser.getLocalName());
        }
        if (!"stream".equals(parser.getPrefix())) {
            throw new XmppStreamException(StreamErrorCondition.BAD_NAMESPACE_PREFIX,
                    "stream element with prefix '" + orEmpty(parser.getPrefix()) + "'");
        }
        // RFC 6120 §4.8.2: the default namespace is the content namespace.
        String content = orEmpty(parser.getNamespaceContext().getNamespaceURI(""));
        if (!content.equals(contentNamespace)) {
            throw new XmppStreamException(StreamErrorCondition.INVALID_NAMESPACE, "content namespace '" + content + "'");
        }
        String version = parser.getAttributeValue("", "version");
        // RFC 6120 §4.7.5: major version 1; a stream without version predates RFC 3920.
        if (version == null ? !versionOptional : !version.matches("1\\.[0-9]{1,4}")) {
            throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_VERSION, "version " + version);
        }
        StreamHeader header = new StreamHeader(parser.getAttributeValue("", "from"), parser.getAttributeValue("", "to"),
                parser.getAttributeValue("", "id"), version, parser.getAttributeValue(Namespaces.XML, "lang"), content);
        state = state.opened();
        boundary = end;
        prolog.reset();
        return new StreamEvent.Opened(header);
    }

    private StreamEvent endElement(long end) {
        if (open.isEmpty()) {
            state = state.closed();
            pending.clear();
            pendingSize = 0;
            return new StreamEvent.Closed();
        }
        XmlElement element = open.pop().build();
        if (!open.isEmpty()) {
            open.peek().builder.child(element);
            return null;
        }
        boundary = end;
        return new StreamEvent.Stanza(element);
    }

    private void characters(long end) throws XmppStreamException {
        String text = parser.getText();
        if (!open.isEmpty()) {
            open.peek().text.append(text);
            return;
        }
        if (!text.isBlank()) {
            // RFC 6120 §11.7: only whitespace may come between top-level elements.
            throw new XmppStreamException(StreamErrorCondition.BAD_FORMAT, "character data between stanzas");
        }
        if (state == ReaderState.OPEN) {
            boundary = end; // whitespace keepalives (RFC 6120 §4.6.1) start no stanza
        }
    }

    private XmppStreamException translate(XMLStreamException e) {
        if (state == ReaderState.AWAITING_HEADER && contains(prolog.toByteArray(), "<!DOCTYPE")) {
            // Aalto refuses an internal subset outright: it is the DTD that earns the error.
            return restricted("document type declaration");
        }
        String message = String.valueOf(e.getMessage());
        // Aalto refuses an entity reference in an attribute value ("Unexpanded ENTITY_REFERENCE
        // (foo) in attribute value"): RFC 6120 §11.1 forbids those, so it is restricted XML.
        if (message.toLowerCase(Locale.ROOT).contains("entity")) {
            return restricted("entity reference");
        }
        return new XmppStreamException(StreamErrorCondition.NOT_WELL_FORMED, firstLine(message));
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private StreamEvent fail(XmppStreamException e) throws XmppStreamException {
        state = state.failed();
        failure = e;
        pending.clear();
        pendingSize = 0;
        open.clear();
        throw e;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /**
     * An element being read; its character data is joined here so that the tree does not depend on
     * how the bytes were split (the parser may report text in pieces).
     */
    private static final class Frame {
        final XmlElement.Builder builder;
        final StringBuilder text = new StringBuilder();

        Frame(XmlElement.Builder builder) {
            this.builder = builder;
        }

        void flushText() {
            if (text.length() > 0) {
                builder.text(text.toString());
                text.setLength(0);
            }
        }

        XmlElement build() {
            flushText();
            return builder.build();
        }
    }
}
