package dev.torsion.nntp.server;

import dev.torsion.nntp.parse.Article;
import dev.torsion.nntp.parse.ArticleException;
import dev.torsion.nntp.parse.ArticleParser;
import dev.torsion.nntp.parse.HeaderField;
import dev.torsion.protocols.DotStuffedDecoder;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server does to an article between its terminating line and the store, pure: the
 * limits and RFC 5536 checks, the injecting agent's additions for POST (RFC 5537 §3.5) and the
 * relaying agent's Path for IHAVE (RFC 5537 §3.2). Refusals are {@link ArticleException}s whose
 * message is the text of the 441 or 437 reply.
 */
final class ArticleIntake {
    private static final AtomicLong INJECTED = new AtomicLong();

    private final String hostname;
    private final int headerCount;
    private final Clock wallClock;

    ArticleIntake(String hostname, int headerCount, Clock wallClock) {
        this.hostname = hostname;
        this.headerCount = headerCount;
        this.wallClock = wallClock;
    }

    /** A posted article, checked and completed with Path, Message-ID and Date where the poster left them out. */
    Article posted(DotStuffedDecoder block) throws ArticleException {
        Article article = checked(block);
        ArticleParser.validate(article, ArticleParser.POSTER_MANDATORY);
        List<HeaderField> added = new ArrayList<>();
        if (article.header("Path").isEmpty()) {
            added.add(new HeaderField("Path", hostname + "!not-for-mail"));
        }
        if (article.header("Message-ID").isEmpty()) {
            added.add(new HeaderField("Message-ID", "<" + Long.toString(wallClock.millis(), 36) + "."
                    + Long.toString(INJECTED.incrementAndGet(), 36) + "." + Long.toString(System.nanoTime() & 0xffffffffL, 36)
                    + "@" + hostname + ">"));
        }
        if (article.header("Date").isEmpty()) {
            added.add(new HeaderField("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(wallClock).withZoneSameInstant(ZoneOffset.UTC))));
        }
        Article complete = added.isEmpty() ? article : article.withFieldsFirst(added);
        ArticleParser.validate(complete, ArticleParser.MANDATORY);
        return complete;
    }

    /** A transferred article offered as {@code offeredId}: all mandatory fields, the same id, this server put before its Path. */
    Article transferred(DotStuffedDecoder block, String offeredId) throws ArticleException {
        Article article = checked(block);
        ArticleParser.validate(article, ArticleParser.MANDATORY);
        if (!article.messageId().equals(offeredId)) {
            throw new ArticleException("Message-ID does not match the command");
        }
        return article.withPath(hostname + "!" + article.header("Path").orElse("").strip());
    }

    /** The decoded block as an article, or why it is refused (size, line length, no headers). */
    private Article checked(DotStuffedDecoder block) throws ArticleException {
        if (block.isOversized()) {
            throw new ArticleException("Article too large");
        }
        if (block.hadLineTooLong()) {
            throw new ArticleException("Line too long in article");
        }
        return ArticleParser.parse(block.takeContent(), headerCount);
    }
}
