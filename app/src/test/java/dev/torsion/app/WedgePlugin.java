package dev.torsion.app;

import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Option;

/**
 * A plugin for tests only (on the test class path): its first received byte wedges the reactor
 * thread for good, as a handler stuck in a loop or waiting for memory would, so that a test can
 * see the runner's shutdown watchdog end the process anyway.
 */
public final class WedgePlugin implements RunnerPlugin {
    /** Its options. */
    public static final class Options {
        @Option(names = "--listen", required = true)
        String listen;
    }

    private final Options options = new Options();

    @Override
    public String name() {
        return "wedge";
    }

    @Override
    public String description() {
        return "Test plugin: its first received byte blocks the reactor thread forever.";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) {
        return ServerEndpoints.listen(reactor, options.listen, address -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                CountDownLatch never = new CountDownLatch(1);
                while (true) {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        // A wedged thread ignores interrupts too.
                    }
                }
            }
        });
    }
}
