package dev.torsion.netty;

import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectTimeoutError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.error.NoRouteError;
import io.netty.channel.ConnectTimeoutException;
import java.io.FileNotFoundException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Turns the exceptions Netty and the JDK raise on connect into Torsion's typed connect errors. */
final class ConnectErrors {
    private ConnectErrors() {
    }

    /** The typed error for a failed attempt to reach {@code destination}. */
    static ConnectError classify(Throwable cause, String destination) {
        if (cause instanceof ConnectError error) {
            return error;
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof UnknownHostException) {
            return new DNSLookupError("could not resolve " + destination, cause);
        }
        if (cause instanceof ConnectTimeoutException || message.contains("timed out")) {
            return new ConnectTimeoutError("timed out connecting to " + destination, cause);
        }
        if (cause instanceof NoRouteToHostException || message.contains("no route")
                || message.contains("unreachable")) {
            return new NoRouteError("no route to " + destination, cause);
        }
        // Nothing at a UNIX socket's path is the file-system form of a refusal.
        if (message.contains("refused") || message.contains("no such file")
                || cause instanceof FileNotFoundException) {
            return new ConnectionRefusedError("connection refused by " + destination, cause);
        }
        return new ConnectError("could not connect to " + destination + ": " + cause.getMessage(), cause);
    }
}
