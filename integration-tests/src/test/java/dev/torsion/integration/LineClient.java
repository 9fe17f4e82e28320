package dev.torsion.integration;

import dev.torsion.defer.Failure;
import dev.torsion.netty.TlsConnectionInfo;
import dev.torsion.protocols.LineReceiver;
import dev.torsion.tls.TlsProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends its lines once connected, then "bye", and checks every answer of a {@link LineEchoServer}
 * as it arrives: {@link #done} completes once all lines were answered correctly and "bye" came
 * back, and fails at the first wrong answer.
 */
class LineClient extends LineReceiver {
    final CompletableFuture<List<String>> done = new CompletableFuture<>();
    final CompletableFuture<Failure> lost = new CompletableFuture<>();
    /** Whether the connection was encrypted when the first answer arrived. */
    final CompletableFuture<Boolean> secure = new CompletableFuture<>();
    private final List<String> lines;
    private final List<String> answers = new ArrayList<>();

    LineClient(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** {@code count} lines naming {@code who} and their number, padded to varied lengths. */
    static List<String> numberedLines(String who, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add(who + " line " + i + " " + "x".repeat(i % 37));
        }
        return lines;
    }

    @Override
    public void connectionMade() {
        for (String line : lines) {
            sendLine(line);
        }
        sendLine("bye");
    }

    @Override
    protected void lineReceived(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        int index = answers.size();
        if (index == 0) {
            secure.complete(transport() instanceof TlsProtocol
                    || transport() instanceof TlsConnectionInfo info && info.isSecure());
        }
        answers.add(text);
        String expected = index < lines.size() ? LineEchoServer.reply(index + 1, lines.get(index)) : "bye";
        if (!text.equals(expected)) {
            done.completeExceptionally(new AssertionError("answer " + (index + 1) + " was '" + text
                    + "', expected '" + expected + "'"));
            transport().loseConnection();
        } else if (index == lines.size()) {
            done.complete(List.copyOf(answers));
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (!done.isDone()) {
            done.completeExceptionally(new AssertionError("connection lost after " + answers.size() + " of "
                    + (lines.size() + 1) + " answers: " + reason.getErrorMessage(), reason.value()));
        }
        lost.complete(reason);
    }

    /** Waits until every answer arrived and was right; returns them. */
    List<String> awaitDone() throws Exception {
        return done.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    Failure awaitLost() throws Exception {
        return lost.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
}
