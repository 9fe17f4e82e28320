"""A Twisted component (twisted.words.protocols.jabber.component) and a Twisted client against our server.

usage: twisted_component.py CLIENT_PORT COMPONENT_PORT CA_FILE DOMAIN COMPONENT SECRET
The component connects to the component port (XEP-0114 handshake) and echoes every message with a
body; then alice logs in (STARTTLS with the CA trusted, SASL PLAIN), sends a message to
bot@COMPONENT, and waits for the echo. Prints one JSON object; exits 0 when every step was seen.
"""
import json
import sys

from twisted.internet import reactor, ssl
from twisted.words.protocols.jabber import client, component, jid, xmlstream
from twisted.words.xish import domish

CPORT, PORT, CA, DOMAIN, COMPONENT, SECRET = (int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4],
                                               sys.argv[5], sys.argv[6])
results = {}


def finish(ok):
    results["ok"] = ok
    print(json.dumps(results, sort_keys=True))
    if reactor.running:
        reactor.stop()


def message(to, sender, body):
    msg = domish.Element((None, "message"))
    msg["to"] = to
    if sender:
        msg["from"] = sender
    msg["type"] = "chat"
    msg.addElement("body", content=body)
    return msg


def component_message(xs, element):
    if element.body is None:
        return
    results["component_got"] = [element["from"], element["to"], str(element.body)]
    xs.send(message(element["from"], element["to"], "echo: " + str(element.body)))


def component_ready(xs):
    results["component"] = "accepted"
    xs.addObserver("/message", lambda element: component_message(xs, element))
    start_alice()


def alice_message(element):
    if element.body is None:
        return
    results["alice_got"] = [element["from"], str(element.body)]
    finish(True)


def alice_ready(xs):
    results["alice_jid"] = xs.authenticator.jid.full()
    xs.addObserver("/message", alice_message)
    xs.send(message("bot@" + COMPONENT, None, "hello component \u00e9 <&>"))


def failed(who, reason):
    results[who + "_error"] = str(reason.value if hasattr(reason, "value") else reason)
    finish(False)


def start_alice():
    with open(CA) as ca:
        trust = ssl.Certificate.loadPEM(ca.read())
    tls = ssl.optionsForClientTLS(DOMAIN, trustRoot=trust)
    factory = client.XMPPClientFactory(jid.JID("alice@" + DOMAIN + "/twisted"), "secret", configurationForTLS=tls)
    factory.addBootstrap(xmlstream.STREAM_AUTHD_EVENT, alice_ready)
    factory.addBootstrap(xmlstream.INIT_FAILED_EVENT, lambda reason: failed("alice", reason))
    reactor.connectTCP("127.0.0.1", PORT, factory)


if __name__ == "__main__":
    factory = component.componentFactory(COMPONENT, SECRET)
    factory.addBootstrap(xmlstream.STREAM_AUTHD_EVENT, component_ready)
    factory.addBootstrap(xmlstream.INIT_FAILED_EVENT, lambda reason: failed("component", reason))
    # A refused handshake earns a stream error; the factory would reconnect: stop at the first.
    factory.addBootstrap(xmlstream.STREAM_ERROR_EVENT, lambda reason: failed("component", reason))
    reactor.connectTCP("127.0.0.1", CPORT, factory)
    reactor.callLater(30, lambda: finish(False))
    reactor.run()
    sys.exit(0 if results.get("ok") else 1)
