package dev.torsion.xmpp.support;

import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.PeerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prosody (the Debian package) in the foreground for the tests of one class: a private config in a
 * temp dir, c2s on a free loopback port with STARTTLS required (the test CA's server certificate),
 * accounts with the password {@code secret}, and optionally one XEP-0114 component port.
 */
public final class ProsodyFixture implements AutoCloseable {
    private static final String PROSODY = "/usr/bin/prosody";
    private static final List<String> MODULES = List.of("roster", "saslauth", "tls", "disco", "ping", "presence", "message", "posix");

    /** The client-to-server port. */
    public final int port;
    /** The component port, or 0 when there is no component. */
    public final int componentPort;
    /** The test CA and server certificate Prosody serves. */
    public final TlsFixture tls;
    private final PeerProcess prosody;

    /** A component Prosody accepts on its component port: its domain and shared secret. */
    public record Component(String domain, String secret) {
    }

    private ProsodyFixture(Path dir, List<String> users, List<String> extraModules, Component component) throws Exception {
        tls = new TlsFixture(dir);
        port = FreePorts.tcp();
        componentPort = component == null ? 0 : FreePorts.tcp();
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("localhost/accounts"));
        for (String user : users) {
            Files.writeString(data.resolve("localhost/accounts/" + user + ".dat"), "return {\n\t[\"password\"] = \"secret\";\n};\n");
        }
        Path config = dir.resolve("prosody.cfg.lua");
        Files.writeString(config, String.join("\n", configLines(dir, data, extraModules, component)));
        List<Integer> ports = component == null ? List.of(port) : List.of(port, componentPort);
        prosody = PeerProcess.start(List.of(PROSODY, "--config", config.toString()), dir.resolve("prosody.log"),
                ports.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Starts Prosody with accounts for {@code users}, the base modules plus {@code extraModules}. */
    public static ProsodyFixture start(Path dir, List<String> users, List<String> extraModules) throws Exception {
        return new ProsodyFixture(dir, users, extraModules, null);
    }

    /** The same, with {@code component} accepted on {@link #componentPort}. */
    public static ProsodyFixture start(Path dir, List<String> users, Component component) throws Exception {
        return new ProsodyFixture(dir, users, List.of(), component);
    }

    private List<String> configLines(Path dir, Path data, List<String> extraModules, Component component) {
        List<String> modules = new ArrayList<>(MODULES);
        modules.addAll(extraModules);
        List<String> lines = new ArrayList<>(List.of(
                "daemonize = false", "run_as_root = true",
                "pidfile = \"" + dir.resolve("prosody.pid") + "\"",
                "data_path = \"" + data + "\"",
                "certificates = \"" + dir + "\"",
                "modules_enabled = { \"" + String.join("\"; \"", modules) + "\" }",
                "modules_disabled = { \"s2s\" }",
                "c2s_ports = { " + port + " }", "c2s_interfaces = { \"127.0.0.1\" }",
                component == null ? "component_ports = { }"
                        : "component_ports = { " + componentPort + " }\ncomponent_interfaces = { \"127.0.0.1\" }",
                "s2s_ports = { }", "http_ports = { }", "https_ports = { }", "c2s_direct_tls_ports = { }",
                "authentication = \"internal_plain\"", "c2s_require_encryption = true",
                "log = { { levels = { min = \"info\" }, to = \"console\" } }",
                "ssl = { key = \"" + tls.directory.resolve("server-key.pem") + "\"; certificate = \""
                        + tls.directory.resolve("server.pem") + "\" }",
                "VirtualHost \"localhost\""));
        if (component != null) {
            lines.add("Component \"" + component.domain() + "\"");
            lines.add("    component_secret = \"" + component.secret() + "\"");
        }
        lines.add("");
        return lines;
    }

    /** What Prosody has logged so far. */
    public String log() {
        return prosody.log();
    }

    @Override
    public void close() {
        prosody.close();
    }
}
