package dev.torsion.cred.ssh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options in front of an {@code authorized_keys} key (sshd(8) "AUTHORIZED_KEYS FILE FORMAT"):
 * flags such as {@code no-pty} and {@code restrict}, and valued options such as
 * {@code command="..."} and {@code from="..."}. The checker enforces {@code from} and
 * {@code expiry-time}; the SSH server enforces the rest through the accessors here, which apply
 * {@code restrict} and the options that lift it.
 */
public final class AuthorizedKeyOptions {
    /** No options at all. */
    public static final AuthorizedKeyOptions NONE = new AuthorizedKeyOptions(List.of(), null);

    /** One option: a lower-case name and, for valued options, the unquoted value. */
    public static final class Option {
        private final String name;
        private final String value;

        /** An option; {@code value} is null for flags. */
        public Option(String name, String value) {
            this.name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
            this.value = value;
        }

        /** The option's name, lower case. */
        public String name() {
            return name;
        }

        /** The unquoted value, or null for a flag. */
        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return value == null ? name : name + "=\"" + value + "\"";
        }
    }

    private final List<Option> options;
    private final Instant expiryTime;

    AuthorizedKeyOptions(List<Option> options, Instant expiryTime) {
        this.options = List.copyOf(options);
        this.expiryTime = expiryTime;
    }

    /** Every option, in the order written. */
    public List<Option> all() {
        return options;
    }

    /** Whether the flag {@code name} is present. */
    public boolean has(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return options.stream().anyMatch(o -> o.name().equals(lower));
    }

    /** The value of the first option called {@code name}. */
    public Optional<String> value(String name) {
        return values(name).stream().findFirst();
    }

    /** The values of every option called {@code name} (environment and permitopen may repeat). */
    public List<String> values(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        for (Option option : options) {
            if (option.name().equals(lower) && option.value() != null) {
                values.add(option.value());
            }
        }
        return values;
    }

    /** The forced command, when {@code command=} is given. */
    public Optional<String> command() {
        return value("command");
    }

    /** The {@code from=} pattern list, when given. */
    public Optional<String> from() {
        return value("from");
    }

    /** When the key stops being accepted, when {@code expiry-time=} is given. */
    public Optional<Instant> expiryTime() {
        return Optional.ofNullable(expiryTime);
    }

    /** Whether a pseudo-terminal may be allocated. */
    public boolean allowsPty() {
        return allows("pty");
    }

    /** Whether port forwarding is allowed. */
    public boolean allowsPortForwarding() {
        return allows("port-forwarding");
    }

    /** Whether agent forwarding is allowed. */
    public boolean allowsAgentForwarding() {
        return allows("agent-forwarding");
    }

    /** Whether X11 forwarding is allowed. */
    public boolean allowsX11Forwarding() {
        return allows("x11-forwarding");
    }

    /** Whether {@code ~/.ssh/rc} may run. */
    public boolean allowsUserRc() {
        return allows("user-rc");
    }

    /** The later of {@code restrict}, {@code no-X} and {@code X} decides; default allowed. */
    private boolean allows(String feature) {
        boolean allowed = true;
        for (Option option : options) {
            if (option.name().equals("restrict") || option.name().equals("no-" + feature)) {
                allowed = false;
            } else if (option.name().equals(feature)) {
                allowed = true;
            }
        }
        return allowed;
    }

    static Map<String, Boolean> knownOptions() {
        return KNOWN;
    }

    /** Every option sshd knows, mapped to whether it takes a value. */
    private static final Map<String, Boolean> KNOWN = Map.ofEntries(
            Map.entry("agent-forwarding", false), Map.entry("cert-authority", false),
            Map.entry("command", true), Map.entry("environment", true), Map.entry("expiry-time", true),
            Map.entry("from", true), Map.entry("no-agent-forwarding", false),
            Map.entry("no-port-forwarding", false), Map.entry("no-pty", false), Map.entry("no-user-rc", false),
            Map.entry("no-x11-forwarding", false), Map.entry("no-touch-required", false),
            Map.entry("permitlisten", true), Map.entry("permitopen", true), Map.entry("port-forwarding", false),
            Map.entry("principals", true), Map.entry("pty", false), Map.entry("restrict", false),
            Map.entry("tunnel", true), Map.entry("user-rc", false), Map.entry("verify-required", false),
            Map.entry("x11-forwarding", false));

    @Override
    public String toString() {
        return options.toString();
    }
}
