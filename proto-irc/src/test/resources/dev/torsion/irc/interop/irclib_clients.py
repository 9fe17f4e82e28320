"""Two python3-irc (jaraco irc) clients against a Torsion IRC server: register, join, modes,
topic, channel and private messages. Exits 0 when every step was seen, 1 on timeout."""
import sys
import time

import irc.client

host, port = sys.argv[1], int(sys.argv[2])
reactor = irc.client.IRC()
alice = reactor.server().connect(host, port, "alice", username="alice", ircname="Alice A")
bob = reactor.server().connect(host, port, "bob", username="bob", ircname="Bob B")
seen = {}
welcomed = set()


def note(key, value):
    seen[key] = value
    print(key, value, flush=True)


def on_welcome(c, e):
    welcomed.add(c.get_nickname())
    note("welcome-" + c.get_nickname(), e.arguments[0])
    if welcomed == {"alice", "bob"}:
        alice.join("#test")


def on_join(c, e):
    who = e.source.nick
    if c is alice and who == "alice":
        bob.join("#test")
    elif c is alice and who == "bob":
        alice.privmsg("#test", "hello bob, how are you?")
        alice.mode("#test", "+m")
        alice.mode("#test", "+v bob")
        alice.topic("#test", "interop topic")


def on_namreply(c, e):
    if c is bob:
        note("names-bob", e.arguments[2])


def on_pubmsg(c, e):
    if c is bob:
        note("pubmsg-bob", e.source.nick + ":" + e.arguments[0])
        bob.privmsg("alice", "hi alice")


def on_privmsg(c, e):
    if c is alice:
        note("privmsg-alice", e.source.nick + ":" + e.arguments[0])


def on_mode(c, e):
    if c is bob:
        key = "mode-bob-" + str(len([k for k in seen if k.startswith("mode-bob-")]))
        note(key, e.source.nick + ":" + " ".join(e.arguments))


def on_topic(c, e):
    if c is bob:
        note("topic-bob", e.source.nick + ":" + e.arguments[0])


for event, handler in [("welcome", on_welcome), ("join", on_join), ("namreply", on_namreply),
                       ("pubmsg", on_pubmsg), ("privmsg", on_privmsg), ("mode", on_mode), ("topic", on_topic)]:
    reactor.add_global_handler(event, handler)

wanted = {"welcome-alice", "welcome-bob", "names-bob", "pubmsg-bob", "privmsg-alice", "mode-bob-0", "mode-bob-1", "topic-bob"}
deadline = time.time() + 30
while time.time() < deadline and not wanted <= set(seen):
    reactor.process_once(0.2)
if not wanted <= set(seen):
    print("missing", sorted(wanted - set(seen)), flush=True)
    sys.exit(1)
alice.quit("done")
bob.quit("done")
reactor.process_once(0.5)
print("ok", flush=True)
