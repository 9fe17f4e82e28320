# Python's imaplib against Torsion's IMAP server: every command it has, over STARTTLS, with a
# message delivered by SMTP (smtplib) while a session is in IDLE. Prints "key value" lines.
import hashlib
import imaplib
import smtplib
import ssl
import sys
import time

port, smtp_port, ca = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)


def ok(result):
    typ, data = result
    assert typ == 'OK', (typ, data)
    return data


def deliver(subject, body):
    message = ('From: carol@sender.example\r\nTo: alice@example.org\r\nSubject: %s\r\n'
               'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n' % (subject, body)).encode()
    smtp = smtplib.SMTP('localhost', smtp_port)
    smtp.starttls(context=ctx)
    smtp.sendmail('carol@sender.example', ['alice@example.org'], message)
    smtp.quit()
    return message


M = imaplib.IMAP4('localhost', port)
assert 'LOGINDISABLED' in M.capabilities, M.capabilities
M.starttls(ssl_context=ctx)
ok(M.login('alice@example.org', 'secret'))
caps = ok(M.capability())[0].decode()
for cap in ('IDLE', 'UIDPLUS', 'MOVE', 'NAMESPACE', 'LITERAL+', 'SPECIAL-USE'):
    assert cap in caps, caps
print('namespace', ok(M.namespace())[0].decode())
ok(M.create('Archive'))
ok(M.create('Sent'))
ok(M.subscribe('Archive'))
print('lsub', ok(M.lsub())[0].decode())
print('list', ' | '.join(x.decode() for x in ok(M.list())))
sent = deliver('first from imaplib', 'Grüße, one')
exists = ok(M.select('INBOX'))[0].decode()
print('exists', exists)

# A second message arrives over SMTP while the session is in IDLE.
tag = M._new_tag()
M.send(tag + b' IDLE\r\n')
assert M.readline().startswith(b'+'), 'no continuation'
start = time.monotonic()
deliver('second from imaplib', 'two')
line = M.readline()
print('idle', line.decode().strip(), '%.3f' % (time.monotonic() - start))
while not line.startswith(b'* 2 RECENT'):
    line = M.readline()
M.send(b'DONE\r\n')
line = M.readline()
assert line.startswith(tag + b' OK'), line

print('search', ok(M.search(None, 'SUBJECT', 'imaplib'))[0].decode())
print('search_charset', ok(M.search('UTF-8', 'BODY', 'Grüße'.encode()))[0].decode())
data = ok(M.fetch('1', '(BODY.PEEK[] FLAGS)'))
raw = data[0][1]
header_end = raw.index(b'From: carol')
print('body_sha', hashlib.sha256(raw[header_end:]).hexdigest() == hashlib.sha256(sent).hexdigest())
print('envelope', ok(M.fetch('1', '(ENVELOPE)'))[0].decode())
print('bodystructure', ok(M.uid('FETCH', '1', '(BODYSTRUCTURE)'))[0].decode())
print('store', ok(M.store('1', '+FLAGS', '(\\Flagged \\Seen)'))[0].decode())
print('copy', M.copy('1', 'Archive')[1][0].decode())
appended = M.append('Sent', '(\\Seen)', imaplib.Time2Internaldate(time.time()), b'Subject: appended\r\n\r\nhi\r\n')
print('append', appended[1][0].decode())
print('move', M.uid('MOVE', '2', 'Archive')[0])
print('status', ok(M.status('Archive', '(MESSAGES UNSEEN UIDNEXT)'))[0].decode())
ok(M.store('1', '+FLAGS', '(\\Deleted)'))
typ, data = M.expunge()
# imaplib gathers every untagged EXPUNGE since the last look: MOVE's, then this one's.
print('expunge', typ, ' '.join(x.decode() for x in data))
ok(M.check())
ok(M.noop())
ok(M.unselect())
ok(M.select('Archive', readonly=True))
print('archive', ok(M.fetch('1:*', '(UID FLAGS)'))[0].decode())
ok(M.close())
ok(M.rename('Archive', 'Old'))
ok(M.delete('Old'))
ok(M.unsubscribe('Archive'))
print('logout', M.logout()[0])
