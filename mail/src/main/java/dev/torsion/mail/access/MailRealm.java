package dev.torsion.mail.access;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Realm;
import dev.torsion.defer.Deferred;
import dev.torsion.imap.server.ImapAccount;
import dev.torsion.internet.Reactor;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.mail.maildir.MaildirFolder;
import dev.torsion.pop3.server.Pop3Mailbox;
import java.util.List;
import java.util.Locale;

/**
 * Gives a logged-in user their mailbox: {@code alice@example.org} (or {@code alice} when there is
 * one domain) opens {@code <domain root>/alice/}. Serves {@link Pop3Mailbox} and {@link ImapAccount}; SMTP AUTH asks for
 * {@link Object} and gets the user's name.
 */
public final class MailRealm implements Realm {
    private final Reactor reactor;
    private final List<MailDomain> domains;

    /** A realm for {@code domains}, opening folders on {@code reactor}'s thread pool. */
    public MailRealm(Reactor reactor, List<MailDomain> domains) {
        this.reactor = reactor;
        this.domains = List.copyOf(domains);
    }

    @Override
    public Deferred<LoginResult> requestAvatar(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
        String name = avatarId.name().toLowerCase(Locale.ROOT);
        int at = name.lastIndexOf('@');
        String local = at < 0 ? name : name.substring(0, at);
        MailDomain domain = at < 0 ? (domains.size() == 1 ? domains.get(0) : null) : find(name.substring(at + 1));
        if (domain == null || !MailDomain.isSafeLocalPart(local)) {
            return Deferred.fail(new IllegalArgumentException("no mailbox for " + avatarId.name()));
        }
        for (Class<?> iface : interfaces) {
            if (iface == Pop3Mailbox.class) {
                return reactor.deferToThread(() -> new MaildirFolder(domain.maildirOf(local)))
                        .addCallback(folder -> new LoginResult(Pop3Mailbox.class, new MaildirPop3Mailbox(reactor, folder), () -> { }));
            }
            if (iface == ImapAccount.class) {
                return Deferred.succeed(new LoginResult(ImapAccount.class, new MaildirImapAccount(reactor, domain.maildirOf(local)), () -> { }));
            }
            if (iface == Object.class) {
                return Deferred.succeed(new LoginResult(Object.class, local + "@" + domain.name(), () -> { }));
            }
        }
        return Deferred.fail(new IllegalArgumentException("no avatar for " + interfaces));
    }

    private MailDomain find(String domainName) {
        for (MailDomain domain : domains) {
            if (domain.name().equals(domainName)) {
                return domain;
            }
        }
        return null;
    }
}
