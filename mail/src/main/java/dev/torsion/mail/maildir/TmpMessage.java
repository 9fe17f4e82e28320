package dev.torsion.mail.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A message being delivered: a file in {@code tmp/} written piece by piece, then either committed
 * (flushed and linked into {@code new/}) or aborted (removed). Until the commit no reader sees it.
 * Blocking I/O; one thread at a time.
 */
public final class TmpMessage {
    private final Maildir maildir;
    private final String name;
    private final Path tmpFile;
    private final FileChannel channel;
    private long size;
    private boolean done;

    TmpMessage(Maildir maildir, String name) throws IOException {
        this.maildir = maildir;
        this.name = name;
        this.tmpFile = maildir.root().resolve("tmp").resolve(name);
        this.channel = FileChannel.open(tmpFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Appends {@code data}. */
    public void write(byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        size += data.length;
    }

    /** Octets written so far. */
    public long size() {
        return size;
    }

    /** Flushes the file to disk and moves it into {@code new/}; returns its name there. */
    public String commit() throws IOException {
        done = true;
        try {
            channel.force(true);
        } finally {
            channel.close();
        }
        maildir.publish(tmpFile, maildir.root().resolve("new").resolve(name));
        return name;
    }

    /** Drops the message. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            channel.close();
            Files.deleteIfExists(tmpFile);
        } catch (IOException e) {
            // The tmp/ file stays behind; Maildir readers ignore tmp/, and cleaners remove old files there.
        }
    }
}
