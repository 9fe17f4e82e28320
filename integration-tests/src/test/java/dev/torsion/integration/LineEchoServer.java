package dev.torsion.integration;

import dev.torsion.defer.Failure;
import dev.torsion.protocols.LineReceiver;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Answers each line {@code L} with {@code "N echo L"}, N counting lines from 1 on this
 * connection (so a client also checks order and loss); {@code "bye"} is answered with
 * {@code "bye"} and closes the connection.
 */
class LineEchoServer extends LineReceiver {
    final CompletableFuture<Failure> lost = new CompletableFuture<>();
    private int count;

    @Override
    protected void lineReceived(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (text.equals("bye")) {
            sendLine("bye");
            transport().loseConnection();
            return;
        }
        count++;
        sendLine(reply(count, text));
    }

    /** What this server answers to the {@code n}th line, {@code line}. */
    static String reply(int n, String line) {
        return n + " echo " + line;
    }

    /** How many lines (other than "bye") it answered. */
    int count() {
        return count;
    }

    @Override
    public void connectionLost(Failure reason) {
        lost.complete(reason);
    }
}
