package dev.torsion.app;

import picocli.CommandLine.IVersionProvider;

/** {@code torsion --version}: the version in the app jar's manifest, or "development" when run from classes. */
public final class TorsionVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Torsion.class.getPackage().getImplementationVersion();
        return new String[] {"torsion " + (version == null ? "(development build)" : version)};
    }
}
