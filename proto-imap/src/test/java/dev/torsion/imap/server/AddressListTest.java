package dev.torsion.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.imap.mime.MimePart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5322 address lists as ENVELOPE wants them (RFC 3501 §7.4.2). */
class AddressListTest {
    private static AddressList.Address a(String name, String mailbox, String host) {
        return new AddressList.Address(name, mailbox, host);
    }

    @Test
    void mailboxesWithAndWithoutNames() {
        assertEquals(List.of(a(null, "bob", "example.org"), a("Carol, C.", "carol", "example.org"), a("Dave", "dave", "example.net")),
                AddressList.parse("bob@example.org, \"Carol, C.\" <carol@example.org>, dave@example.net (Dave)"));
        assertEquals(List.of(a(null, "x", "y.example")), AddressList.parse("<@route.example:x@y.example>"));
        assertEquals(List.of(), AddressList.parse(null));
    }

    @Test
    void groupsStartAndEnd() {
        assertEquals(List.of(a(null, "undisclosed-recipients", null), a(null, null, null)), AddressList.parse("undisclosed-recipients:;"));
        assertEquals(List.of(a(null, "Team", null), a(null, "a", "x.example"), a("B", "b", "x.example"), a(null, null, null),
                a(null, "c", "y.example")), AddressList.parse("Team: a@x.example, B <b@x.example>;, c@y.example"));
    }

    @Test
    void envelopeOfAGroup() {
        ResponseBuilder out = new ResponseBuilder();
        StructureWriter.envelope(MimePart.parse("To: undisclosed-recipients:;\r\nSubject: hi\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), out);
        assertEquals("(NIL \"hi\" NIL NIL NIL ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL)",
                new String(out.bytes(), StandardCharsets.US_ASCII));
    }
}
