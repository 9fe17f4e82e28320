package dev.torsion.ftp.server;

import dev.torsion.ftp.parse.DataAddress;
import dev.torsion.ftp.parse.FtpReply;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.error.CannotListenError;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASV, EPSV, PORT and EPRT of one session (RFC 959 §4.1.2, RFC 2428, RFC 2577): checks each
 * request and sets up the data channel it asks for, or says which reply refuses it.
 */
final class DataChannelRequests {
    private static final Logger log = LoggerFactory.getLogger(DataChannelRequests.class);

    /** What a request earns: its reply, the new data channel (null when refused), and whether the session must close. */
    record Outcome(FtpReply reply, DataChannel channel, boolean fatal) {
        static Outcome refused(int code, String text) {
            return new Outcome(FtpReply.of(code, text), null, false);
        }
    }

    private final FtpServerConfig config;
    private final String sessionId;
    private boolean extendedPassiveOnly;
    private int passiveRequests;

    DataChannelRequests(FtpServerConfig config, String sessionId) {
        this.config = config;
        this.sessionId = sessionId;
    }

    /** A transfer ran: passive requests count from zero again. */
    void transferDone() {
        passiveRequests = 0;
    }

    /**
     * PASV ({@code extended} false) or EPSV with {@code argument}; {@code closePrevious} closes the
     * session's current channel before a new listener is bound (one passive port per session).
     */
    Outcome passive(boolean extended, String argument, Address host, Address peer, DataTls tls, Runnable closePrevious) {
        if (extended && argument.equalsIgnoreCase("ALL")) {
            // RFC 2428 §4: from now on only EPSV sets up data connections.
            extendedPassiveOnly = true;
            return Outcome.refused(200, "EPSV ALL ok.");
        }
        if (!extended && extendedPassiveOnly) {
            return Outcome.refused(503, "EPSV ALL in effect: use EPSV.");
        }
        if (extended && !argument.isEmpty() && !argument.equals("1") && !argument.equals("2")) {
            return Outcome.refused(522, "Network protocol not supported, use (1,2)");
        }
        if (++passiveRequests > config.limits().passiveWithoutTransfer()) {
            log.info("ftp {}: too many passive requests from {}", sessionId, peer);
            return new Outcome(FtpReply.of(421, "Too many passive requests without a transfer."), null, true);
        }
        closePrevious.run();
        String local = Hosts.hostOf(host);
        if (local == null) {
            return Outcome.refused(425, "Passive mode needs a TCP control connection.");
        }
        String announced = config.passiveAddress() != null ? config.passiveAddress() : Hosts.ipv4(local);
        if (!extended && announced == null) {
            return Outcome.refused(425, "Use EPSV on IPv6.");
        }
        DataChannel channel = DataChannel.passive(config.reactor(), Hosts.hostOf(peer), tls);
        int port = listen(channel, local);
        if (port < 0) {
            return Outcome.refused(425, "Can't open passive connection.");
        }
        FtpReply reply = extended ? FtpReply.of(229, "Entering Extended Passive Mode (|||" + port + "|)")
                : FtpReply.of(227, "Entering Passive Mode (" + new DataAddress(announced, port).toPortArgument() + ").");
        return new Outcome(reply, channel, false);
    }

    /** Binds a passive listener in the configured range (from a random start) or on any port; -1 if none is free. */
    private int listen(DataChannel channel, String host) {
        PortRange range = config.passivePorts();
        if (range == null) {
            try {
                return ((IPAddress) channel.listenOn(0, host).getHost()).port();
            } catch (CannotListenError e) {
                log.warn("ftp {}: no passive port: {}", sessionId, e.getMessage());
                return -1;
            }
        }
        int start = ThreadLocalRandom.current().nextInt(range.size());
        for (int i = 0; i < range.size(); i++) {
            int port = range.first() + (start + i) % range.size();
            try {
                channel.listenOn(port, host);
                return port;
            } catch (CannotListenError e) {
                continue;
            }
        }
        log.warn("ftp {}: every passive port in {}-{} is taken", sessionId, range.first(), range.last());
        return -1;
    }

    /** PORT or EPRT ({@code verb}) with {@code argument}, from a client at {@code peer}. */
    Outcome active(String verb, String argument, Address peer, DataTls tls, Runnable closePrevious) {
        if (extendedPassiveOnly) {
            return Outcome.refused(503, "EPSV ALL in effect: use EPSV.");
        }
        DataAddress target;
        if (verb.equals("EPRT")) {
            String family = DataAddress.eprtFamily(argument);
            if (family != null && !family.equals("1") && !family.equals("2")) {
                return Outcome.refused(522, "Network protocol not supported, use (1,2)");
            }
            target = DataAddress.parseEprt(argument).orElse(null);
        } else {
            target = DataAddress.parsePort(argument).orElse(null);
        }
        if (target == null) {
            return Outcome.refused(501, "Illegal " + verb + " command.");
        }
        String client = Hosts.hostOf(peer);
        if (!Hosts.same(target.host(), client)) {
            // RFC 2577 §3: no FTP bounce: data connections go only to the client's own address.
            log.warn("ftp {}: {} to {} refused: the client is {}", sessionId, verb, target.host(), client);
            return Outcome.refused(504, "Data connections only to your own address.");
        }
        if (target.port() < 1024) {
            return Outcome.refused(504, "Data connections to privileged ports refused.");
        }
        closePrevious.run();
        return new Outcome(FtpReply.of(200, verb + " command successful. Consider using EPSV."),
                DataChannel.active(config.reactor(), target, tls), false);
    }
}
