package dev.torsion.plugin.irc;

import dev.torsion.app.RunnerPlugin;
import dev.torsion.app.reactor.Reactors;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.ServerEndpoints;
import dev.torsion.app.service.Service;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.internet.Reactor;
import dev.torsion.irc.server.IrcAccount;
import dev.torsion.irc.server.IrcServerConfig;
import dev.torsion.irc.server.IrcServerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code torsion irc --listen tcp:6667 --server-name irc.example.org [--password SECRET]
 * [--auth file:...] [--motd FILE]}: proto-irc's server. {@code --auth} checkers back SASL PLAIN;
 * {@code ssl:} endpoints give IRC over TLS.
 */
public final class IrcPlugin implements RunnerPlugin {
    private final IrcOptions options = new IrcOptions();

    @Override
    public String name() {
        return "irc";
    }

    @Override
    public String description() {
        return "An IRC server: channels, messages, IRCv3 capabilities, SASL PLAIN, a server password, a MOTD.";
    }

    @Override
    public Object options() {
        return options;
    }

    @Override
    public Service makeService(Reactor reactor) throws IOException {
        if (Reactors.sharesPorts(reactor)) {
            // Each worker would be a network of its own, its users unable to see the others'.
            throw new IllegalArgumentException("torsion irc keeps its one network in one reactor: run it without --workers");
        }
        IrcServerConfig config = IrcServerConfig.of(options.serverName).withNetwork(options.network);
        byte[] password = password();
        if (password != null) {
            config = config.withPassword(password);
        }
        if (options.motd != null) {
            config = config.withMotd(Files.readAllLines(options.motd, StandardCharsets.UTF_8));
        }
        List<CredentialsChecker> checkers = options.auth.checkers(reactor);
        if (!checkers.isEmpty()) {
            config = config.withPortal(new Portal(IrcAccount.realm(), reactor, checkers.toArray(CredentialsChecker[]::new)));
        }
        IrcServerFactory factory = new IrcServerFactory(config, reactor);
        MultiService service = new MultiService();
        service.setName("irc");
        for (String endpoint : options.listen.isEmpty() ? List.of("tcp:6667") : options.listen) {
            ServerEndpoints.listen(reactor, endpoint, factory).setServiceParent(service);
        }
        return service;
    }

    private byte[] password() throws IOException {
        if (options.password != null && options.passwordFile != null) {
            throw new IllegalArgumentException("--password and --password-file: give one");
        }
        if (options.passwordFile != null) {
            List<String> lines = Files.readAllLines(options.passwordFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IllegalArgumentException("--password-file " + options.passwordFile + " is empty");
            }
            return lines.get(0).getBytes(StandardCharsets.UTF_8);
        }
        return options.password == null ? null : options.password.getBytes(StandardCharsets.UTF_8);
    }
}
