package dev.torsion.nntp.server;

import dev.torsion.defer.Deferred;
import dev.torsion.nntp.parse.Article;
import dev.torsion.nntp.parse.ArticleRange;
import dev.torsion.nntp.parse.Wildmat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The news the server serves: groups, articles by number and by message-id, overview data, and
 * the storing of new articles. Every call answers with a Deferred fired on the reactor thread, so
 * an implementation may read files or a database off that thread. {@link FileSpool} keeps news
 * in plain files; a user may back this with anything else.
 */
public interface NewsStore {
    /** Every group, sorted by name. */
    Deferred<List<GroupInfo>> groups();

    /** The group called {@code name}, if it exists. */
    Deferred<Optional<GroupInfo>> group(String name);

    /** The overview entries of the articles of {@code group} within {@code range}, by number. */
    Deferred<List<OverviewEntry>> overview(String group, ArticleRange range);

    /** The overview entry of the article with this message-id (number 0), if present. */
    Deferred<Optional<OverviewEntry>> overview(String messageId);

    /**
     * The article after ({@code forward}) or before {@code number} in {@code group}, if any: what
     * NEXT and LAST move to (RFC 3977 §6.1.3, §6.1.4).
     */
    Deferred<Optional<OverviewEntry>> neighbour(String group, long number, boolean forward);

    /**
     * The value of header {@code field} (the first of that name, unfolded; empty when absent) of
     * each article of {@code group} within {@code range}, by number: HDR on any field (§8.5).
     */
    Deferred<List<HeaderValue>> header(String group, ArticleRange range, String field);

    /** The value of header {@code field} of the article with this message-id (number 0), if present. */
    Deferred<Optional<HeaderValue>> header(String messageId, String field);

    /** Article {@code number} of {@code group}, if present. */
    Deferred<Optional<StoredArticle>> article(String group, long number);

    /** The article with this message-id (number 0), if present. */
    Deferred<Optional<StoredArticle>> article(String messageId);

    /** Whether an article with this message-id is present or was ever received (RFC 3977 §6.3.2: 435). */
    Deferred<Boolean> has(String messageId);

    /** The message-ids of articles arrived since {@code since} in groups {@code groups} matches (NEWNEWS, §7.4). */
    Deferred<List<String>> newNews(Wildmat groups, Instant since);

    /**
     * Files a validated article in each of its Newsgroups that exists, numbering it in each.
     * Fails with {@link dev.torsion.nntp.parse.ArticleException} when none of its groups exists
     * and with {@link DuplicateArticleException} when its message-id is known.
     *
     * @return the article's number in its first existing group
     */
    Deferred<StoredArticle> store(Article article);
}
