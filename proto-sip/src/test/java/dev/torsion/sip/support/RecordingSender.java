package dev.torsion.sip.support;

import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.Inbound;
import dev.torsion.sip.transport.MessageSender;
import dev.torsion.sip.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;

/** A transport that records what the transaction layer sends. */
public final class RecordingSender implements MessageSender {
    public final List<SipMessage> sent = new ArrayList<>();

    @Override
    public TransportKind sendRequest(SipRequest request, Destination destination) {
        sent.add(request);
        return destination.kind();
    }

    @Override
    public void sendResponse(SipResponse response, Inbound request) {
        sent.add(response);
    }

    /** What was sent, as start lines, and clears. */
    public List<String> take() {
        List<String> lines = new ArrayList<>();
        for (SipMessage m : sent) {
            lines.add(m instanceof SipRequest r ? r.method() : Integer.toString(((SipResponse) m).status()));
        }
        sent.clear();
        return lines;
    }
}
