package dev.torsion.telnet.terminal;

import java.util.function.Consumer;

/**
 * A pure parser of what a terminal sends into {@link KeyEvent}s: UTF-8 characters, control keys,
 * and the ANSI (ECMA-48) sequences of VT100/xterm keys: {@code ESC [ A} to {@code D} and
 * {@code ESC O A} to {@code D} for arrows, {@code ESC [ H}/{@code F}, {@code ESC [ 1~}/{@code 4~}
 * (and rxvt's 7~/8~) for home and end, {@code ESC [ 3~} delete, {@code 2~} insert, {@code 5~}/
 * {@code 6~} pages, {@code ESC O P} to {@code S} for F1 to F4. Modifier parameters ({@code ESC [
 * 1;5C}) are read and ignored. Unknown sequences are dropped; a sequence longer than 16 bytes is
 * abandoned, so no input grows a buffer.
 */
public final class KeyParser {
    private static final int ESC = 0x1B;
    private static final int MAX_PARAMETERS = 16;

    private final StringBuilder parameters = new StringBuilder();
    private KeyParserState state = KeyParserState.GROUND;
    private int codePoint;
    private int continuationBytes;

    /** Where the parser is. */
    public KeyParserState state() {
        return state;
    }

    /** Parses {@code bytes}, handing each key to {@code keys}. */
    public void parse(byte[] bytes, Consumer<KeyEvent> keys) {
        for (byte b : bytes) {
            step(b & 0xFF, keys);
        }
    }

    private void step(int b, Consumer<KeyEvent> keys) {
        switch (state) {
            case GROUND -> ground(b, keys);
            case CARRIAGE_RETURN -> afterCarriageReturn(b, keys);
            case ESCAPE -> escape(b, keys);
            case CONTROL_SEQUENCE -> controlSequence(b, keys);
            case SINGLE_SHIFT -> singleShift(b, keys);
            default -> utf8(b, keys);
        }
    }

    private void ground(int b, Consumer<KeyEvent> keys) {
        if (b == ESC) {
            state = KeyParserState.ESCAPE;
        } else if (b == '\r') {
            keys.accept(KeyEvent.of(Key.ENTER));
            state = KeyParserState.CARRIAGE_RETURN;
        } else if (b < 0x20 || b == 0x7F) {
            control(b, keys);
        } else if (b < 0x80) {
            keys.accept(KeyEvent.character(b));
        } else {
            startUtf8(b, keys);
        }
    }

    /** CR LF from a raw terminal is one Enter; CR NUL likewise (RFC 854's bare CR). */
    private void afterCarriageReturn(int b, Consumer<KeyEvent> keys) {
        state = KeyParserState.GROUND;
        if (b != '\n' && b != 0) {
            ground(b, keys);
        }
    }

    private static void control(int b, Consumer<KeyEvent> keys) {
        Key key = switch (b) {
            case '\n' -> Key.ENTER;
            case 0x7F, 0x08 -> Key.BACKSPACE;
            case '\t' -> Key.TAB;
            case 0x03 -> Key.INTERRUPT;
            case 0x04 -> Key.END_OF_INPUT;
            case 0x15 -> Key.KILL_LINE;
            case 0x0B -> Key.KILL_TO_END;
            case 0x0C -> Key.CLEAR_SCREEN;
            case 0x01 -> Key.HOME;
            case 0x05 -> Key.END;
            case 0x02 -> Key.LEFT;
            case 0x06 -> Key.RIGHT;
            case 0x10 -> Key.UP;
            case 0x0E -> Key.DOWN;
            default -> null;
        };
        if (key != null) {
            keys.accept(KeyEvent.of(key));
        } else if (b != 0) {
            keys.accept(new KeyEvent(Key.CONTROL, b));
        }
    }

