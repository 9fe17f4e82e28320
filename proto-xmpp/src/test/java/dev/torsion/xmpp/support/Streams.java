package dev.torsion.xmpp.support;

import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.stream.StreamEvent;
import dev.torsion.xmpp.stream.XmlStreamReader;
import dev.torsion.xmpp.stream.XmppStreamException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Feeds a stream reader whole, byte by byte or split at given points, and collects what it yields. */
public final class Streams {
    public static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='example.org' version='1.0'>";

    private Streams() {
    }

    /** What a reader made of some input: its events, then the error if one came. */
    public record Outcome(List<StreamEvent> events, XmppStreamException error) {
    }

    public static Outcome read(XmppLimits limits, byte[] input, int... splits) {
        XmlStreamReader reader = new XmlStreamReader(limits, Namespaces.CLIENT);
        List<StreamEvent> events = new ArrayList<>();
        int from = 0;
        int[] cuts = Arrays.copyOf(splits, splits.length + 1);
        cuts[splits.length] = input.length;
        try {
            for (int cut : cuts) {
                reader.feed(Arrays.copyOfRange(input, from, cut));
                from = cut;
                for (StreamEvent event = reader.next(); event != null; event = reader.next()) {
                    events.add(event);
                }
            }
            return new Outcome(events, null);
        } catch (XmppStreamException e) {
            return new Outcome(events, e);
        }
    }

    public static Outcome read(String input, int... splits) {
        return read(XmppLimits.DEFAULTS, input.getBytes(StandardCharsets.UTF_8), splits);
    }

    public static Outcome byteByByte(XmppLimits limits, byte[] input) {
        int[] cuts = new int[Math.max(0, input.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return read(limits, input, cuts);
    }

    public static Outcome byteByByte(String input) {
        return byteByByte(XmppLimits.DEFAULTS, input.getBytes(StandardCharsets.UTF_8));
    }
}
