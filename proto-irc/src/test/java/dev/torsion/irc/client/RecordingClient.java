package dev.torsion.irc.client;

import java.util.ArrayList;
import java.util.List;

/** A client that writes down every callback, for tests. */
public class RecordingClient extends IrcClient {
    public final List<String> events = new ArrayList<>();

    public RecordingClient(IrcClientConfig config) {
        super(config);
    }

    private void note(String event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    /** A copy of the events so far. */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    protected void signedOn() {
        note("signedOn " + nickname());
    }

    @Override
    protected void privmsg(String user, String target, String message) {
        note("privmsg " + user + " " + target + " " + message);
    }

    @Override
    protected void noticed(String user, String target, String message) {
        note("notice " + user + " " + target + " " + message);
    }

    @Override
    protected void action(String user, String target, String action) {
        note("action " + user + " " + target + " " + action);
    }

    @Override
    protected void ctcpReply(String user, String tag, String data) {
        note("ctcpReply " + user.split("!")[0] + " " + tag + " " + data);
    }

    @Override
    protected void joined(String channel) {
        note("joined " + channel);
    }

    @Override
    protected void left(String channel) {
        note("left " + channel);
    }

    @Override
    protected void userJoined(String user, String channel) {
        note("userJoined " + user.split("!")[0] + " " + channel);
    }

    @Override
    protected void userLeft(String user, String channel) {
        note("userLeft " + user.split("!")[0] + " " + channel);
    }

    @Override
    protected void userQuit(String user, String reason) {
        note("userQuit " + user.split("!")[0] + " " + reason);
    }

    @Override
    protected void kickedFrom(String channel, String kicker, String reason) {
        note("kickedFrom " + channel + " " + kicker.split("!")[0] + " " + reason);
    }

    @Override
    protected void topicUpdated(String user, String channel, String topic) {
        note("topic " + user.split("!")[0] + " " + channel + " " + topic);
    }

    @Override
    protected void modeChanged(String user, String target, String modes, List<String> args) {
        note("mode " + user.split("!")[0] + " " + target + " " + modes + " " + args);
    }

    @Override
    protected void userAway(String user, String message) {
        note("away " + user.split("!")[0] + " " + message);
    }

    @Override
    protected void userAccount(String user, String account) {
        note("account " + user.split("!")[0] + " " + account);
    }

    @Override
    protected void nickChanged(String newNick) {
        note("nick " + newNick);
    }

    /** Waits up to {@code millis} for an event starting with {@code prefix}; for real-socket tests. */
    public String await(String prefix, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        synchronized (events) {
            while (true) {
                for (String e : events) {
                    if (e.startsWith(prefix)) {
                        return e;
                    }
                }
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no event " + prefix + " in " + events);
                }
                events.wait(left);
            }
        }
    }

    /** Events gathered so far, as a new list (no copy of later ones). */
    public List<String> snapshot() {
        return new ArrayList<>(events());
    }
}
