package dev.torsion.telnet.terminal;

/** The keys the terminal layer knows; {@link #CHARACTER} carries a code point. */
public enum Key {
    /** A printable character. */
    CHARACTER,
    /** Enter (CR, LF, or CR LF). */
    ENTER,
    /** Backspace (DEL or BS). */
    BACKSPACE,
    /** Tab. */
    TAB,
    /** Escape pressed alone (or an unknown sequence's start). */
    ESCAPE,
    /** Up arrow (or Ctrl-P). */
    UP,
    /** Down arrow (or Ctrl-N). */
    DOWN,
    /** Left arrow (or Ctrl-B). */
    LEFT,
    /** Right arrow (or Ctrl-F). */
    RIGHT,
    /** Home (or Ctrl-A). */
    HOME,
    /** End (or Ctrl-E). */
    END,
    /** Insert. */
    INSERT,
    /** Delete (forward). */
    DELETE,
    /** Page up. */
    PAGE_UP,
    /** Page down. */
    PAGE_DOWN,
    /** F1 to F4. */
    F1,
    /** F2. */
    F2,
    /** F3. */
    F3,
    /** F4. */
    F4,
    /** Ctrl-C. */
    INTERRUPT,
    /** Ctrl-D. */
    END_OF_INPUT,
    /** Ctrl-U: erase the line. */
    KILL_LINE,
    /** Ctrl-K: erase to the end of the line. */
    KILL_TO_END,
    /** Ctrl-L: redraw. */
    CLEAR_SCREEN,
    /** Any other control character; the event carries its code. */
    CONTROL
}
