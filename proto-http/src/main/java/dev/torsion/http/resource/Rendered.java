package dev.torsion.http.resource;

import java.nio.charset.StandardCharsets;

/**
 * What a render method answers: either the whole body now ({@link Body}, made with
 * {@link #body(byte[])}, {@link #text(String)} or {@link #empty()}), or {@link Resource#NOT_DONE_YET}
 * (twisted.web's {@code NOT_DONE_YET}): the resource has kept the request and finishes it itself,
 * later, with {@code request.write} and {@code request.finish} (or {@code respond}).
 *
 * <p>The two are different types, so an empty body is a body like any other (a {@code 200} with
 * {@code Content-Length: 0}) and can never be taken for "not done yet", as a zero-length marker
 * array compared by identity could.
 *
 * <pre>{@code
 * final class Clock extends Resource {
 *     Clock() { super(true); }
 *
 *     @Override protected Rendered renderGET(Request request) {   // the answer now
 *         request.setHeader("Content-Type", "text/plain; charset=utf-8");
 *         return Rendered.text(Instant.now() + "\n");
 *     }
 *
 *     @Override protected Rendered renderPOST(Request request) {  // the answer in a second
 *         request.clock().callLater(Duration.ofSeconds(1),
 *                 () -> request.respond("done\n".getBytes(UTF_8)));
 *         return NOT_DONE_YET;                                     // the request stays open
 *     }
 * }
 * }</pre>
 *
 * <p>A resource that wraps another one passes its child's result on untouched, or looks inside
 * with {@code instanceof Rendered.Body body}: only a body may be changed.
 */
public sealed interface Rendered permits Rendered.Body, Rendered.NotDoneYet {

    /** A body of {@code bytes}, which are taken as they are (not copied): do not change them after. */
    static Body body(byte[] bytes) {
        return new Body(bytes);
    }

    /** A body of {@code text} encoded as UTF-8 (the Content-Type is the resource's to set). */
    static Body text(String text) {
        return new Body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An empty body: a response of {@code Content-Length: 0}, finished at once. */
    static Body empty() {
        return Body.EMPTY;
    }

    /**
     * The whole response body, answered as soon as the render method returns. Its bytes cannot be
     * changed through it, so a body may be kept in a constant and returned by every request.
     */
    final class Body implements Rendered {
        private static final Body EMPTY = new Body(new byte[0]);

        private final byte[] bytes;

        private Body(byte[] bytes) {
            if (bytes == null) {
                throw new NullPointerException("a body of null: return Rendered.empty() for no body");
            }
            this.bytes = bytes;
        }

        /** A copy of the body's bytes. */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The body's length in bytes. */
        public int length() {
            return bytes.length;
        }

        /** The bytes themselves, for the site that writes them (never changed there). */
        byte[] content() {
            return bytes;
        }

        @Override
        public String toString() {
            return "Body[" + bytes.length + " bytes]";
        }
    }

    /**
     * The answer "not done yet": the render method has kept the request and answers it itself,
     * later. Its one value is {@link Resource#NOT_DONE_YET}.
     */
    enum NotDoneYet implements Rendered {
        /** The one value; also {@link Resource#NOT_DONE_YET}. */
        NOT_DONE_YET
    }
}
