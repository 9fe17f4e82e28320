"""Two slixmpp clients against an XMPP server on 127.0.0.1: STARTTLS, SCRAM, roster, presence, messages.

usage: slixmpp_clients.py PORT CA_FILE DOMAIN
Prints one JSON object with what happened; exits 0 when every step was seen, 1 otherwise.
"""
import asyncio
import json
import logging
import sys

from slixmpp import ClientXMPP

PORT, CA, DOMAIN = int(sys.argv[1]), sys.argv[2], sys.argv[3]
results = {}
done = asyncio.Event()


class Client(ClientXMPP):
    def __init__(self, user, mechanism):
        super().__init__(f"{user}@{DOMAIN}/slix", "secret", sasl_mech=mechanism)
        self.user = user
        self.ca_certs = CA
        self.started = asyncio.Event()
        self.messages = asyncio.Queue()
        self.online = asyncio.Queue()
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0199")
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("message", self.on_message)
        self.add_event_handler("presence_available", self.on_available)
        self.add_event_handler("auth_success", lambda _: results.setdefault(f"{user}_auth", mechanism))
        self.add_event_handler("failed_auth", lambda _: results.setdefault(f"{user}_auth", "FAILED"))

    async def on_start(self, _):
        results[f"{self.user}_tls"] = self.is_connected() and self.socket is not None and hasattr(self.socket, "version")
        results[f"{self.user}_jid"] = str(self.boundjid)
        await self.get_roster()
        self.send_presence()
        self.started.set()

    def on_message(self, msg):
        if msg["type"] in ("chat", "normal"):
            self.messages.put_nowait((str(msg["from"]), msg["body"]))

    def on_available(self, presence):
        self.online.put_nowait(str(presence["from"]))


async def scenario(alice, bob):
    await asyncio.wait_for(asyncio.gather(alice.started.wait(), bob.started.wait()), 20)
    # Subscription: alice asks, bob's slixmpp approves (auto_authorize) and subscribes back (auto_subscribe).
    alice.send_presence(pto=f"bob@{DOMAIN}", ptype="subscribe")
    # Wait (10 s at most) until bob's automatic subscription back has made both sides "both".
    for _ in range(100):
        if alice.client_roster[f"bob@{DOMAIN}"]["subscription"] == "both" and \
                bob.client_roster[f"alice@{DOMAIN}"]["subscription"] == "both":
            break
        await asyncio.sleep(0.1)
    results["alice_sees_bob"] = alice.client_roster[f"bob@{DOMAIN}"]["subscription"]
    results["bob_sees_alice"] = bob.client_roster[f"alice@{DOMAIN}"]["subscription"]
    seen = await asyncio.wait_for(alice.online.get(), 10)
    while not seen.startswith(f"bob@{DOMAIN}"):
        seen = await asyncio.wait_for(alice.online.get(), 10)
    results["alice_got_presence_of"] = seen
    alice.send_message(mto=f"bob@{DOMAIN}", mbody="hello bob \u00e9 <&>", mtype="chat")
    sender, body = await asyncio.wait_for(bob.messages.get(), 10)
    results["bob_got"] = [sender, body]
    bob.send_message(mto=sender, mbody="hello alice", mtype="chat")
    sender, body = await asyncio.wait_for(alice.messages.get(), 10)
    results["alice_got"] = [sender, body]
    rtt = await alice["xep_0199"].ping(jid=DOMAIN, timeout=10)
    results["ping"] = rtt is not None
    info = await alice["xep_0030"].get_info(jid=DOMAIN, timeout=10)
    results["disco_features"] = sorted(info["disco_info"]["features"])
    alice.disconnect()
    bob.disconnect()


async def main():
    alice = Client("alice", "SCRAM-SHA-256")
    bob = Client("bob", "SCRAM-SHA-1")
    for client in (alice, bob):
        client.connect(("127.0.0.1", PORT))
    try:
        await asyncio.wait_for(scenario(alice, bob), 60)
        ok = True
    except Exception as e:  # noqa: BLE001 - the test prints what failed
        results["error"] = repr(e)
        ok = False
    print(json.dumps(results, sort_keys=True))
    await asyncio.sleep(0.5)
    return ok


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR)
    sys.exit(0 if asyncio.get_event_loop().run_until_complete(main()) else 1)
