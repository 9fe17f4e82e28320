package dev.torsion.app.plugin;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.internet.Reactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code torsion echo --listen tcp:8000}: an echo server (RFC 862). */
public final class EchoPlugin implements RunnerPlugin {
    private final Options options = new Options();

    /** The echo plugin's options. */
    @Command(description = "Listens on ENDPOINT and sends back every byte it receives; a connection "
            + "closes once the client has stopped sending and everything has been echoed.")
    static final class Options {
        @Option(names = "--listen", paramLabel = "ENDPOINT", defaultValue = "tcp:8000",
                description = "Where to listen, as an endpoint string (default ${DEFAULT-VALUE}).")
        String listen;
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "An echo server: every byte received is sent back (RFC 862).";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) {
        return ServerEndpoints.listen(reactor, options.listen, address -> new Echo());
    }
}
