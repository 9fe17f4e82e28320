package dev.torsion.mail.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One Maildir directory ({@code tmp/}, {@code new/}, {@code cur/}) and delivery into it as qmail,
 * Postfix and Dovecot do it: write the whole message under a unique name in {@code tmp/}, flush it
 * to disk, then link it into {@code new/} (atomic: a reader sees all of it or nothing) and remove
 * the {@code tmp/} name. Any number of threads and processes may deliver at once.
 *
 * <p>Blocking file I/O: call it off the reactor thread.
 */
public final class Maildir {
    private final Path root;

    /** The Maildir at {@code root} (see {@link #create()}). */
    public Maildir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Two Maildirs are equal when they are the same directory. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Maildir maildir && maildir.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return "Maildir " + root;
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** Makes {@code tmp/}, {@code new/} and {@code cur/} if missing (owner-only permissions where supported). */
    public Maildir create() throws IOException {
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(root.resolve(sub));
        }
        return this;
    }

    /** Whether the three subdirectories exist. */
    public boolean exists() {
        return Files.isDirectory(root.resolve("new")) && Files.isDirectory(root.resolve("cur")) && Files.isDirectory(root.resolve("tmp"));
    }

    /** Delivers a whole message to {@code new/}; returns its file name. */
    public String deliver(byte[] message) throws IOException {
        TmpMessage tmp = startDelivery();
        try {
            tmp.write(message);
            return tmp.commit();
        } catch (IOException | RuntimeException e) {
            tmp.abort();
            throw e;
        }
    }

    /** Starts a delivery to be written in pieces (a message streaming in over SMTP). */
    public TmpMessage startDelivery() throws IOException {
        return new TmpMessage(this, MaildirNames.unique());
    }

    /** Moves a finished file from {@code tmp/} into {@code dir}, never replacing a file of the same name. */
    void publish(Path tmpFile, Path target) throws IOException {
        try {
            Files.createLink(target, tmpFile);
            Files.delete(tmpFile);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            // File systems without hard links (some network and FUSE ones): rename, still atomic.
            Files.move(tmpFile, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Writes {@code data} to a new file and flushes it to disk. */
    static void writeDurably(Path file, byte[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }
}
