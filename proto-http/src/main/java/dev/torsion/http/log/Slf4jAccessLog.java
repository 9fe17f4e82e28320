package dev.torsion.http.log;

import dev.torsion.http.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes combined-format lines at INFO to the logger {@code dev.torsion.http.access}. */
public final class Slf4jAccessLog implements AccessLog {
    private static final Logger log = LoggerFactory.getLogger("dev.torsion.http.access");

    @Override
    public void log(Request request) {
        if (log.isInfoEnabled()) {
            log.info(CombinedLogFormat.format(request));
        }
    }
}
