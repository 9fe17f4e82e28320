package dev.torsion.http.websocket.codec;

/**
 * An incremental UTF-8 validator (RFC 3629 section 4: no overlong forms, no surrogates, nothing
 * above U+10FFFF), fed a message in pieces of any size, as fragments and inflated output arrive:
 * RFC 6455 section 8.1 fails a text message as soon as its bytes cannot be UTF-8, not only at its end.
 */
public final class Utf8Validator {
    private int remaining;
    private int lower = 0x80;
    private int upper = 0xBF;

    /** Checks the next {@code length} bytes of {@code data} from {@code offset}; false at the first invalid byte. */
    public boolean feed(byte[] data, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int b = data[i] & 0xFF;
            if (remaining == 0) {
                if (b < 0x80) {
                    continue;
                }
                if (!lead(b)) {
                    return false;
                }
            } else {
                if (b < lower || b > upper) {
                    return false;
                }
                remaining--;
                lower = 0x80;
                upper = 0xBF;
            }
        }
        return true;
    }

    /** Checks all of {@code data}. */
    public boolean feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /** Whether the bytes so far end on a character boundary (a message may end here). */
    public boolean isComplete() {
        return remaining == 0;
    }

    /** Forgets everything, for the next message. */
    public void reset() {
        remaining = 0;
        lower = 0x80;
        upper = 0xBF;
    }

    /** The ranges of RFC 3629 section 4's UTF8-2, UTF8-3 and UTF8-4 for the byte after each lead. */
    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            expect(1, 0x80, 0xBF);
        } else if (b == 0xE0) {
            expect(2, 0xA0, 0xBF);
        } else if (b == 0xED) {
            expect(2, 0x80, 0x9F);
        } else if (b >= 0xE1 && b <= 0xEF) {
            expect(2, 0x80, 0xBF);
        } else if (b == 0xF0) {
            expect(3, 0x90, 0xBF);
        } else if (b >= 0xF1 && b <= 0xF3) {
            expect(3, 0x80, 0xBF);
        } else if (b == 0xF4) {
            expect(3, 0x80, 0x8F);
        } else {
            return false;
        }
        return true;
    }

    private void expect(int count, int low, int high) {
        remaining = count;
        lower = low;
        upper = high;
    }

    /** Whether {@code data} is whole, valid UTF-8. */
    public static boolean isValid(byte[] data) {
        Utf8Validator validator = new Utf8Validator();
        return validator.feed(data) && validator.isComplete();
    }
}
