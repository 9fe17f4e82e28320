package dev.torsion.app;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The runner plugins on the class path, found with {@link ServiceLoader}, by name. */
final class Plugins {
    private Plugins() {
    }

    /** Loads a fresh instance of every plugin; two plugins with one name are an error. */
    static Map<String, RunnerPlugin> load(ClassLoader loader) {
        Map<String, RunnerPlugin> byName = new TreeMap<>();
        for (RunnerPlugin plugin : ServiceLoader.load(RunnerPlugin.class, loader)) {
            RunnerPlugin previous = byName.putIfAbsent(plugin.name(), plugin);
            if (previous != null) {
                throw new IllegalStateException("two plugins are named '" + plugin.name() + "': "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
