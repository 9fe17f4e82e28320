package dev.torsion.telnet.terminal;

import dev.torsion.internet.PushProducer;

/** What a terminal application can do to the screen (Conch's ITerminalTransport, in part). */
public interface Terminal {
    /** Writes text at the cursor. */
    void write(String text);

    /** Moves the cursor {@code n} columns left (nothing when {@code n} is 0). */
    void cursorBackward(int n);

    /** Moves the cursor {@code n} columns right (nothing when {@code n} is 0). */
    void cursorForward(int n);

    /** Erases from the cursor to the end of the line. */
    void eraseToEndOfLine();

    /** Clears the screen and homes the cursor. */
    void clearScreen();

    /** Moves to the start of the next line. */
    void nextLine();

    /** Rings the bell. */
    void bell();

    /** Ends the session. */
    void loseConnection();

    /**
     * Registers {@code producer} with the connection, which pauses it while its output backs up
     * (the core's producer contract); nothing by default.
     */
    default void registerProducer(PushProducer producer) {
    }
}
