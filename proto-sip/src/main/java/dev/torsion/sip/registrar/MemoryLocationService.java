package dev.torsion.sip.registrar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bindings in memory, for at most a given number of addresses of record; expired ones are dropped
 * when looked up, and all of them when a new address of record finds the service full. Used on the
 * reactor thread only.
 */
public final class MemoryLocationService implements LocationService {
    /** The default capacity: 100,000 addresses of record. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Map<String, List<Binding>> bindings = new HashMap<>();
    private final int capacity;
    private long lastNow;

    /** A service for {@link #DEFAULT_CAPACITY} addresses of record. */
    public MemoryLocationService() {
        this(DEFAULT_CAPACITY);
    }

    /** A service for {@code capacity} addresses of record. */
    public MemoryLocationService(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public List<Binding> lookup(String aor, long now) {
        lastNow = now;
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
            return;
        }
        if (!bindings.containsKey(key) && bindings.size() >= capacity) {
            // Full: drop what has expired by the last lookup (the registrar looks up before it stores).
            bindings.values().removeIf(held -> held.stream().allMatch(b -> b.expiresAtNanos() - lastNow <= 0));
            if (bindings.size() >= capacity) {
                throw new LocationServiceFull(capacity);
            }
        }
        bindings.put(key, new ArrayList<>(list));
    }

    /** The number of addresses of record with bindings (some possibly expired). */
    public int size() {
        return bindings.size();
    }
}
