package dev.torsion.dns.server;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.client.HostsFile;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Presentation;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RData;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.ResourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Answers A and AAAA questions from a hosts file (Twisted's {@code names.hosts.Resolver}): the
 * names it lists are its own, answered authoritatively; other types get an empty answer.
 */
public final class HostsAuthority implements Authority {
    /** Twisted's hosts resolver gives its records an hour. */
    public static final long TTL = 3600;

    private final HostsFile hosts;

    /** Serves the names of {@code hosts}. */
    public HostsAuthority(HostsFile hosts) {
        this.hosts = hosts;
    }

    @Override
    public boolean covers(Name name) {
        return hosts.contains(name);
    }

    @Override
    public int specificity(Name name) {
        return name.labelCount();
    }

    @Override
    public Deferred<Answer> query(Question question) {
        List<ResourceRecord> answers = new ArrayList<>();
        int type = question.type();
        for (byte[] address : hosts.addresses(question.name())) {
            int addressType = address.length == 4 ? RRType.A : RRType.AAAA;
            if (type == addressType || type == RRType.ANY) {
                answers.add(ResourceRecord.of(question.name(), TTL, RData.of(addressType, (Object) address)));
            }
        }
        return Deferred.succeed(Answer.of(answers));
    }

    /** The names and addresses, for tests and logs. */
    public Map<Name, List<String>> entries() {
        return hosts.entries().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(Presentation::address).toList()));
    }
}
