package io.sluice.loader.task;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The clocks of routine load scheduling that are not job properties. Production uses {@link #DEFAULT}; tests shrink
 * them so that failures and recoveries happen within a test's patience.
 *
 * @param batchLatency once its previous batch is committed, a task closes its open batch when it is this old (or
 *         max_batch_interval / task_consume_second if lower), or at once when the consumer has caught up: commits then
 *         follow each other as fast as storage takes them, and a row is visible about two commits after it arrived
 * @param pollTimeout how long one consumer poll waits for messages
 * @param supervisionInterval how often a job's coordinator looks at its tasks (timeouts, pause requests, statuses)
 * @param latestOffsetsInterval how often LatestSourcePosition is refreshed (this is also what notices an outage)
 * @param partitionDiscoveryInterval how often a job without kafka_partitions looks for new partitions
 * @param metadataTimeout the longest a metadata call to the broker may take before the job is called UNSTABLE
 * @param retryBackoff the first wait before retrying after a broker failure; doubled on each failure
 * @param maxRetryBackoff the longest wait between retries
 * @param stopTimeout how long stopping a job waits for its threads
 */
public record TaskTimings(
        Duration batchLatency,
        Duration pollTimeout,
        Duration supervisionInterval,
        Duration latestOffsetsInterval,
        Duration partitionDiscoveryInterval,
        Duration metadataTimeout,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration stopTimeout)
{
    public static final TaskTimings DEFAULT = new TaskTimings(
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofMillis(500),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    public TaskTimings
    {
        requirePositive(batchLatency, "batchLatency");
        requirePositive(pollTimeout, "pollTimeout");
        requirePositive(supervisionInterval, "supervisionInterval");
        requirePositive(latestOffsetsInterval, "latestOffsetsInterval");
        requirePositive(partitionDiscoveryInterval, "partitionDiscoveryInterval");
        requirePositive(metadataTimeout, "metadataTimeout");
        requirePositive(retryBackoff, "retryBackoff");
        requirePositive(maxRetryBackoff, "maxRetryBackoff");
        requirePositive(stopTimeout, "stopTimeout");
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("maxRetryBackoff is shorter than retryBackoff");
        }
    }

    private static void requirePositive(Duration duration, String name)
    {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
