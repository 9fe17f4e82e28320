package dev.torsion.nmea.ais;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.NmeaMessage;
import dev.torsion.nmea.codec.Rejection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Joins VDM/VDO fragments into whole AIS messages and decodes them: pure, no I/O, time from the
 * given clock. A message of {@code n} sentences (IEC 61162-1 VDM: fragment count, fragment
 * number, sequential message ID) is keyed by talker, sequential ID and channel; its fragments must
 * come in order, 1 to {@code n}, and the armored payloads are concatenated, the fill bits of the
 * last one applying. What cannot complete is dropped, counted by reason and reported:
 * <ul>
 * <li>a fragment after the first with no message pending: {@code AIS_FRAGMENT_MISSING};</li>
 * <li>a first fragment for a key still pending: the old message lost its tail,
 *     {@code AIS_FRAGMENT_MISSING}, and the new one starts;</li>
 * <li>a fragment not the next expected, or with another fragment count: the whole message,
 *     {@code AIS_FRAGMENT_OUT_OF_ORDER};</li>
 * <li>a message older than {@link NmeaLimits#aisSequenceTimeout()}: {@code AIS_SEQUENCE_EXPIRED}
 *     (checked at each new fragment, so no timer is needed);</li>
 * <li>the oldest message, when one more would pass {@link NmeaLimits#maxPendingAisSequences()}:
 *     {@code AIS_TOO_MANY_PENDING}.</li>
 * </ul>
 */
public final class AisReassembler {

    /** Receives whole messages and drops. */
    public interface Sink {
        /** A decoded message. */
        void messageReceived(AisMessage message);

        /** A dropped fragment or message, or one that did not decode. */
        void rejected(Rejection rejection);
    }

    /** A message's talker, sequential ID (null when the sentences left it out) and channel. */
    private record Key(String talker, Integer sequenceId, String channel) {

        static Key of(NmeaMessage.Vdm vdm) {
            return new Key(vdm.sentence().talker(), AisReassembler.sequenceId(vdm), vdm.channel());
        }
    }

    private static final class Pending {
        final int fragments;
        final long startedNanos;
        final StringBuilder payload = new StringBuilder();
        int next = 1;

        Pending(int fragments, long startedNanos) {
            this.fragments = fragments;
            this.startedNanos = startedNanos;
        }
    }

    private final NmeaLimits limits;
    private final LongSupplier nanoTime;
    private final Sink sink;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private final Map<Rejection.Reason, Long> dropped = new EnumMap<>(Rejection.Reason.class);

    /** A reassembler applying {@code limits}, reading time from {@code nanoTime}. */
    public AisReassembler(NmeaLimits limits, LongSupplier nanoTime, Sink sink) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Takes one fragment. */
    public void accept(NmeaMessage.Vdm vdm) {
        expire();
        if (vdm.fragments() == 1) {
            complete(vdm, vdm.payload());
            return;
        }
        Key key = Key.of(vdm);
        if (vdm.fragment() == 1) {
            start(key, vdm);
            return;
        }
        Pending message = pending.get(key);
        if (message == null) {
            drop(Rejection.Reason.AIS_FRAGMENT_MISSING, vdm, "fragment " + vdm.fragment() + " of "
                    + vdm.fragments() + " without its first");
            return;
        }
        if (vdm.fragment() != message.next || vdm.fragments() != message.fragments) {
            pending.remove(key);
            drop(Rejection.Reason.AIS_FRAGMENT_OUT_OF_ORDER, vdm, "fragment " + vdm.fragment()
                    + " of " + vdm.fragments() + ", expected " + message.next + " of "
                    + message.fragments);
            return;
        }
        message.payload.append(vdm.payload());
        message.next++;
        if (message.next > message.fragments) {
            pending.remove(key);
            complete(vdm, message.payload);
        }
    }

    /** How many messages are waiting for fragments. */
    public int pendingCount() {
        return pending.size();
    }

    /** How many fragments or messages were dropped, by reason, since this reassembler began. */
    public long droppedCount(Rejection.Reason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    private void start(Key key, NmeaMessage.Vdm vdm) {
        if (pending.remove(key) != null) {
            drop(Rejection.Reason.AIS_FRAGMENT_MISSING, vdm, "message " + sequenceId(vdm)
                    + " restarted before it was complete");
        }
        if (pending.size() >= limits.maxPendingAisSequences()) {
            Iterator<Key> oldest = pending.keySet().iterator();
            Key oldestKey = oldest.next();
            oldest.remove();
            count(Rejection.Reason.AIS_TOO_MANY_PENDING);
            sink.rejected(new Rejection(Rejection.Reason.AIS_TOO_MANY_PENDING, "", "oldest message "
                    + oldestKey + " dropped: " + limits.maxPendingAisSequences() + " pending"));
        }
        Pending message = new Pending(vdm.fragments(), nanoTime.getAsLong());
        message.payload.append(vdm.payload());
        message.next = 2;
        pending.put(key, message);
    }

    private void expire() {
        long now = nanoTime.getAsLong();
        long timeout = limits.aisSequenceTimeout().toNanos();
        for (Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending> entry = it.next();
            if (now - entry.getValue().startedNanos > timeout) {
                it.remove();
                count(Rejection.Reason.AIS_SEQUENCE_EXPIRED);
                sink.rejected(new Rejection(Rejection.Reason.AIS_SEQUENCE_EXPIRED, "",
                        "message " + entry.getKey() + " waited past " + limits.aisSequenceTimeout()));
            }
        }
    }

    private void complete(NmeaMessage.Vdm last, CharSequence payload) {
        AisOrigin origin = new AisOrigin(last.sentence().talker(), last.channel(), last.ownVessel());
        try {
            sink.messageReceived(AisDecoder.decode(AisBits.dearmor(payload, last.fillBits()), origin));
        } catch (AisDecodeException | IllegalArgumentException e) {
            drop(Rejection.Reason.AIS_UNDECODABLE, last, e.getMessage());
        }
    }

    private void drop(Rejection.Reason reason, NmeaMessage.Vdm vdm, String detail) {
        count(reason);
        sink.rejected(new Rejection(reason, line(vdm), detail));
    }

    private void count(Rejection.Reason reason) {
        dropped.merge(reason, 1L, Long::sum);
    }

    /** The sequential message ID, null when absent (as it is shown in rejections). */
    private static Integer sequenceId(NmeaMessage.Vdm vdm) {
        return vdm.sequenceId() == NmeaMessage.ABSENT ? null : vdm.sequenceId();
    }

    private static String line(NmeaMessage.Vdm vdm) {
        return "!" + vdm.sentence().talker() + vdm.sentence().type() + ","
                + String.join(",", vdm.sentence().fields());
    }
}
