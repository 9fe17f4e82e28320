# Python Twisted's IMAP4 client against Torsion's IMAP server: STARTTLS (its login starts TLS
# itself), SELECT, FETCH of messages, envelopes and flags, SEARCH, STORE, LOGOUT.
import sys

from twisted.internet import defer, protocol, reactor, ssl
from twisted.mail import imap4

port, ca = int(sys.argv[1]), sys.argv[2]
context = ssl.optionsForClientTLS('localhost', trustRoot=ssl.Certificate.loadPEM(open(ca, 'rb').read()))
result = {}


@defer.inlineCallbacks
def session():
    client = yield protocol.ClientCreator(reactor, imap4.IMAP4Client, context).connectTCP('127.0.0.1', port)
    caps = yield client.getCapabilities()
    print('starttls', b'STARTTLS' in caps)
    yield client.login(b'carol@example.org', b'pw3')
    print('tls', client.startedTLS)
    selected = yield client.select('INBOX')
    print('exists', selected['EXISTS'])
    print('uidvalidity', selected['UIDVALIDITY'] > 0)
    messages = yield client.fetchMessage('1')
    print('body', messages[1]['RFC822'].replace('\r\n', '|'))
    envelope = yield client.fetchEnvelope('1')
    print('subject', envelope[1]['ENVELOPE'][1])
    found = yield client.search(imap4.Query(subject='twisted'))
    print('search', found)
    flags = yield client.addFlags('1', ['\\Flagged'], silent=False)
    print('flags', sorted(next(iter(flags.values()))['FLAGS']))
    yield client.logout()


def done(outcome):
    if isinstance(outcome, Exception) or hasattr(outcome, 'getTraceback'):
        print('failure', outcome.getTraceback() if hasattr(outcome, 'getTraceback') else outcome)
        result['failed'] = True
    reactor.stop()


reactor.callWhenRunning(lambda: session().addBoth(done))
reactor.run()
sys.exit(1 if result.get('failed') else 0)
