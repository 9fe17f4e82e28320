package dev.torsion.telnet.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * The line being typed, with a cursor and a history, drawn on a {@link Terminal} as Conch's
 * {@code HistoricRecvLine} draws it: characters insert at the cursor, Backspace and Delete close
 * the gap, arrows, Home and End move, Up and Down walk the history (the line being typed is kept),
 * Ctrl-U and Ctrl-K erase. A line is held to a maximum length: a key past it rings the bell.
 * In secret mode (passwords) nothing is echoed and nothing enters the history.
 */
public final class LineEditor {
    private final Terminal terminal;
    private final int maxLength;
    private final List<String> history = new ArrayList<>();
    private final int maxHistory;
    private List<Integer> line = new ArrayList<>();
    private int cursor;
    private int historyPosition;
    private String draft = "";
    private boolean secret;

    /** An editor drawing on {@code terminal}, lines of at most {@code maxLength}, {@code maxHistory} kept. */
    public LineEditor(Terminal terminal, int maxLength, int maxHistory) {
        this.terminal = terminal;
        this.maxLength = maxLength;
        this.maxHistory = maxHistory;
    }

    /** The line so far. */
    public String line() {
        StringBuilder text = new StringBuilder();
        for (int codePoint : line) {
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    /** The cursor's position in the line, in characters. */
    public int cursor() {
        return cursor;
    }

    /** The lines entered, oldest first. */
    public List<String> history() {
        return List.copyOf(history);
    }

    /** Whether keys are echoed (false for passwords). */
    public void setSecret(boolean secret) {
        this.secret = secret;
    }

    /** Handles an editing key; returns false when the key is not an editing key. */
    public boolean key(KeyEvent event) {
        switch (event.key()) {
            case CHARACTER -> insert(event.codePoint());
            case BACKSPACE -> backspace();
            case DELETE -> delete();
            case LEFT -> moveTo(cursor - 1);
            case RIGHT -> moveTo(cursor + 1);
            case HOME -> moveTo(0);
            case END -> moveTo(line.size());
            case UP -> recall(historyPosition - 1);
            case DOWN -> recall(historyPosition + 1);
            case KILL_LINE -> replace("");
            case KILL_TO_END -> killToEnd();
            case TAB -> insert(' ');
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Inserts {@code text} at the cursor, as if typed (a completion, say). */
    public void insertText(String text) {
        text.codePoints().forEach(this::insert);
    }

    /** Ends the line (Enter): moves to the next line, keeps it in the history, returns it. */
    public String submit() {
        String text = line();
        terminal.nextLine();
        if (!secret && !text.isBlank()) {
            history.add(text);
            if (history.size() > maxHistory) {
                history.remove(0);
            }
        }
        reset();
        return text;
    }

    /** Abandons the line (Ctrl-C): shows ^C and moves to the next line. */
    public void interrupt() {
        echo("^C");
        terminal.nextLine();
        reset();
    }

    /** Redraws the line after a prompt was written (the cursor is put back where it was). */
    public void redraw() {
        echo(line());
        backward(line.size() - cursor);
    }

    /** Whether the line is empty. */
    public boolean isEmpty() {
        return line.isEmpty();
    }

    private void reset() {
        line = new ArrayList<>();
        cursor = 0;
        historyPosition = history.size();
        draft = "";
    }

    private void insert(int codePoint) {
        if (line.size() >= maxLength) {
            terminal.bell();
            return;
        }
        line.add(cursor, codePoint);
        cursor++;
        echo(Character.toString(codePoint) + tail());
        backward(line.size() - cursor);
    }

    private void backspace() {
        if (cursor == 0) {
            terminal.bell();
            return;
        }
        cursor--;
        line.remove(cursor);
        backward(1);
        closeGap();
    }

    private void delete() {
        if (cursor == line.size()) {
            terminal.bell();
            return;
        }
        line.remove(cursor);
        closeGap();
    }

    private void closeGap() {
        String tail = tail();
        echo(tail + " ");
        backward(tail.length() + 1);
    }

    private void moveTo(int position) {
        if (position < 0 || position > line.size()) {
            terminal.bell();
            return;
        }
        if (position < cursor) {
            backward(cursor - position);
        } else {
            forward(position - cursor);
        }
        cursor = position;
    }

    private void killToEnd() {
        if (!secret) {
            terminal.eraseToEndOfLine();
        }
        line = new ArrayList<>(line.subList(0, cursor));
    }

    /** Up and Down: the line being typed is kept as the draft past the newest entry. */
    private void recall(int position) {
        if (secret || position < 0 || position > history.size()) {
            terminal.bell();
            return;
        }
        if (historyPosition == history.size()) {
            draft = line();
        }
        historyPosition = position;
        replace(position == history.size() ? draft : history.get(position));
    }

    private void replace(String text) {
        backward(cursor);
        if (!secret) {
            terminal.eraseToEndOfLine();
        }
        line = new ArrayList<>();
        text.codePoints().forEach(line::add);
        cursor = line.size();
        echo(text);
    }

    private String tail() {
        StringBuilder text = new StringBuilder();
        for (int i = cursor; i < line.size(); i++) {
            text.appendCodePoint(line.get(i));
        }
        return text.toString();
    }

    private void echo(String text) {
        if (!secret) {
            terminal.write(text);
        }
    }

    private void backward(int n) {
        if (!secret) {
            terminal.cursorBackward(n);
        }
    }

    private void forward(int n) {
        if (!secret) {
            terminal.cursorForward(n);
        }
    }
}
