package dev.torsion.cred.strcred;

import dev.torsion.cred.CheckerConfigurationException;

/** The check shared by the kinds that take no argument. */
final class NoArgument {
    private NoArgument() {
    }

    static void require(String kind, String argument) {
        if (argument != null) {
            throw new CheckerConfigurationException(kind + ": takes no argument (write just '" + kind + "')");
        }
    }
}
