package dev.torsion.ftp.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataAddressTest {
    @Test
    void port() {
        assertEquals(Optional.of(new DataAddress("127.0.0.1", 50001)), DataAddress.parsePort("127,0,0,1,195,81"));
        assertEquals("127,0,0,1,195,81", new DataAddress("127.0.0.1", 50001).toPortArgument());
        for (String bad : new String[] {"", "1,2,3,4,5", "1,2,3,4,5,6,7", "256,0,0,1,1,1", "a,b,c,d,e,f", "1,2,3,4,0,0", " 1,2,3,4,5,6"}) {
            assertTrue(DataAddress.parsePort(bad).isEmpty(), bad);
        }
    }

    @Test
    void eprt() {
        assertEquals(Optional.of(new DataAddress("132.235.1.2", 6275)), DataAddress.parseEprt("|1|132.235.1.2|6275|"));
        assertEquals(Optional.of(new DataAddress("::1", 5282)), DataAddress.parseEprt("!2!::1!5282!"));
        assertEquals("3", DataAddress.eprtFamily("|3|x|1|"));
        for (String bad : new String[] {"|1|132.235.1.2|70000|", "|1|::1|21|", "|2|1.2.3.4|21|", "|1|1.2.3.4|21", "|3|x|1|",
            "|1|example.com|21|", "|1|1.2.3.4|0|"}) {
            assertTrue(DataAddress.parseEprt(bad).isEmpty(), bad);
        }
        assertEquals("|2|::1|21|", new DataAddress("::1", 21).toEprtArgument());
    }

    @Test
    void passiveReplies() {
        assertEquals(Optional.of(new DataAddress("10.0.0.1", 1025)), DataAddress.parsePasvReply("Entering Passive Mode (10,0,0,1,4,1)."));
        assertEquals(Optional.of(new DataAddress("10.0.0.1", 1025)), DataAddress.parsePasvReply("=10,0,0,1,4,1"));
        assertEquals(Optional.of(new DataAddress("", 6446)), DataAddress.parseEpsvReply("Entering Extended Passive Mode (|||6446|)"));
        assertTrue(DataAddress.parseEpsvReply("Entering Extended Passive Mode (|1|1.2.3.4|6446|)").isEmpty());
        assertTrue(DataAddress.parsePasvReply("Entering Passive Mode").isEmpty());
    }
}
