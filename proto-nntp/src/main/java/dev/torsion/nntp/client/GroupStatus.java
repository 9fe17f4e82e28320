package dev.torsion.nntp.client;

/**
 * The answer to GROUP (RFC 3977 §6.1.1.2): {@code 211 count low high group}.
 *
 * @param count the estimated number of articles
 * @param low the lowest article number
 * @param high the highest article number
 * @param name the group's name
 */
public record GroupStatus(long count, long low, long high, String name) {
    static GroupStatus of(NntpResponse response) throws NntpClientException {
        String[] words = response.words();
        try {
            return new GroupStatus(Long.parseLong(words[0]), Long.parseLong(words[1]), Long.parseLong(words[2]), words[3]);
        } catch (RuntimeException e) {
            throw new NntpClientException("malformed GROUP answer: " + response);
        }
    }
}
