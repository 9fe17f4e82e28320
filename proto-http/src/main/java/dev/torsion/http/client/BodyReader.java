package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import java.io.ByteArrayOutputStream;

/** Collects a response body into bytes, with a size limit. */
final class BodyReader extends Protocol {
    private final Deferred<byte[]> result;
    private final long maxBytes;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private boolean tooLarge;

    private BodyReader(Deferred<byte[]> result, long maxBytes) {
        this.result = result;
        this.maxBytes = maxBytes;
    }

    static Deferred<byte[]> read(Response response, long maxBytes) {
        BodyReader[] reader = new BodyReader[1];
        Deferred<byte[]> result = new Deferred<>(cancelled -> {
            if (reader[0] != null && reader[0].transport() != null) {
                reader[0].transport().loseConnection();
            }
        });
        reader[0] = new BodyReader(result, maxBytes);
        response.deliverBody(reader[0]);
        return result;
    }

    @Override
    public void dataReceived(byte[] data) {
        if (tooLarge) {
            return;
        }
        if (collected.size() + (long) data.length > maxBytes) {
            tooLarge = true;
            if (!result.isCalled()) {
                result.errback(new BodyTooLarge("response body larger than " + maxBytes + " bytes"));
            }
            transport().loseConnection();
            return;
        }
        collected.writeBytes(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        if (result.isCalled()) {
            return;
        }
        if (reason.check(ResponseDone.class) != null) {
            result.callback(collected.toByteArray());
        } else {
            result.errback(reason);
        }
    }
}
