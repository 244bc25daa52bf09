package io.sluice.loader.kafka;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * What a Kafka client failure means for a job: retried (UNSTABLE) or a pause, and how it is shown.
 */
final class KafkaFailures
{
    private KafkaFailures() {}

    /** Failures that retrying cannot fix: bad settings, refused credentials. Everything else is retried. */
    static boolean isPermanent(KafkaException exception)
    {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException) {
                // An unresolvable broker name can be a DNS outage: retried like an unreachable broker.
                return cause.getMessage() == null || !cause.getMessage().contains("resolvable");
            }
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Kafka's message, with the innermost cause when it says more. */
    static String describe(KafkaException exception)
    {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        Throwable cause = exception.getCause();
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return "Kafka: " + message;
    }
}
