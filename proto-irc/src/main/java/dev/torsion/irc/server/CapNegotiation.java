package dev.torsion.irc.server;

import dev.torsion.irc.codec.IrcMessage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * IRCv3 capability negotiation for one session ("Capability Negotiation", version 302): what
 * the server offers, what the client enabled; LS and REQ before registration hold it until END.
 */
final class CapNegotiation {
    private final IrcServer session;

    CapNegotiation(IrcServer session) {
        this.session = session;
    }

    /** One CAP command: LS, LIST, REQ or END; anything else earns 410. */
    void handle(IrcMessage m) {
        String sub = m.param(0) == null ? "" : m.param(0).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                session.capStarted();
                boolean v302 = m.param(1) != null && m.param(1).compareTo("302") >= 0;
                if (v302) {
                    // IRCv3 cap-notify: "CAP LS 302" enables it implicitly.
                    session.user().capabilities().add(Capability.CAP_NOTIFY);
                }
                sendCap("LS", offered(v302));
            }
            case "LIST" -> sendCap("LIST", enabledList());
            case "REQ" -> {
                session.capStarted();
                capRequest(m.param(1) == null ? "" : m.param(1));
            }
            case "END" -> session.capEnded();
            default -> session.reply("410", sub.isEmpty() ? "*" : m.param(0), "Invalid CAP command");
        }
    }

    private String offered(boolean withValues) {
        List<String> names = new ArrayList<>();
        for (Capability c : Capability.values()) {
            if (c == Capability.SASL) {
                if (session.config().portal() != null) {
                    names.add(withValues ? "sasl=PLAIN" : "sasl");
                }
            } else {
                names.add(c.token());
            }
        }
        return String.join(" ", names);
    }

    private String enabledList() {
        List<String> names = new ArrayList<>();
        for (Capability c : session.user().capabilities()) {
            names.add(c.token());
        }
        return String.join(" ", names);
    }

    /** IRCv3: a REQ is granted whole (ACK) or not at all (NAK). */
    private void capRequest(String request) {
        Set<Capability> add = EnumSet.noneOf(Capability.class);
        Set<Capability> remove = EnumSet.noneOf(Capability.class);
        for (String token : request.trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            boolean minus = token.startsWith("-");
            Capability c = Capability.named(minus ? token.substring(1) : token);
            if (c == null || (c == Capability.SASL && session.config().portal() == null)) {
                sendCap("NAK", request);
                return;
            }
            (minus ? remove : add).add(c);
        }
        session.user().capabilities().addAll(add);
        session.user().capabilities().removeAll(remove);
        sendCap("ACK", request.trim());
    }

    private void sendCap(String sub, String text) {
        session.deliver(IrcMessage.from(session.config().serverName(), "CAP", session.user().nickOrStar(), sub, text));
    }
}
