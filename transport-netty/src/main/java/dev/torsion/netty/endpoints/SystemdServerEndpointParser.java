package dev.torsion.netty.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ServerEndpoint;
import dev.torsion.internet.endpoints.ServerEndpointParser;
import dev.torsion.netty.NettyReactor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code systemd:domain=INET:index=0}, as Twisted's: listen on a socket that systemd (or
 * any socket activator speaking its protocol) passed to this process. {@code LISTEN_PID} must be
 * this process and {@code LISTEN_FDS} says how many descriptors were passed, from 3 on;
 * {@code index} picks one. {@code domain} is {@code INET} or {@code INET6} (TCP) or {@code UNIX}.
 */
public final class SystemdServerEndpointParser implements ServerEndpointParser {
    /** The first descriptor systemd passes (SD_LISTEN_FDS_START). */
    static final int FIRST_FD = 3;
    private static final Set<String> KNOWN = Set.of("domain", "index");

    private final Map<String, String> environment;
    private final long pid;

    /** A parser reading this process's environment, as ServiceLoader makes it. */
    public SystemdServerEndpointParser() {
        this(System.getenv(), ProcessHandle.current().pid());
    }

    /** A parser reading {@code environment} as if it were process {@code pid}'s (for tests). */
    SystemdServerEndpointParser(Map<String, String> environment, long pid) {
        this.environment = environment;
        this.pid = pid;
    }

    @Override
    public String prefix() {
        return "systemd";
    }

    @Override
    public ServerEndpoint parse(Reactor reactor, List<String> args, Map<String, String> kwargs) {
        EndpointArguments a = new EndpointArguments(prefix(), args, kwargs, KNOWN);
        String domain = a.require("domain", -1).toUpperCase(Locale.ROOT);
        if (!Set.of("INET", "INET6", "UNIX").contains(domain)) {
            throw new IllegalArgumentException("systemd endpoint: domain=" + domain + " must be INET, INET6 or UNIX");
        }
        int index = a.integer("index", -1, -1, 0, 1023);
        if (index < 0) {
            throw new IllegalArgumentException("systemd endpoint: 'index' is required");
        }
        int fd = inheritedDescriptor(index);
        boolean unix = domain.equals("UNIX");
        return factory -> {
            if (!(reactor instanceof NettyReactor netty)) {
                return Deferred.fail(new IllegalArgumentException("systemd sockets need a NettyReactor"));
            }
            try {
                ListeningPort port = netty.adoptListeningSocket(fd, unix, factory);
                return Deferred.succeed(port);
            } catch (RuntimeException e) {
                return Deferred.fail(e);
            }
        };
    }

    /** The descriptor number of passed socket {@code index}, after checking the activation variables. */
    int inheritedDescriptor(int index) {
        String listenPid = environment.get("LISTEN_PID");
        String listenFds = environment.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null) {
            throw new IllegalArgumentException("systemd endpoint: LISTEN_PID and LISTEN_FDS are not set: "
                    + "this process was not socket-activated");
        }
        try {
            if (Long.parseLong(listenPid.trim()) != pid) {
                throw new IllegalArgumentException("systemd endpoint: LISTEN_PID=" + listenPid
                        + " names another process (this is " + pid + ")");
            }
            int count = Integer.parseInt(listenFds.trim());
            if (index >= count) {
                throw new IllegalArgumentException("systemd endpoint: index=" + index + " but only " + count
                        + " socket(s) were passed");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("systemd endpoint: bad LISTEN_PID or LISTEN_FDS: " + e.getMessage(), e);
        }
        return FIRST_FD + index;
    }
}
