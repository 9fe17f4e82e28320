package dev.torsion.ssh.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.client.SshClientProtocol;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.server.SshServerProtocol;
import dev.torsion.ssh.support.MemorySsh;
import dev.torsion.ssh.transport.TransportConfig;
import dev.torsion.testing.IOPump;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's subsystem channel against our server in memory, whose avatar here serves no subsystem. */
class SftpClientChannelTest {
    @TempDir
    Path dir;

    @Test
    void aServerWithoutSftpRefusesTheSubsystem() {
        MemorySsh ssh = new MemorySsh(dir);
        SshServerProtocol server = ssh.server(TransportConfig.DEFAULTS, SshLimits.DEFAULTS);
        SshClientProtocol client = ssh.client(TransportConfig.DEFAULTS, null, "secret");
        IOPump pump = IOPump.connect(server, client);
        pump.flush();
        List<Object> outcome = new ArrayList<>();
        client.sftp().addCallbacks(outcome::add, failure -> outcome.add(failure.value()));
        pump.flush();
        assertEquals(1, outcome.size(), outcome.toString());
        SshProtocolException refused = assertInstanceOf(SshProtocolException.class, outcome.get(0));
        assertTrue(refused.getMessage().contains("refused the sftp subsystem"), refused.getMessage());
        // The channel was closed both ways: the connection carries on with other channels.
        List<Object> exec = new ArrayList<>();
        client.exec("echo still here").addCallback(exec::add);
        pump.flush();
        assertEquals(1, exec.size());
    }
}
