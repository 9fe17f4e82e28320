package dev.torsion.netty;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A logback appender (configured in logback-test.xml on Netty's leak detector logger) that keeps
 * every leak report of the whole test run, so that a test can assert there were none.
 */
public final class LeakReports extends AppenderBase<ILoggingEvent> {
    static final List<String> REPORTS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("LEAK")) {
            REPORTS.add(event.getFormattedMessage());
        }
    }
}
