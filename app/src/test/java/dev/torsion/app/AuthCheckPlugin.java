package dev.torsion.app;

import dev.torsion.app.service.BaseService;
import dev.torsion.app.service.Service;
import dev.torsion.internet.Reactor;
import picocli.CommandLine.Mixin;

/** A plugin for tests only (on the test class path): it takes {@code --auth} and builds its checkers. */
public final class AuthCheckPlugin implements RunnerPlugin {
    /** Its options: only the auth mixin. */
    public static final class Options {
        @Mixin
        AuthOptions auth;
    }

    private final Options options = new Options();

    @Override
    public String name() {
        return "authcheck";
    }

    @Override
    public String description() {
        return "Test plugin: checks its --auth options.";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) {
        options.auth.checkers();
        return new BaseService();
    }

    /** The parsed auth options, for assertions. */
    AuthOptions auth() {
        return options.auth;
    }
}
