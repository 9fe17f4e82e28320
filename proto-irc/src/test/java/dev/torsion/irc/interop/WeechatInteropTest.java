package dev.torsion.irc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.irc.client.IrcClientConfig;
import dev.torsion.irc.client.RecordingClient;
import dev.torsion.irc.server.IrcServerConfig;
import dev.torsion.irc.server.IrcServerFactory;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * weechat-headless, scripted with {@code -r}, against our server: it registers (CAP LS 302),
 * joins, speaks and acts in a channel where our client listens, and logs what our client says.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class WeechatInteropTest {
    private static final String WEECHAT = "/usr/bin/weechat-headless";

    @TempDir
    Path dir;

    @Test
    void weechatTalksWithOurClientThroughOurServer() throws Exception {
        Programs.require(WEECHAT);
        try (LiveReactor live = new LiveReactor()) {
            IrcServerConfig config = IrcServerConfig.of("irc.example.org");
            ListeningPort listening = live.call(() -> live.reactor.listenTCP(0, new IrcServerFactory(config, live.reactor), 50, "127.0.0.1"));
            int port = ((IPAddress) listening.getHost()).port();
            RecordingClient watcher = new RecordingClient(IrcClientConfig.of("watcher")) {
                @Override
                protected void userJoined(String user, String channel) {
                    super.userJoined(user, channel);
                    msg(channel, "welcome, weechat");
                }
            };
            live.call(() -> live.reactor.connectTCP("127.0.0.1", port, new ClientFactory() {
                @Override
                public Protocol buildProtocol(Address address) {
                    return watcher;
                }
            }));
            assertEquals("watcher", live.await(watcher::registered));
            live.call(() -> {
                watcher.join("#wee");
                return null;
            });
            watcher.await("joined #wee", 10_000);

            // WeeChat spaces what it sends (anti_flood_prio_*) and QUIT jumps its queue: turn the
            // spacing off, write the log at once, and quit well after the message.
            String commands = String.join(";",
                    "/set logger.file.path " + dir.resolve("logs"),
                    "/set logger.file.flush_delay 0",
                    "/set irc.server_default.anti_flood_prio_high 0",
                    "/set irc.server_default.anti_flood_prio_low 0",
                    "/server add torsion 127.0.0.1/" + port + " -notls -nicks=wee -username=wee -realname=Wee",
                    "/connect torsion",
                    "/wait 3 /join -server torsion #wee",
                    "/wait 5 /msg -server torsion #wee hello from weechat",
                    "/wait 15 /quit");
            Process weechat = new ProcessBuilder(WEECHAT, "-d", dir.resolve("home").toString(), "-P", "irc,logger", "-r", commands)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("weechat.out").toFile()).start();
            String said = watcher.await("privmsg wee!", 30_000);
            assertTrue(said.endsWith(" #wee hello from weechat"), said);
            assertTrue(weechat.waitFor(60, TimeUnit.SECONDS), "weechat did not quit");
            assertTrue(watcher.events().contains("userJoined wee #wee"), watcher.events().toString());
            String log;
            try (Stream<Path> files = Files.walk(dir.resolve("logs"))) {
                Path channelLog = files.filter(p -> p.getFileName().toString().contains("#wee")).findFirst().orElseThrow();
                log = Files.readString(channelLog, StandardCharsets.UTF_8);
            }
            assertTrue(log.contains("watcher\twelcome, weechat"), log);
            assertTrue(log.contains("wee\thello from weechat"), log);
            live.call(() -> listening.stopListening());
        }
    }
}
