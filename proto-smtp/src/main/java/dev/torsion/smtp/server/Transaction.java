package dev.torsion.smtp.server;

import dev.torsion.protocols.DotStuffedDecoder;
import dev.torsion.smtp.codec.Mailbox;
import java.util.ArrayList;
import java.util.List;

/** One mail transaction of a session: from MAIL to the reply after its data, or RSET. */
final class Transaction {
    final Mailbox from;
    final boolean eightBitMime;
    final boolean smtpUtf8;
    final List<Mailbox> recipients = new ArrayList<>();
    String id;
    MessageReceiver receiver;
    DotStuffedDecoder decoder;
    long chunkRemaining;
    boolean lastChunk;
    long chunkedSize;

    Transaction(Mailbox from, boolean eightBitMime, boolean smtpUtf8) {
        this.from = from;
        this.eightBitMime = eightBitMime;
        this.smtpUtf8 = smtpUtf8;
    }

    /** Tells the receiver, if any, that the message will not complete. */
    void abort() {
        if (receiver != null) {
            MessageReceiver dropped = receiver;
            receiver = null;
            dropped.abort();
        }
    }
}
