package dev.torsion.nntp.server;

import dev.torsion.nntp.parse.Article;

/**
 * An article as the store holds it.
 *
 * @param number its number in the group it was asked for by (0 when asked by message-id)
 * @param article the article
 */
public record StoredArticle(long number, Article article) {
}
