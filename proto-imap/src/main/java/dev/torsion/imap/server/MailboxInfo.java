package dev.torsion.imap.server;

import java.util.Set;

/**
 * A mailbox name with its attributes: {@code \Noselect}, and special uses (RFC 6154:
 * {@code \Sent}, {@code \Drafts}, {@code \Trash}, {@code \Junk}, {@code \Archive}, ...). The
 * server adds {@code \HasChildren} and {@code \HasNoChildren} itself.
 *
 * @param name the Unicode name, levels separated by the account's delimiter
 * @param attributes its attributes
 */
public record MailboxInfo(String name, Set<String> attributes) {
    /** Copies the attributes. */
    public MailboxInfo {
        attributes = Set.copyOf(attributes);
    }
}
