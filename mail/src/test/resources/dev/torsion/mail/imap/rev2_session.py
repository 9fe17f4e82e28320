# Python's imaplib against Torsion's IMAP server with IMAP4rev2 (RFC 9051) enabled. imaplib (3.11)
# has no IMAP4rev2 mode: ENABLE goes through its enable(), UTF-8 names are passed as bytes, and
# what imaplib does not parse (ESEARCH, SEARCHRES's SAVE) is read from its untagged responses.
# Prints "key value" lines.
import imaplib
import ssl
import sys

port, ca, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context(cafile=ca)


def ok(result):
    typ, data = result
    assert typ == 'OK', (typ, data)
    return data


def take(box, name):
    return [d.decode() if isinstance(d, bytes) else d for d in box.untagged_responses.pop(name, [])]


def flat(data):
    out = []
    for d in data:
        if isinstance(d, tuple):
            out.append(d[0].decode('utf-8') + '<' + d[1].hex() + '>')
        else:
            out.append(d.decode('utf-8'))
    return ''.join(out)


box = imaplib.IMAP4('localhost', port)
box.starttls(ssl_context=ctx)
ok(box.login(user, password))
caps = ok(box.capability())[0].decode().split()
print('caps', ' '.join(c for c in caps if c in ('IMAP4rev1', 'IMAP4rev2', 'BINARY', 'SEARCHRES', 'ESEARCH')))
ok(box.enable('IMAP4rev2'))
print('enabled', ' '.join(take(box, 'ENABLED')))
ok(box._simple_command('CREATE', b'"Entw\xc3\xbcrfe"'))
print('list', flat(ok(box.list('""', b'"Entw*"'))))
print('exists', ok(box.select('INBOX'))[0].decode())
print('recent', 'RECENT' in box.untagged_responses)
print('select_list', flat(box.untagged_responses.pop('LIST', [])))
ok(box.search(None, 'UNSEEN'))
print('esearch', ' '.join(take(box, 'ESEARCH')))
print('binary', flat(ok(box.fetch('1', '(BINARY.PEEK[2] BINARY.SIZE[2])'))))
ok(box._simple_command('SEARCH', 'RETURN', '(SAVE)', 'SUBJECT', 'second'))
print('saved', 'ESEARCH' in box.untagged_responses)
print('fetch_saved', flat(ok(box.fetch('$', '(UID FLAGS)'))))
print('status', flat(ok(box.status(b'"Entw\xc3\xbcrfe"', '(MESSAGES DELETED SIZE)'))))
print('logout', box.logout()[0])
