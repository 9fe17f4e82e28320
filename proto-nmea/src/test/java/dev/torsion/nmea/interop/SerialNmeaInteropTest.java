package dev.torsion.nmea.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.internet.Protocol;
import dev.torsion.netty.serial.SerialPortTransport;
import dev.torsion.netty.serial.SerialSettings;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.position.NmeaProtocol;
import dev.torsion.nmea.position.ReceiverState;
import dev.torsion.nmea.support.Recorder;
import dev.torsion.nmea.support.SocatPtys;
import dev.torsion.nmea.support.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every gpsd regression log sent down one end of a socat pty pair and read at the other through
 * the serial transport by {@link NmeaProtocol}: the same sentences, rejections and fixes as the
 * log read directly. A missing socat fails.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SerialNmeaInteropTest {

    private static LiveReactor live;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    @Test
    void everyLogReadOverASerialPortGivesWhatTheFileGives() throws Exception {
        List<Path> logs;
        try (Stream<Path> files = Files.list(TestData.nmea().resolve("logs"))) {
            logs = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        List<String> differing = new ArrayList<>();
        for (Path log : logs) {
            byte[] bytes = Files.readAllBytes(log);
            Recorder direct = Recorder.replay(bytes, NmeaLimits.DEFAULTS);
            Recorder overSerial = readOverSerial(bytes, direct.events.size());
            if (!direct.summary().equals(overSerial.summary())) {
                differing.add(log.getFileName().toString());
            }
        }
        assertEquals(63, logs.size());
        assertEquals(List.of(), differing);
    }

    private static Recorder readOverSerial(byte[] bytes, int expectedEvents) throws Exception {
        try (SocatPtys ptys = new SocatPtys()) {
            Recorder recorder = new Recorder();
            NmeaProtocol reader = new NmeaProtocol(recorder);
            SerialPortTransport in = live.call(() -> SerialPortTransport.open(live.reactor::callFromThread, reader,
                    ptys.first, SerialSettings.of(115200)));
            SerialPortTransport out = live.call(() -> SerialPortTransport.open(live.reactor::callFromThread,
                    new Protocol() { }, ptys.second, SerialSettings.of(115200)));
            live.call(() -> {
                for (int at = 0; at < bytes.length; at += 4096) {
                    out.write(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 4096)));
                }
                return null;
            });
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (live.call(() -> recorder.events.size()) < expectedEvents && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            live.call(() -> {
                in.loseConnection();
                out.loseConnection();
                return null;
            });
            while (live.call(reader::state) != ReceiverState.CLOSED && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return live.call(() -> recorder);
        }
    }
}
