package dev.torsion.sip.locate;

import dev.torsion.defer.Deferred;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A resolver answering from maps, recording every question; a name in {@code failing} fails as SERVFAIL would. */
public final class FakeResolver implements SipResolver {
    public final Map<String, List<NaptrRecord>> naptr = new HashMap<>();
    public final Map<String, List<SrvRecord>> srv = new HashMap<>();
    public final Map<String, List<String>> addresses = new HashMap<>();
    public final List<String> failing = new ArrayList<>();
    public final List<String> asked = new ArrayList<>();
    /** While true, answers wait in {@link #held} until {@link #release}. */
    public boolean hold;
    private final List<Runnable> held = new ArrayList<>();

    /** Fires every held answer. */
    public void release() {
        hold = false;
        List<Runnable> answers = new ArrayList<>(held);
        held.clear();
        answers.forEach(Runnable::run);
    }

    @Override
    public Deferred<List<NaptrRecord>> naptr(String domain) {
        return answer("NAPTR " + domain, domain, naptr.getOrDefault(domain, List.of()));
    }

    @Override
    public Deferred<List<SrvRecord>> srv(String name) {
        return answer("SRV " + name, name, srv.getOrDefault(name, List.of()));
    }

    @Override
    public Deferred<List<String>> addresses(String host) {
        return answer("A " + host, host, addresses.getOrDefault(host, List.of()));
    }

    private <T> Deferred<List<T>> answer(String question, String name, List<T> records) {
        asked.add(question);
        if (hold) {
            Deferred<List<T>> later = new Deferred<>();
            held.add(() -> later.callback(records));
            return later;
        }
        if (failing.contains(name)) {
            return Deferred.fail(new IllegalStateException("SERVFAIL for " + name));
        }
        return Deferred.succeed(records);
    }
}
