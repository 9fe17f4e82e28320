package dev.torsion.socks.server;

import dev.torsion.socks.codec.SocksCommand;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may use the proxy and where to. Clients are allowed by network; by default only loopback
 * clients are, so that a server started without configuration is not an open proxy. Destinations
 * are checked against an ordered list of allow and deny rules (network and port range), the first
 * match deciding; no match allows. Destinations given as names are checked after resolution, on
 * the address actually connected to. The same destination rules apply to the address a BIND
 * accepts a connection from and to every datagram of a UDP association. CONNECT, BIND and UDP
 * ASSOCIATE are all served unless switched off ({@link Builder#refuse}).
 */
public final class SocksAccessRules {
    private final List<NetworkRange> clients;
    private final List<DestinationRule> destinations;
    private final Set<SocksCommand> refused;

    private SocksAccessRules(List<NetworkRange> clients, List<DestinationRule> destinations, Set<SocksCommand> refused) {
        this.clients = List.copyOf(clients);
        this.destinations = List.copyOf(destinations);
        this.refused = Set.copyOf(refused);
    }

    /** Whether {@code command} is served (an unknown command never is). */
    public boolean commandAllowed(SocksCommand command) {
        return command != SocksCommand.UNKNOWN && !refused.contains(command);
    }

    /** The default: loopback clients only ({@code 127.0.0.0/8}, {@code ::1}), any destination. */
    public static SocksAccessRules loopbackOnly() {
        return builder().build();
    }

    /** A builder starting from no client networks (loopback is added if none is given). */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether a client at {@code address} may use the proxy. */
    public boolean clientAllowed(InetAddress address) {
        for (NetworkRange range : clients) { // per connection: a loop, no stream
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a client may connect to {@code address} port {@code port}: the first matching rule decides. */
    public boolean destinationAllowed(InetAddress address, int port) {
        for (DestinationRule rule : destinations) {
            if (rule.matches(address, port)) {
                return rule.allow();
            }
        }
        return true;
    }

    /**
     * One destination rule.
     *
     * @param allow whether a match is allowed or denied
     * @param network the destination network
     * @param fromPort the lowest port matched
     * @param toPort the highest port matched
     */
    public record DestinationRule(boolean allow, NetworkRange network, int fromPort, int toPort) {
        /** Checks the port range. */
        public DestinationRule {
            if (fromPort < 0 || toPort > 65535 || fromPort > toPort) {
                throw new IllegalArgumentException("bad port range " + fromPort + "-" + toPort);
            }
        }

        boolean matches(InetAddress address, int port) {
            return port >= fromPort && port <= toPort && network.contains(address);
        }
    }

    /** Builds {@link SocksAccessRules}. */
    public static final class Builder {
        private final List<NetworkRange> clients = new ArrayList<>();
        private final List<DestinationRule> destinations = new ArrayList<>();
        private final Set<SocksCommand> refused = EnumSet.noneOf(SocksCommand.class);

        private Builder() {
        }

        /** Switches {@code command} off: it is answered "command not supported" (X'07', SOCKS4 91). */
        public Builder refuse(SocksCommand command) {
            refused.add(command);
            return this;
        }

        /** Allows clients in {@code cidr} ({@code 0.0.0.0/0} and {@code ::/0} make an open proxy). */
        public Builder allowClients(String cidr) {
            clients.add(NetworkRange.parse(cidr));
            return this;
        }

        /** Allows destinations in {@code cidr} on every port (ahead of later rules). */
        public Builder allowDestinations(String cidr) {
            return allowDestinations(cidr, 0, 65535);
        }

        /** Allows destinations in {@code cidr} on ports {@code fromPort} to {@code toPort}. */
        public Builder allowDestinations(String cidr, int fromPort, int toPort) {
            destinations.add(new DestinationRule(true, NetworkRange.parse(cidr), fromPort, toPort));
            return this;
        }

        /** Denies destinations in {@code cidr} on every port. */
        public Builder denyDestinations(String cidr) {
            return denyDestinations(cidr, 0, 65535);
        }

        /** Denies destinations in {@code cidr} on ports {@code fromPort} to {@code toPort}. */
        public Builder denyDestinations(String cidr, int fromPort, int toPort) {
            destinations.add(new DestinationRule(false, NetworkRange.parse(cidr), fromPort, toPort));
            return this;
        }

        /** The rules; with no client network given, loopback only. */
        public SocksAccessRules build() {
            List<NetworkRange> allowed = new ArrayList<>(clients);
            if (allowed.isEmpty()) {
                allowed.add(NetworkRange.parse("127.0.0.0/8"));
                allowed.add(NetworkRange.parse("::1/128"));
            }
            return new SocksAccessRules(allowed, destinations, refused);
        }
    }
}
