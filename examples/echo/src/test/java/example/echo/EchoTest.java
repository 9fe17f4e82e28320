package example.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.NettyReactor;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EchoTest {
    @Test
    void echoesWhatAClientSends() throws Exception {
        Reactor reactor = NettyReactor.create();
        ListeningPort port = reactor.listenTCP(0, address -> new Echo(), 50, "127.0.0.1");
        Thread loop = new Thread(reactor::run, "reactor");
        loop.start();
        try (Socket socket = new Socket("127.0.0.1", ((IPv4Address) port.getHost()).port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            byte[] message = "hello, torsion\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(message);
            byte[] echoed = new byte[message.length];
            new DataInputStream(socket.getInputStream()).readFully(echoed);
            assertArrayEquals(message, echoed);
        } finally {
            reactor.stop();
            loop.join(Duration.ofSeconds(10).toMillis());
        }
    }
}
