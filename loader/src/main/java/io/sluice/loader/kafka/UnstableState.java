package io.sluice.loader.kafka;

import io.sluice.loader.job.RoutineLoadJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Whether a running job can reach Kafka right now. While it cannot, SHOW ROUTINE LOAD says UNSTABLE with the client's
 * message (state and OtherMsg), and the log says so once; when the broker answers again, the job is RUNNING again by
 * itself and OtherMsg says how long the outage lasted.
 */
final class UnstableState
{
    private static final Logger log = LoggerFactory.getLogger(UnstableState.class);
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final RoutineLoadJob job;
    private final long generation;
    // Guarded by this.
    private long sinceMillis;
    private boolean taskTroubleSinceCheck;

    UnstableState(RoutineLoadJob job, long generation)
    {
        this.job = job;
        this.generation = generation;
    }

    /** The broker did not answer a call of the coordinator. */
    void unstable(String reason)
    {
        if (job.generation() != generation) {
            return;
        }
        long since;
        synchronized (this) {
            if (sinceMillis == 0) {
                sinceMillis = System.currentTimeMillis();
                log.warn("Routine load job {} is UNSTABLE: {}", job.definition().name(), reason);
            }
            since = sinceMillis;
        }
        // Kafka's own message rarely names the broker or says whether anyone must act: OtherMsg does. It is set
        // first, so that whoever sees UNSTABLE also sees why.
        job.recordOtherMessage("UNSTABLE since " + TIME_FORMAT.format(Instant.ofEpochMilli(since)) + " (kafka_broker_list " + job.source().brokerList()
                + "): " + reason + ". The job retries by itself; no RESUME is needed.");
        job.recordUnstable(Optional.of(reason));
    }

    /** A task's consumer failed; it retries by itself. The job stays UNSTABLE at least until the next check. */
    void taskTrouble(String reason)
    {
        synchronized (this) {
            taskTroubleSinceCheck = true;
        }
        unstable(reason);
    }

    /** The broker answered the coordinator: RUNNING again, unless a task failed since the last check. */
    void answered()
    {
        long since;
        synchronized (this) {
            if (taskTroubleSinceCheck) {
                taskTroubleSinceCheck = false;
                return;
            }
            since = sinceMillis;
            sinceMillis = 0;
        }
        Optional<String> reason = job.unstableReason();
        if (reason.isEmpty() || job.generation() != generation) {
            return;
        }
        String seconds = since == 0 ? "" : " after " + Math.max(0, (System.currentTimeMillis() - since) / 1000) + " s";
        job.recordOtherMessage("Kafka answers again" + seconds + " (at " + TIME_FORMAT.format(Instant.now()) + "); it had failed with: " + reason.get());
        job.recordUnstable(Optional.empty());
        log.info("Routine load job {} is RUNNING again{}", job.definition().name(), seconds);
    }
}
