package io.sluice.loader.kafka;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaFailuresTest
{
    @Test
    void settingsAndCredentialsArePermanentOutagesAreNot()
    {
        assertThat(KafkaFailures.isPermanent(new KafkaException("Failed to construct kafka consumer",
                new ConfigException("Invalid value abc for configuration fetch.min.bytes")))).isTrue();
        assertThat(KafkaFailures.isPermanent(new SaslAuthenticationException("Authentication failed: Invalid username or password"))).isTrue();
        assertThat(KafkaFailures.isPermanent(new TopicAuthorizationException(Set.of("events")))).isTrue();

        assertThat(KafkaFailures.isPermanent(new TimeoutException("Timeout expired while fetching topic metadata"))).isFalse();
        // A broker name that does not resolve may be a DNS outage.
        assertThat(KafkaFailures.isPermanent(new KafkaException("Failed to construct kafka consumer",
                new ConfigException("No resolvable bootstrap urls given in bootstrap.servers")))).isFalse();
    }

    @Test
    void describeAddsTheCauseThatSaysMore()
    {
        assertThat(KafkaFailures.describe(new TimeoutException("Timeout expired while fetching topic metadata")))
                .isEqualTo("Kafka: Timeout expired while fetching topic metadata");
        assertThat(KafkaFailures.describe(new KafkaException("Failed to construct kafka consumer", new ConfigException("No resolvable bootstrap urls"))))
                .isEqualTo("Kafka: Failed to construct kafka consumer: No resolvable bootstrap urls");
    }
}