    /** ECMA-48: ESC [ is CSI, ESC O is SS3; ESC then anything else is a lone Escape and that byte. */
    private void escape(int b, Consumer<KeyEvent> keys) {
        if (b == '[') {
            parameters.setLength(0);
            state = KeyParserState.CONTROL_SEQUENCE;
        } else if (b == 'O') {
            state = KeyParserState.SINGLE_SHIFT;
        } else {
            keys.accept(KeyEvent.of(Key.ESCAPE));
            state = KeyParserState.GROUND;
            ground(b, keys);
        }
    }

    /** ECMA-48 5.4: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, then a final 0x40-0x7E. */
    private void controlSequence(int b, Consumer<KeyEvent> keys) {
        if (b >= 0x20 && b <= 0x3F) {
            if (parameters.length() >= MAX_PARAMETERS) {
                state = KeyParserState.GROUND;
                return;
            }
            parameters.append((char) b);
            return;
        }
        state = KeyParserState.GROUND;
        if (b < 0x40 || b > 0x7E) {
            ground(b, keys);
            return;
        }
        Key key = b == '~' ? tildeKey(firstParameter()) : finalKey(b);
        if (key != null) {
            keys.accept(KeyEvent.of(key));
        }
    }

    private void singleShift(int b, Consumer<KeyEvent> keys) {
        state = KeyParserState.GROUND;
        Key key = switch (b) {
            case 'P' -> Key.F1;
            case 'Q' -> Key.F2;
            case 'R' -> Key.F3;
            case 'S' -> Key.F4;
            default -> finalKey(b);
        };
        if (key != null) {
            keys.accept(KeyEvent.of(key));
        }
    }

    private static Key finalKey(int b) {
        return switch (b) {
            case 'A' -> Key.UP;
            case 'B' -> Key.DOWN;
            case 'C' -> Key.RIGHT;
            case 'D' -> Key.LEFT;
            case 'H' -> Key.HOME;
            case 'F' -> Key.END;
            default -> null;
        };
    }

    /** VT220 editing keys (ESC [ n ~), with rxvt's 7 and 8 for home and end. */
    private static Key tildeKey(String number) {
        return switch (number) {
            case "1", "7" -> Key.HOME;
            case "2" -> Key.INSERT;
            case "3" -> Key.DELETE;
            case "4", "8" -> Key.END;
            case "5" -> Key.PAGE_UP;
            case "6" -> Key.PAGE_DOWN;
            default -> null;
        };
    }

    private String firstParameter() {
        int semicolon = parameters.indexOf(";");
        return semicolon < 0 ? parameters.toString() : parameters.substring(0, semicolon);
    }

    /** RFC 3629: the lead byte says how many continuation bytes follow; bad bytes become U+FFFD. */
    private void startUtf8(int b, Consumer<KeyEvent> keys) {
        if (b >= 0xC2 && b <= 0xDF) {
            begin(b & 0x1F, 1);
        } else if (b >= 0xE0 && b <= 0xEF) {
            begin(b & 0x0F, 2);
        } else if (b >= 0xF0 && b <= 0xF4) {
            begin(b & 0x07, 3);
        } else {
            keys.accept(KeyEvent.character(0xFFFD));
        }
    }

    private void begin(int bits, int continuations) {
        codePoint = bits;
        continuationBytes = continuations;
        state = KeyParserState.UTF8;
    }

    private void utf8(int b, Consumer<KeyEvent> keys) {
        if ((b & 0xC0) != 0x80) {
            keys.accept(KeyEvent.character(0xFFFD));
            state = KeyParserState.GROUND;
            ground(b, keys);
            return;
        }
        codePoint = codePoint << 6 | (b & 0x3F);
        if (--continuationBytes == 0) {
            state = KeyParserState.GROUND;
            boolean valid = codePoint >= 0x80 && codePoint <= 0x10FFFF
                    && (codePoint < 0xD800 || codePoint > 0xDFFF);
            keys.accept(KeyEvent.character(valid ? codePoint : 0xFFFD));
        }
    }
}
