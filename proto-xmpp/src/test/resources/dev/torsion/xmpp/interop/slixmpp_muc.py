"""slixmpp clients with the XEP-0045 plugin in a room of an XMPP server on 127.0.0.1.

usage: slixmpp_muc.py PORT CA_FILE DOMAIN MUC_DOMAIN
alice creates the room, bob joins (and sees alice), carol is refused alice's nickname; groupchat,
the subject, history for a late joiner, a private message, disco of the service, and leaving.
Prints one JSON object; exits 0 when every step was seen, 1 otherwise.
"""
import asyncio
import json
import logging
import sys

from slixmpp import ClientXMPP
from slixmpp.exceptions import PresenceError

PORT, CA, DOMAIN, MUC = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ROOM = f"lounge@{MUC}"
results = {}


class Client(ClientXMPP):
    def __init__(self, user):
        super().__init__(f"{user}@{DOMAIN}/slix", "secret")
        self.user = user
        self.ca_certs = CA
        self.started = asyncio.Event()
        self.groupchat = asyncio.Queue()
        self.private = asyncio.Queue()
        self.subjects = asyncio.Queue()
        self.left = asyncio.Queue()
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0045")
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("groupchat_message", lambda msg: self.groupchat.put_nowait(msg))
        self.add_event_handler("groupchat_subject", lambda msg: self.subjects.put_nowait(msg))
        self.add_event_handler("message", self.on_message)
        self.add_event_handler(f"muc::{ROOM}::got_offline", lambda pres: self.left.put_nowait(str(pres["from"])))

    async def on_start(self, _):
        self.send_presence()
        self.started.set()

    def on_message(self, msg):
        if msg["type"] == "chat":
            self.private.put_nowait(msg)


async def scenario(alice, bob, carol):
    await asyncio.wait_for(asyncio.gather(alice.started.wait(), bob.started.wait(), carol.started.wait()), 20)
    muc_a, muc_b, muc_c = alice["xep_0045"], bob["xep_0045"], carol["xep_0045"]
    presence, subject, occupants, history = await muc_a.join_muc_wait(ROOM, "Alice", timeout=10)
    results["alice_status"] = sorted(presence["muc"]["status_codes"])
    results["alice_role"] = [presence["muc"]["affiliation"], presence["muc"]["role"]]
    muc_a.set_subject(ROOM, "Torsion talk")
    got = await asyncio.wait_for(alice.subjects.get(), 10)
    while got["subject"] != "Torsion talk":  # the empty subject of the join comes first
        got = await asyncio.wait_for(alice.subjects.get(), 10)
    results["subject_echo"] = [str(got["from"]), got["subject"]]
    alice.send_message(mto=ROOM, mbody="first \u00e9 <&>", mtype="groupchat")
    msg = await asyncio.wait_for(alice.groupchat.get(), 10)
    results["alice_reflected"] = [str(msg["from"]), msg["body"]]

    presence, subject, occupants, history = await muc_b.join_muc_wait(ROOM, "Bob", maxstanzas=5, timeout=10)
    results["bob_role"] = [presence["muc"]["affiliation"], presence["muc"]["role"]]
    results["bob_subject"] = subject["subject"]
    results["bob_occupants"] = sorted(str(p["from"]) for p in occupants)
    results["bob_history"] = [[str(m["from"]), m["body"]] for m in history]
    results["bob_roster"] = sorted(muc_b.get_roster(ROOM))

    try:
        await muc_c.join_muc_wait(ROOM, "Alice", timeout=10)
        results["carol_conflict"] = "joined"
    except PresenceError as error:
        results["carol_conflict"] = error.condition

    bob.send_message(mto=ROOM, mbody="hello from bob", mtype="groupchat")
    while True:
        msg = await asyncio.wait_for(alice.groupchat.get(), 10)
        if msg["body"] == "hello from bob":
            break
    results["alice_got"] = [str(msg["from"]), msg["body"]]
    bob.send_message(mto=f"{ROOM}/Alice", mbody="psst", mtype="chat")
    msg = await asyncio.wait_for(alice.private.get(), 10)
    results["alice_private"] = [str(msg["from"]), msg["body"]]

    items = await alice["xep_0030"].get_items(jid=MUC, timeout=10)
    results["service_items"] = [str(item[0]) for item in items["disco_items"]["items"]]
    info = await alice["xep_0030"].get_info(jid=ROOM, timeout=10)
    results["room_identity"] = [list(identity[:2]) for identity in info["disco_info"]["identities"]]

    muc_b.leave_muc(ROOM, "Bob")
    results["alice_saw_leave"] = await asyncio.wait_for(alice.left.get(), 10)
    for client in (alice, bob, carol):
        client.disconnect()


async def main():
    alice, bob, carol = Client("alice"), Client("bob"), Client("carol")
    for client in (alice, bob, carol):
        client.connect(("127.0.0.1", PORT))
    try:
        await asyncio.wait_for(scenario(alice, bob, carol), 60)
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
