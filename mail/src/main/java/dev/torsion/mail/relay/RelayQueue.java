package dev.torsion.mail.relay;

import dev.torsion.mail.maildir.MaildirNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages waiting to be relayed, in plain files as Twisted's relay queue keeps them: each entry is
 * {@code queue/ID.eml} (the message) and {@code queue/ID.env} (the envelope and the retry state),
 * both written in {@code tmp/} first and renamed; the envelope comes last, so an entry without one
 * is incomplete and ignored. Survives restarts. Blocking file I/O: call it off the reactor thread.
 */
public final class RelayQueue {
    private final Path tmp;
    private final Path queue;

    /** The queue in {@code directory} (created if missing). */
    public RelayQueue(Path directory) throws IOException {
        this.tmp = Files.createDirectories(directory.resolve("tmp"));
        this.queue = Files.createDirectories(directory.resolve("queue"));
    }

    /** Queues a message; it is due at once. Returns its entry. */
    public QueuedMessage enqueue(String from, List<String> recipients, byte[] message, long nowMillis) throws IOException {
        String id = MaildirNames.unique();
        Path body = tmp.resolve(id + ".eml");
        Files.write(body, message);
        Files.move(body, queue.resolve(id + ".eml"), StandardCopyOption.ATOMIC_MOVE);
        QueuedMessage entry = new QueuedMessage(id, from, recipients, nowMillis, 0, nowMillis);
        update(entry);
        return entry;
    }

    /** The entries whose next attempt is due at {@code nowMillis}. */
    public List<QueuedMessage> due(long nowMillis) throws IOException {
        List<QueuedMessage> out = new ArrayList<>();
        for (QueuedMessage entry : all()) {
            if (entry.nextAttemptMillis() <= nowMillis) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Every complete entry. */
    public List<QueuedMessage> all() throws IOException {
        List<QueuedMessage> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(queue, "*.env")) {
            for (Path file : files) {
                try {
                    out.add(parse(file));
                } catch (NoSuchFileException e) {
                    // Removed meanwhile.
                }
            }
        }
        return out;
    }

    /** The message of an entry. */
    public byte[] message(String id) throws IOException {
        return Files.readAllBytes(queue.resolve(id + ".eml"));
    }

    /** Writes the entry's envelope and retry state. */
    public void update(QueuedMessage entry) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("from ").append(entry.from()).append('\n')
                .append("queued ").append(entry.queuedMillis()).append('\n')
                .append("attempts ").append(entry.attempts()).append('\n')
                .append("next ").append(entry.nextAttemptMillis()).append('\n');
        for (String recipient : entry.recipients()) {
            text.append("rcpt ").append(recipient).append('\n');
        }
        Path envelope = tmp.resolve(entry.id() + ".env");
        Files.writeString(envelope, text, StandardCharsets.UTF_8);
        Files.move(envelope, queue.resolve(entry.id() + ".env"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes an entry (delivered or bounced). */
    public void remove(String id) throws IOException {
        Files.deleteIfExists(queue.resolve(id + ".env"));
        Files.deleteIfExists(queue.resolve(id + ".eml"));
    }

    private static QueuedMessage parse(Path file) throws IOException {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - 4);
        String from = "";
        long queued = 0;
        int attempts = 0;
        long next = 0;
        List<String> recipients = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            switch (key) {
                case "from" -> from = value;
                case "queued" -> queued = Long.parseLong(value);
                case "attempts" -> attempts = Integer.parseInt(value);
                case "next" -> next = Long.parseLong(value);
                case "rcpt" -> recipients.add(value);
                default -> throw new IOException("unknown line in " + file + ": " + key);
            }
        }
        return new QueuedMessage(id, from, recipients, queued, attempts, next);
    }
}
