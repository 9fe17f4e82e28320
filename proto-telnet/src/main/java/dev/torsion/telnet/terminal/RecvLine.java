package dev.torsion.telnet.terminal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A line-at-a-time terminal application with editing and history, as Conch's {@code
 * HistoricRecvLine}: subclasses get {@link #lineReceived}, {@link #interrupted} (Ctrl-C) and
 * {@link #endOfInput} (Ctrl-D on an empty line). While the application works on a line it may
 * {@link #holdInput()}: keys typed meanwhile wait (up to a bound; past it they ring the bell) and
 * replay after {@link #releaseInput()}.
 */
public abstract class RecvLine implements TerminalProtocol {
    private static final int MAX_HELD_KEYS = 4096;

    private final int maxLineLength;
    private final Deque<KeyEvent> held = new ArrayDeque<>();
    private Terminal terminal;
    private LineEditor editor;
    private String prompt = "> ";
    private boolean holding;

    /** Lines of at most {@code maxLineLength} characters. */
    protected RecvLine(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    /** The terminal. */
    protected Terminal terminal() {
        return terminal;
    }

    /** The line editor. */
    protected LineEditor editor() {
        return editor;
    }

    /** Sets the prompt shown by {@link #showPrompt()}. */
    protected void setPrompt(String prompt) {
        this.prompt = prompt;
    }

    /** Writes the prompt and the line typed so far. */
    protected void showPrompt() {
        terminal.write(prompt);
        editor.redraw();
    }

    @Override
    public void terminalConnected(Terminal connected) {
        terminal = connected;
        editor = new LineEditor(connected, maxLineLength, 500);
        connectionMade();
    }

    /** The terminal is ready; show a banner and a prompt. */
    protected void connectionMade() {
        showPrompt();
    }

    /** A line was entered. */
    protected abstract void lineReceived(String line);

    /** Ctrl-C: the line was abandoned; by default a new prompt. */
    protected void interrupted() {
        showPrompt();
    }

    /** Ctrl-D on an empty line: by default the session ends. */
    protected void endOfInput() {
        terminal.loseConnection();
    }

    /** Holds keys until {@link #releaseInput()}. */
    protected void holdInput() {
        holding = true;
    }

    /** Replays the keys held, stopping if the application holds again. */
    protected void releaseInput() {
        holding = false;
        while (!holding && !held.isEmpty()) {
            handle(held.poll());
        }
    }

    @Override
    public void keystrokeReceived(KeyEvent key) {
        if (holding) {
            if (held.size() < MAX_HELD_KEYS) {
                held.add(key);
            } else {
                terminal.bell();
            }
            return;
        }
        handle(key);
    }

    private void handle(KeyEvent key) {
        switch (key.key()) {
            case ENTER -> lineReceived(editor.submit());
            case INTERRUPT -> {
                editor.interrupt();
                interrupted();
            }
            case END_OF_INPUT -> {
                if (editor.isEmpty()) {
                    endOfInput();
                } else {
                    editor.key(KeyEvent.of(Key.DELETE));
                }
            }
            case CLEAR_SCREEN -> {
                terminal.clearScreen();
                showPrompt();
            }
            default -> {
                if (!editor.key(key)) {
                    terminal.bell();
                }
            }
        }
    }
}
