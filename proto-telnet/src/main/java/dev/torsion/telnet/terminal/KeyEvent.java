package dev.torsion.telnet.terminal;

/**
 * One keystroke.
 *
 * @param key which key
 * @param codePoint the character for {@link Key#CHARACTER}, the control code for {@link Key#CONTROL},
 *     else 0
 */
public record KeyEvent(Key key, int codePoint) {
    /** A special key. */
    public static KeyEvent of(Key key) {
        return new KeyEvent(key, 0);
    }

    /** A printable character. */
    public static KeyEvent character(int codePoint) {
        return new KeyEvent(Key.CHARACTER, codePoint);
    }

    @Override
    public String toString() {
        return key == Key.CHARACTER ? "'" + Character.toString(codePoint) + "'" : key.name();
    }
}
