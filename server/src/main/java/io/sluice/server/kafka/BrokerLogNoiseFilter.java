package io.sluice.server.kafka;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the warnings that the embedded broker logs on every normal start and stop, so that a warning in the log
 * always means something. Attach it to an appender in logback.xml: unlike a turbo filter it only sees events that
 * are logged anyway, so it costs nothing on other log calls.
 */
public final class BrokerLogNoiseFilter
        extends Filter<ILoggingEvent>
{
    private static final String CONTROLLER_LOGGER = "org.apache.kafka.controller.QuorumController";
    private static final String CONTROLLER_ACTIVATION = "Performing controller activation";
    private static final String NETWORK_CLIENT_LOGGER = "org.apache.kafka.clients.NetworkClient";
    private static final String DOUBLE_CLOSE = "Attempting to close NetworkClient that has already been closed";

    @Override
    public FilterReply decide(ILoggingEvent event)
    {
        String message = event.getMessage();
        if (message == null) {
            return FilterReply.NEUTRAL;
        }
        String logger = event.getLoggerName();
        if (CONTROLLER_LOGGER.equals(logger) && message.contains(CONTROLLER_ACTIVATION)) {
            return FilterReply.DENY;
        }
        if (NETWORK_CLIENT_LOGGER.equals(logger) && message.contains(DOUBLE_CLOSE)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
