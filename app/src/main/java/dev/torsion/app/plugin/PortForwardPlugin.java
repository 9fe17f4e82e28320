package dev.torsion.app.plugin;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.internet.Reactor;
import dev.torsion.protocols.portforward.ProxyFactory;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code torsion portforward --port 8080 --host example.org --dest_port 80}: forwards every
 * connection to a host and port, as Twisted's {@code twistd portforward}, with flow control both
 * ways and half-close passed through.
 */
public final class PortForwardPlugin implements RunnerPlugin {
    private final Options options = new Options();

    /** The portforward plugin's options, named as twistd's (with its defaults). */
    @Command(description = "Accepts connections on ENDPOINT and forwards each one to HOST:PORT. Each side "
            + "is read only as fast as the other side takes the bytes, and a half-close passes through.")
    static final class Options {
        @Option(names = {"-p", "--port", "--listen"}, paramLabel = "ENDPOINT", defaultValue = "tcp:6666",
                description = "Where to listen: a port number or an endpoint string (default ${DEFAULT-VALUE}).")
        String listen;

        @Option(names = {"--host", "--dest_host", "--dest-host"}, paramLabel = "HOST", defaultValue = "localhost",
                description = "The host to forward to (default ${DEFAULT-VALUE}).")
        String destHost;

        @Option(names = {"-d", "--dest_port", "--dest-port"}, paramLabel = "PORT", defaultValue = "6665",
                description = "The port to forward to (default ${DEFAULT-VALUE}).")
        int destPort;

        @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "30",
                description = "Give up reaching the destination after this long (default ${DEFAULT-VALUE}).")
        int connectTimeout;
    }

    @Override
    public String name() {
        return "portforward";
    }

    @Override
    public String description() {
        return "A port forwarder: each connection is forwarded to a host and port.";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) {
        String listen = listenDescription();
        if (options.destPort < 1 || options.destPort > 65535) {
            throw new IllegalArgumentException("--dest_port must be between 1 and 65535, not " + options.destPort);
        }
        if (options.connectTimeout < 1) {
            throw new IllegalArgumentException("--connect-timeout must be at least 1 second");
        }
        String host = options.destHost;
        int port = options.destPort;
        Duration timeout = Duration.ofSeconds(options.connectTimeout);
        return ServerEndpoints.listen(reactor, listen, ProxyFactory.toTcp(reactor, host, port, timeout));
    }

    /** A bare port number means TCP on every interface, as twistd's strports. */
    private String listenDescription() {
        String listen = options.listen;
        return !listen.isEmpty() && listen.chars().allMatch(Character::isDigit) ? "tcp:" + listen : listen;
    }
}
