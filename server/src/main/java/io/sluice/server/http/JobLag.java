package io.sluice.server.http;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadShow;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * How far a routine load job is behind its topic.
 * <p>
 * {@code offsetLag}: per partition, the messages on the broker not loaded yet (SHOW ROUTINE LOAD's OffsetLag).
 * {@code lagSeconds}: 0 when every partition is caught up; otherwise, over the partitions with an offset lag, the
 * largest of "now minus the Kafka timestamp of the newest message loaded from that partition". The oldest message not
 * loaded yet is newer than that one, so this is an upper bound of its age that needs no extra read from the broker.
 * A partition nothing was loaded from since this server started counts from {@code sinceMillis} instead (the later of
 * the server's start and the job's creation).
 */
record JobLag(Map<Integer, Long> offsetLag, long totalOffsetLag, double lagSeconds)
{
    JobLag
    {
        offsetLag = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(offsetLag, "offsetLag is null")));
    }

    static JobLag of(RoutineLoadJob job, long nowMillis, long serverStartMillis)
    {
        Map<Integer, Long> lags = RoutineLoadShow.offsetLagByPartition(job);
        Map<Integer, Long> loadedTimestamps = job.timestampProgress();
        long fallback = Math.max(serverStartMillis, job.createTimeMillis());
        long total = 0;
        double seconds = 0;
        for (Map.Entry<Integer, Long> entry : lags.entrySet()) {
            long lag = entry.getValue();
            if (lag <= 0) {
                continue;
            }
            total += lag;
            Long loaded = loadedTimestamps.get(entry.getKey());
            long since = loaded != null && loaded >= 0 ? loaded : fallback;
            seconds = Math.max(seconds, Math.max(0, nowMillis - since) / 1000.0);
        }
        return new JobLag(lags, total, seconds);
    }
}
