package dev.torsion.telnet.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small terminal emulator for the tests: interprets text, CR, LF, BEL, and the CSI sequences
 * the terminal layer writes (n D, n C, K, 2J, H), so tests can assert what a person would see.
 */
public final class Screen {
    private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
    private int row;
    private int column;
    private int bells;

    /** Feeds terminal output (UTF-8). */
    public Screen feed(byte[] output) {
        String text = new String(output, StandardCharsets.UTF_8);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\u001b' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
                int end = i + 2;
                while (!Character.isLetter(text.charAt(end))) {
                    end++;
                }
                csi(text.substring(i + 2, end), text.charAt(end));
                i = end + 1;
                continue;
            }
            if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                row++;
                if (row == rows.size()) {
                    rows.add(new StringBuilder());
                }
            } else if (c == '\u0007') {
                bells++;
            } else {
                put(c);
            }
            i++;
        }
        return this;
    }

    private void csi(String parameter, char command) {
        int n = parameter.isEmpty() ? 1 : parseOrZero(parameter);
        switch (command) {
            case 'D' -> column = Math.max(0, column - n);
            case 'C' -> column += n;
            case 'K' -> {
                StringBuilder line = rows.get(row);
                if (line.length() > column) {
                    line.setLength(column);
                }
            }
            case 'J' -> {
                rows.clear();
                rows.add(new StringBuilder());
                row = 0;
            }
            case 'H' -> {
                row = 0;
                column = 0;
            }
            default -> throw new IllegalArgumentException("unexpected CSI " + parameter + command);
        }
    }

    private static int parseOrZero(String parameter) {
        try {
            return Integer.parseInt(parameter);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void put(char c) {
        StringBuilder line = rows.get(row);
        while (line.length() < column) {
            line.append(' ');
        }
        if (column < line.length()) {
            line.setCharAt(column, c);
        } else {
            line.append(c);
        }
        column++;
    }

    /** The row the cursor is on, trailing spaces removed. */
    public String currentLine() {
        return rows.get(row).toString().stripTrailing();
    }

    /** Every row, trailing spaces removed. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (StringBuilder line : rows) {
            out.add(line.toString().stripTrailing());
        }
        return out;
    }

    /** The cursor's column. */
    public int column() {
        return column;
    }

    /** Bells rung. */
    public int bells() {
        return bells;
    }
}
