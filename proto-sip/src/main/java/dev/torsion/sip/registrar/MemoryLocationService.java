package dev.torsion.sip.registrar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Bindings in memory; expired ones are dropped when looked up. Used on the reactor thread only. */
public final class MemoryLocationService implements LocationService {
    private final Map<String, List<Binding>> bindings = new HashMap<>();

    @Override
    public List<Binding> lookup(String aor, long now) {
        String key = aor.toLowerCase(Locale.ROOT);
        List<Binding> live = new ArrayList<>();
        for (Binding binding : bindings.getOrDefault(key, List.of())) {
            if (binding.expiresAtNanos() - now > 0) {
                live.add(binding);
            }
        }
        if (live.isEmpty()) {
            bindings.remove(key);
        } else {
            bindings.put(key, live);
        }
        live.sort(Comparator.comparingDouble(Binding::q).reversed());
        return live;
    }

    @Override
    public void store(String aor, List<Binding> list) {
        String key = aor.toLowerCase(Locale.ROOT);
        if (list.isEmpty()) {
            bindings.remove(key);
        } else {
            bindings.put(key, new ArrayList<>(list));
        }
    }

    /** The number of addresses of record with bindings (some possibly expired). */
    public int size() {
        return bindings.size();
    }
}
