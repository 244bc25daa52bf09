package io.sluice.server.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class BrokerLogNoiseFilterTest
{
    private final LoggerContext context = new LoggerContext();
    private final BrokerLogNoiseFilter filter = new BrokerLogNoiseFilter();

    @Test
    void dropsRoutineBrokerWarnings()
    {
        assertThat(decide("org.apache.kafka.controller.QuorumController", "[QuorumController id=1] Performing controller activation."))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.kafka.clients.NetworkClient",
                "[NodeToControllerChannelManager id=1 name=registration] Attempting to close NetworkClient that has already been closed."))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsEverythingElse()
    {
        assertThat(decide("org.apache.kafka.clients.NetworkClient", "[Consumer clientId=x] Connection to node -1 could not be established."))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("io.sluice.Anything", "Performing controller activation"))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.apache.kafka.controller.QuorumController", null))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(String loggerName, String message)
    {
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger(loggerName), Level.WARN, message, null, null);
        return filter.decide(event);
    }
}
