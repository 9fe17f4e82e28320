package dev.torsion.mail.maildir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Run as a separate process by {@link MaildirFolderTest}: delivers N messages, syncing the folder now and then. */
public final class DeliverAndSync {
    private DeliverAndSync() {
    }

    public static void main(String[] args) throws Exception {
        MaildirFolder folder = new MaildirFolder(new Maildir(Path.of(args[0])));
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            folder.maildir().deliver(("Subject: " + args[2] + " " + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
            if (i % 10 == 0) {
                folder.sync();
            }
        }
    }
}
