package dev.torsion.app;

import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import picocli.CommandLine.Option;

/**
 * A plugin for tests only (on the test class path): on each connection it writes {@code --size}
 * bytes at once and closes, as a server answering with a large file and {@code Connection: close}
 * does, so that a test can see what becomes of a close whose client reads nothing.
 */
public final class BlastPlugin implements RunnerPlugin {
    /** Its options. */
    public static final class Options {
        @Option(names = "--listen", required = true)
        String listen;

        @Option(names = "--size", defaultValue = "33554432")
        int size;
    }

    private final Options options = new Options();

    @Override
    public String name() {
        return "blast";
    }

    @Override
    public String description() {
        return "Test plugin: writes --size bytes to each connection, then closes it.";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) {
        return ServerEndpoints.listen(reactor, options.listen, address -> new Protocol() {
            @Override
            public void connectionMade() {
                transport().write(new byte[options.size]);
                transport().loseConnection();
            }
        });
    }
}
