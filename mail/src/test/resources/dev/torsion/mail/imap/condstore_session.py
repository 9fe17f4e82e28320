# Python's imaplib against Torsion's IMAP server with CONDSTORE and QRESYNC (RFC 7162): ENABLE,
# SELECT (CONDSTORE), FETCH MODSEQ and CHANGEDSINCE, STORE UNCHANGEDSINCE, SEARCH MODSEQ, STATUS
# HIGHESTMODSEQ; then a second connection resynchronising with ENABLE QRESYNC, SELECT (QRESYNC ...)
# and UID FETCH (CHANGEDSINCE n VANISHED), and seeing VANISHED instead of EXPUNGE. imaplib's
# select() takes no parameters, so the extended SELECT goes through _simple_command and the state
# select() would set is set by hand. Prints "key value" lines.
import imaplib
import ssl
import sys

port, ca, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context(cafile=ca)


def ok(result):
    typ, data = result
    assert typ == 'OK', (typ, data)
    return data


def connect():
    box = imaplib.IMAP4('localhost', port)
    box.starttls(ssl_context=ctx)
    ok(box.login(user, password))
    return box


def select(box, parameter):
    ok(box._simple_command('SELECT', 'INBOX', parameter))
    box.state = 'SELECTED'


def take(box, name):
    return [d.decode() if isinstance(d, bytes) else d for d in box.untagged_responses.pop(name, [])]


A = connect()
caps = ok(A.capability())[0].decode().split()
print('caps', ' '.join(c for c in caps if c in ('CONDSTORE', 'QRESYNC')))
ok(A.enable('CONDSTORE'))
print('enabled', ' '.join(take(A, 'ENABLED')))
select(A, '(CONDSTORE)')
highest = int(take(A, 'HIGHESTMODSEQ')[0])
uidvalidity = int(take(A, 'UIDVALIDITY')[0])
print('highest', highest)
print('modseqs', ' | '.join(d.decode() for d in ok(A.fetch('1:*', '(UID MODSEQ)'))))
print('store', ' | '.join(d.decode() for d in ok(A.store('1', '+FLAGS.SILENT', '(\\Flagged)'))))
typ, data = A._simple_command('STORE', '1:2', '(UNCHANGEDSINCE %d)' % highest, '+FLAGS.SILENT', '(\\Answered)')
print('conditional', typ, data[0].decode(), ' | '.join(take(A, 'FETCH')))
print('changedsince', ' | '.join(d.decode() for d in ok(A.fetch('1:*', '(UID) (CHANGEDSINCE %d)' % highest))))
print('search', ok(A.search(None, 'MODSEQ', str(highest + 1)))[0].decode())
print('status', ok(A.status('INBOX', '(HIGHESTMODSEQ MESSAGES)'))[0].decode())
ok(A.store('3', '+FLAGS.SILENT', '(\\Deleted)'))
take(A, 'FETCH')
ok(A.expunge())
A.logout()

# A client that was in sync at `highest + 2` (after the two stores) with UIDs 1:3 comes back.
B = connect()
ok(B.enable('QRESYNC'))
print('enabled_qresync', ' '.join(take(B, 'ENABLED')))
select(B, '(QRESYNC (%d %d 1:3))' % (uidvalidity, highest + 2))
print('resync_highest', take(B, 'HIGHESTMODSEQ')[0])
print('resync_vanished', ' | '.join(take(B, 'VANISHED')))
print('resync_fetch', ' | '.join(take(B, 'FETCH')))
typ, data = B.uid('FETCH', '1:*', '(FLAGS)', '(CHANGEDSINCE %d VANISHED)' % highest)
print('uid_fetch_vanished', ' | '.join(take(B, 'VANISHED')))
print('uid_fetch', ' | '.join(d.decode() for d in data))
ok(B.uid('STORE', '2', '+FLAGS.SILENT', '(\\Deleted)'))
take(B, 'FETCH')
typ, data = B.expunge()
print('expunge', typ, ' | '.join(take(B, 'VANISHED')), len(take(B, 'EXPUNGE')))
B.logout()
