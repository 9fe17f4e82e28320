package dev.torsion.http.resource;

import dev.torsion.http.Html;
import dev.torsion.http.server.Request;

/** A leaf that answers every method with one status and a small HTML page, as twisted.web's {@code ErrorPage}. */
public class ErrorPage extends Resource {
    private final int code;
    private final String brief;
    private final String detail;

    /** A page answering {@code code} with a title and an explanation (both escaped). */
    public ErrorPage(int code, String brief, String detail) {
        super(true);
        this.code = code;
        this.brief = brief;
        this.detail = detail;
    }

    /** The 404 page. */
    public static ErrorPage noResource() {
        return new ErrorPage(404, "No Such Resource", "Sorry. No luck finding that resource.");
    }

    /** The 403 page. */
    public static ErrorPage forbidden() {
        return new ErrorPage(403, "Forbidden", "Sorry, resource is forbidden.");
    }

    /** The status this page answers. */
    public int code() {
        return code;
    }

    /** An error page answers the same whatever a body holds: it never reads one. */
    @Override
    public boolean acceptsRequestBody(Request request) {
        return false;
    }

    /** The page, always at once. */
    @Override
    public Rendered.Body render(Request request) {
        request.setResponseCode(code);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        return Rendered.text(Html.errorPage(code, brief, detail));
    }
}
