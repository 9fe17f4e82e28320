package dev.torsion.http.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.Wire;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Response trailers (RFC 9110 section 6.5) on HTTP/1.1: in the last chunk, or nowhere under a Content-Length. */
class ResponseTrailersTest {
    private static Wire wire(boolean sized) {
        Resource root = new Resource();
        root.putChild("t", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                if (sized) {
                    request.setHeader("Content-Length", "4");
                }
                request.write("body".getBytes(StandardCharsets.US_ASCII));
                request.addTrailer("X-Checksum", "abc");
                request.finish();
                assertThrows(IllegalStateException.class, () -> request.addTrailer("X-Late", "1"));
                return NOT_DONE_YET;
            }
        });
        return new Wire(new Site(root, ServerConfig.DEFAULT.withServerName(null)));
    }

    @Test
    void aChunkedBodyCarriesTheTrailersInItsLastChunk() {
        Wire wire = wire(false);
        wire.send("GET /t HTTP/1.1\r\nHost: a\r\n\r\n");
        String response = wire.output();
        assertTrue(response.contains("\r\nTransfer-Encoding: chunked\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\n4\r\nbody\r\n0\r\nX-Checksum: abc\r\n\r\n"), response);
        assertFalse(wire.closed());
    }

    @Test
    void aSizedBodyHasNoPlaceForThem() {
        Wire wire = wire(true);
        wire.send("GET /t HTTP/1.1\r\nHost: a\r\n\r\n");
        String response = wire.output();
        assertFalse(response.contains("chunked"), response);
        assertTrue(response.endsWith("\r\n\r\nbody"), response);
        assertFalse(response.contains("X-Checksum"), response);
        assertFalse(wire.closed());
    }
}
