"""Two Twisted jabber clients (twisted.words) against an XMPP server on 127.0.0.1.

usage: twisted_clients.py PORT CA_FILE DOMAIN
STARTTLS (the CA given trusted), SASL (Twisted offers DIGEST-MD5 and PLAIN), binding, presence,
a message each way. Prints one JSON object; exits 0 when every step was seen, 1 otherwise.
"""
import json
import sys

from twisted.internet import reactor, ssl
from twisted.words.protocols.jabber import client, jid, xmlstream
from twisted.words.xish import domish

PORT, CA, DOMAIN = int(sys.argv[1]), sys.argv[2], sys.argv[3]
results = {}
streams = {}


def finish(ok):
    results["ok"] = ok
    print(json.dumps(results, sort_keys=True))
    if reactor.running:
        reactor.stop()


def message(to, body):
    msg = domish.Element((None, "message"))
    msg["to"] = to
    msg["type"] = "chat"
    msg.addElement("body", content=body)
    return msg


def on_message(user, element):
    body = str(element.body) if element.body else None
    if body is None:
        return
    results[user + "_got"] = [element["from"], body]
    if user == "bob":
        streams["bob"].send(message(element["from"], "hello twisted alice"))
    else:
        finish(True)


def authenticated(user, xs):
    streams[user] = xs
    results[user + "_jid"] = xs.authenticator.jid.full()
    xs.addObserver("/message", lambda element: on_message(user, element))
    xs.send(domish.Element((None, "presence")))
    if len(streams) == 2:
        streams["alice"].send(message("bob@" + DOMAIN + "/twisted", "hello twisted bob \u00e9 <&>"))


def failed(user, reason):
    results[user + "_error"] = str(reason.value if hasattr(reason, "value") else reason)
    finish(False)


def connect(user, tls):
    factory = client.XMPPClientFactory(jid.JID(user + "@" + DOMAIN + "/twisted"), "secret", configurationForTLS=tls)
    factory.addBootstrap(xmlstream.STREAM_AUTHD_EVENT, lambda xs: authenticated(user, xs))
    factory.addBootstrap(xmlstream.INIT_FAILED_EVENT, lambda reason: failed(user, reason))
    reactor.connectTCP("127.0.0.1", PORT, factory)


if __name__ == "__main__":
    with open(CA) as ca:
        trust = ssl.Certificate.loadPEM(ca.read())
    tls = ssl.optionsForClientTLS(DOMAIN, trustRoot=trust)
    connect("alice", tls)
    connect("bob", tls)
    reactor.callLater(30, lambda: finish(False))
    reactor.run()
    sys.exit(0 if results.get("ok") else 1)
