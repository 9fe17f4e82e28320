package dev.torsion.mail.delivery;

import dev.torsion.mail.maildir.Maildir;
import dev.torsion.smtp.SmtpRejection;
import dev.torsion.smtp.codec.Mailbox;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides where mail for a recipient goes: the Maildirs of local users, after the aliases. Mail for
 * other domains is refused here (relaying is not available), so the server is never an open relay.
 * Looks at the file system (a user exists when their Maildir does): call it off the reactor thread.
 */
public final class Router {
    private final Map<String, MailDomain> domains = new LinkedHashMap<>();
    private final Aliases aliases;

    /** Routes for {@code domains} with {@code aliases} (which apply to every domain's local parts). */
    public Router(List<MailDomain> domains, Aliases aliases) {
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("at least one domain is required");
        }
        for (MailDomain domain : domains) {
            this.domains.put(domain.name(), domain);
        }
        this.aliases = aliases;
    }

    /** Whether mail for {@code domain} is delivered here. */
    public boolean isLocal(String domain) {
        return domain.isEmpty() || domains.containsKey(domain.toLowerCase(Locale.ROOT));
    }

    /** The domains, in the order given. */
    public List<MailDomain> domains() {
        return List.copyOf(domains.values());
    }

    /** The Maildirs that {@code to} delivers to, or a rejection with its reply. */
    public Set<Maildir> resolve(Mailbox to) throws SmtpRejection, IOException {
        MailDomain domain = to.domain().isEmpty() ? domains.values().iterator().next() : domains.get(to.domainLowerCase());
        if (domain == null) {
            throw new SmtpRejection(554, "5.7.1", "Relay access denied");
        }
        String local = to.localPart().toLowerCase(Locale.ROOT);
        if (local.startsWith("\"")) {
            throw new SmtpRejection(550, "5.1.1", "No such user here");
        }
        Set<Maildir> out = new LinkedHashSet<>();
        for (String target : aliases.expand(local)) {
            int at = target.lastIndexOf('@');
            if (at < 0) {
                out.add(userMaildir(domain, target));
                continue;
            }
            MailDomain targetDomain = domains.get(target.substring(at + 1).toLowerCase(Locale.ROOT));
            if (targetDomain == null) {
                throw new SmtpRejection(550, "5.7.1", "Alias to a remote address: relaying is not available");
            }
            out.add(userMaildir(targetDomain, target.substring(0, at).toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    private static Maildir userMaildir(MailDomain domain, String user) throws SmtpRejection {
        if (MailDomain.isSafeLocalPart(user)
                && (domain.users().contains(user) || Files.isDirectory(domain.root().resolve(user)))) {
            return domain.maildirOf(user);
        }
        if (domain.catchAll() != null) {
            return domain.maildirOf(domain.catchAll());
        }
        throw new SmtpRejection(550, "5.1.1", "No such user here");
    }
}
