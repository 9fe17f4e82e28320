package example.echo;

import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.NettyReactor;

/** The echo server of Torsion's design: every byte that arrives goes back. */
public final class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
        transport().write(data);
    }

    /** Serves on the port given as the first argument, 8000 by default, until interrupted. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        Reactor reactor = NettyReactor.create();
        reactor.listenTCP(port, address -> new Echo());
        System.out.println("echo server on port " + port + " (" + reactor.kind() + " reactor)");
        reactor.run();
    }
}
