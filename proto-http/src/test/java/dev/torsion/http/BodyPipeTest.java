package dev.torsion.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipe between a connection and a body's reader: buffering, flow control, ending, dropping. */
class BodyPipeTest {
    private final List<String> source = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();

    private final PushProducer reading = new PushProducer() {
        @Override
        public void pauseProducing() {
            source.add("pause");
        }

        @Override
        public void resumeProducing() {
            source.add("resume");
        }

        @Override
        public void stopProducing() {
            source.add("stop");
        }
    };

    private final BodyPipe pipe = new BodyPipe(reading, new StringTransport(), 256 * 1024);

    private Protocol reader() {
        return new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                heard.add("data " + data.length);
            }

            @Override
            public void connectionLost(Failure reason) {
                heard.add("end " + reason.type().getSimpleName());
            }
        };
    }

    @Test
    void aBodyNobodyReadsYetIsBufferedUpTo256KiBThenTheSourcePauses() {
        for (int i = 0; i < 4; i++) {
            pipe.data(new byte[64 * 1024]);
        }
        assertEquals(List.of(), source, "256 KiB are held without pausing");
        pipe.data(new byte[1]);
        assertEquals(List.of("pause"), source);
        pipe.deliverTo(reader());
        assertEquals(List.of("data 65536", "data 65536", "data 65536", "data 65536", "data 1"), heard);
        assertEquals(List.of("pause", "resume"), source, "delivery drains the buffer and reading goes on");
    }

    @Test
    void theReadersPauseHoldsAcrossDeliveryAndEndsWithTheBody() {
        pipe.data(new byte[300 * 1024]);
        Protocol reader = new Protocol() {
            @Override
            public void connectionMade() {
                transport().pauseProducing();
            }
        };
        pipe.deliverTo(reader);
        assertEquals(List.of("pause"), source, "the reader's own pause outlives the buffer's");
        pipe.end(Failure.of(new ConnectionDone("whole")));
        assertEquals(List.of("pause", "resume"), source, "an ended body pauses nothing");
        reader.transport().pauseProducing();
        assertEquals(List.of("pause", "resume"), source);
    }

    @Test
    void anEndBeforeDeliveryReachesTheReaderAfterTheData() {
        pipe.data(new byte[3]);
        pipe.end(Failure.of(new ConnectionDone("whole")));
        pipe.deliverTo(reader());
        assertEquals(List.of("data 3", "end ConnectionDone"), heard);
        assertThrows(IllegalStateException.class, () -> pipe.deliverTo(reader()));
    }

    @Test
    void theReaderStopsTheBodyAndNothingMoreArrives() {
        Protocol reader = reader();
        pipe.deliverTo(reader);
        pipe.data(new byte[2]);
        reader.transport().loseConnection();
        pipe.data(new byte[5]);
        assertEquals(List.of("data 2"), heard);
        assertEquals(List.of("stop"), source);
        assertThrows(IllegalStateException.class, () -> reader.transport().write(new byte[1]), "a body is read-only");
    }

    @Test
    void aDiscardedBodyCannotBeDeliveredAsIfWhole() {
        pipe.data(new byte[300 * 1024]);
        pipe.discard();
        assertEquals(List.of("pause", "resume"), source);
        pipe.data(new byte[7]);
        assertThrows(IllegalStateException.class, () -> pipe.deliverTo(reader()));
    }
}
