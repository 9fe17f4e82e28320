"""Drives an NNTP server with Python's nntplib: reads, logs in over STARTTLS, posts, reads back.

Usage: nntplib_session.py HOST PORT CAFILE
Prints one line per step, "step: value", for the Java test to check.
"""
import datetime
import ssl
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import nntplib  # noqa: E402

host, port, cafile = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def out(step, value):
    print(f"{step}: {value}", flush=True)


s = nntplib.NNTP(host, port, usenetrc=False)
out("welcome", s.getwelcome())
caps = s.getcapabilities()
out("caps", " ".join(sorted(caps)))
context = ssl.create_default_context(cafile=cafile)
s.starttls(context)
out("tls", s.sock.version())
s.login("alice", "secret", usenetrc=False)
out("login", "ok")
out("date", s.date()[1].strftime("%Y"))
resp, groups = s.list()
out("list", ",".join(f"{g.group}:{g.last}:{g.first}:{g.flag}" for g in groups))
out("description", s.description("comp.lang.java"))
resp, count, first, last, name = s.group("comp.lang.java")
out("group", f"{count} {first} {last} {name}")
resp, overviews = s.over((first, last))
for number, fields in overviews:
    out("over", f"{number} {fields['subject']} {fields['message-id']} {fields[':lines']}")
resp, info = s.article(first)
out("article", f"{info.number} {info.message_id} {len(info.lines)}")
out("body", "|".join(line.decode() for line in s.body(info.message_id)[1].lines))
resp, info = s.head(last)
out("head", f"{info.number} {len(info.lines)}")
out("stat", s.stat()[1])
out("last", s.last()[1])
out("next", s.next()[1])
resp, hdrs = s.xhdr("subject", f"{first}-{last}")
out("xhdr", "|".join(f"{n}={v}" for n, v in hdrs))
article = [
    b"From: Python <py@example.org>",
    b"Newsgroups: comp.lang.java",
    b"Subject: posted by nntplib",
    b"Message-ID: <nntplib-1@example.org>",
    b"",
    b".a line starting with a dot",
    b"second line",
]
out("post", s.post(article))
resp, count, first, last, name = s.group("comp.lang.java")
out("group2", f"{count} {first} {last}")
out("posted", "|".join(line.decode() for line in s.body("<nntplib-1@example.org>")[1].lines))
since = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
out("newnews", ",".join(s.newnews("comp.lang.java", since)[1]))
out("newgroups", ",".join(g.group for g in s.newgroups(since)[1]))
try:
    s.article("<missing@example.org>")
except nntplib.NNTPTemporaryError as e:
    out("missing", str(e)[:3])
out("quit", s.quit())
