"""Two Twisted IRCClient bots against a Torsion IRC server: sign on, join, topic, modes, channel
and private messages. Exits 0 when every step was seen, 1 on timeout."""
import sys

from twisted.internet import protocol, reactor
from twisted.words.protocols import irc

host, port = sys.argv[1], int(sys.argv[2])
seen = {}
bots = {}
WANTED = {"signedOn-carol", "signedOn-dave", "joined-carol", "joined-dave", "privmsg-dave", "privmsg-carol",
          "topic-dave", "mode-dave", "isupport-carol"}


def note(key, value):
    seen[key] = value
    print(key, value, flush=True)
    if WANTED <= set(seen) and reactor.running:
        for bot in bots.values():
            bot.quit("done")
        reactor.callLater(0.5, reactor.stop)


class Bot(irc.IRCClient):
    def connectionMade(self):
        self.nickname = self.factory.nick
        self.realname = self.factory.nick.title() + " T"
        bots[self.nickname] = self
        irc.IRCClient.connectionMade(self)

    def signedOn(self):
        note("signedOn-" + self.nickname, self.hostname)
        if "signedOn-carol" in seen and "signedOn-dave" in seen:
            bots["carol"].join("#tw")

    def joined(self, channel):
        note("joined-" + self.nickname, channel)
        if self.nickname == "carol":
            # 005 arrives after 001 (signedOn): by now Twisted has parsed our ISUPPORT.
            prefixes = self.supported.getFeature("PREFIX")
            note("isupport-carol", repr(sorted(prefixes.items())))
            bots["dave"].join("#tw")

    def userJoined(self, user, channel):
        if self.nickname == "carol":
            self.topic("#tw", "twisted topic")
            self.mode("#tw", True, "v", user="dave")
            self.msg("#tw", "hello dave")

    def privmsg(self, user, channel, message):
        note("privmsg-" + self.nickname, user.split("!")[0] + ":" + channel + ":" + message)
        if self.nickname == "dave":
            self.msg("carol", "hi carol")

    def topicUpdated(self, user, channel, newTopic):
        if self.nickname == "dave" and newTopic:
            note("topic-dave", user.split("!")[0] + ":" + newTopic)

    def modeChanged(self, user, channel, set, modes, args):
        if self.nickname == "dave":
            note("mode-dave", user.split("!")[0] + ":" + ("+" if set else "-") + modes + ":" + repr(args))


class Factory(protocol.ClientFactory):
    protocol = Bot

    def __init__(self, nick):
        self.nick = nick


def timeout():
    print("missing", sorted(WANTED - set(seen)), flush=True)
    reactor.stop()


reactor.connectTCP(host, port, Factory("carol"))
reactor.connectTCP(host, port, Factory("dave"))
reactor.callLater(30, timeout)
reactor.run()
sys.exit(0 if WANTED <= set(seen) else 1)
