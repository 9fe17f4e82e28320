package dev.torsion.imap.server;

import dev.torsion.imap.mime.MimePart;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/** ENVELOPE and BODY/BODYSTRUCTURE (RFC 3501 §7.4.2) of a parsed message. */
final class StructureWriter {
    private StructureWriter() {
    }

    /** (date subject from sender reply-to to cc bcc in-reply-to message-id). */
    static void envelope(MimePart message, ResponseBuilder out) {
        out.raw("(").nstring(message.field("Date")).sp().nstring(message.field("Subject")).sp();
        String from = message.field("From");
        addresses(from, out);
        out.sp();
        // RFC 3501 §7.4.2: Sender and Reply-To default to From.
        addresses(message.field("Sender") != null ? message.field("Sender") : from, out);
        out.sp();
        addresses(message.field("Reply-To") != null ? message.field("Reply-To") : from, out);
        out.sp();
        addresses(message.field("To"), out);
        out.sp();
        addresses(message.field("Cc"), out);
        out.sp();
        addresses(message.field("Bcc"), out);
        out.sp().nstring(message.field("In-Reply-To")).sp().nstring(message.field("Message-ID")).raw(")");
    }

    private static void addresses(String value, ResponseBuilder out) {
        List<AddressList.Address> list = AddressList.parse(value);
        if (list.isEmpty()) {
            out.raw("NIL");
            return;
        }
        out.raw("(");
        for (AddressList.Address a : list) {
            out.raw("(").nstring(a.name()).raw(" NIL ").nstring(a.mailbox()).sp().nstring(a.host()).raw(")");
        }
        out.raw(")");
    }

    /** BODYSTRUCTURE with extension data, or BODY without. */
    static void structure(MimePart part, boolean extensible, ResponseBuilder out) {
        if (!part.children().isEmpty()) {
            out.raw("(");
            for (MimePart child : part.children()) {
                structure(child, extensible, out);
            }
            out.sp().string(part.subtype().toUpperCase(Locale.ROOT));
            if (extensible) {
                out.sp();
                parameters(part.parameters(), out);
                out.sp();
                disposition(part, out);
                out.sp().nstring(part.field("Content-Language")).sp().nstring(part.field("Content-Location"));
            }
            out.raw(")");
            return;
        }
        out.raw("(").string(part.type().toUpperCase(Locale.ROOT)).sp().string(part.subtype().toUpperCase(Locale.ROOT)).sp();
        parameters(part.parameters(), out);
        out.sp().nstring(part.field("Content-ID")).sp().nstring(part.field("Content-Description")).sp();
        String encoding = part.field("Content-Transfer-Encoding");
        out.string(encoding == null ? "7BIT" : encoding.strip().toUpperCase(Locale.ROOT)).sp().raw(part.bodySize());
        if (part.encapsulated() != null) {
            out.sp();
            envelope(part.encapsulated(), out);
            out.sp();
            structure(part.encapsulated(), extensible, out);
            out.sp().raw(part.bodyLines());
        } else if (part.type().equals("text")) {
            out.sp().raw(part.bodyLines());
        }
        if (extensible) {
            out.sp().nstring(part.field("Content-MD5")).sp();
            disposition(part, out);
            out.sp().nstring(part.field("Content-Language")).sp().nstring(part.field("Content-Location"));
        }
        out.raw(")");
    }

    private static void parameters(Map<String, String> parameters, ResponseBuilder out) {
        if (parameters.isEmpty()) {
            out.raw("NIL");
            return;
        }
        out.raw("(");
        boolean first = true;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!first) {
                out.sp();
            }
            first = false;
            out.string(p.getKey().toUpperCase(Locale.ROOT)).sp().string(p.getValue());
        }
        out.raw(")");
    }

    /** ("inline" ("filename" "x")) from Content-Disposition (RFC 2183), parsed by Mime4j. */
    private static void disposition(MimePart part, ResponseBuilder out) {
        String value = part.field("Content-Disposition");
        if (value == null) {
            out.raw("NIL");
            return;
        }
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(new RawField("Content-Disposition", value));
        out.raw("(").string(body.getValue().toUpperCase(Locale.ROOT)).sp();
        if (body.getParams().isEmpty()) {
            out.raw("NIL");
        } else {
            out.raw("(");
            boolean first = true;
            for (NameValuePair p : body.getParams()) {
                if (!first) {
                    out.sp();
                }
                first = false;
                out.string(p.getName().toUpperCase(Locale.ROOT)).sp().string(p.getValue() == null ? "" : p.getValue());
            }
            out.raw(")");
        }
        out.raw(")");
    }
}
