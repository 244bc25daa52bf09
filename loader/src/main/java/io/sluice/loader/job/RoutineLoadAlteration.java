package io.sluice.loader.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Collections.unmodifiableMap;
import static java.util.Objects.requireNonNull;

/**
 * What an ALTER ROUTINE LOAD statement writes: each present load property replaces the job's, job properties and
 * data source properties ({@code kafka_broker_list}, {@code kafka_partitions} with {@code kafka_offsets},
 * {@code property.*}) change by key. What is not written stays as it is.
 */
public record RoutineLoadAlteration(
        Optional<List<ColumnMapping>> columns,
        Optional<String> where,
        Optional<String> columnSeparator,
        Optional<String> rowDelimiter,
        Optional<List<String>> partitions,
        Map<String, String> jobProperties,
        Map<String, String> dataSourceProperties)
{
    public RoutineLoadAlteration
    {
        columns = requireNonNull(columns, "columns is null").map(List::copyOf);
        requireNonNull(where, "where is null");
        requireNonNull(columnSeparator, "columnSeparator is null");
        requireNonNull(rowDelimiter, "rowDelimiter is null");
        partitions = requireNonNull(partitions, "partitions is null").map(List::copyOf);
        jobProperties = unmodifiableMap(new LinkedHashMap<>(requireNonNull(jobProperties, "jobProperties is null")));
        dataSourceProperties = unmodifiableMap(new LinkedHashMap<>(requireNonNull(dataSourceProperties, "dataSourceProperties is null")));
    }

    /** Whether it changes anything but the job properties that may change while the job runs. */
    public boolean needsPausedJob()
    {
        if (columns.isPresent() || where.isPresent() || columnSeparator.isPresent() || rowDelimiter.isPresent() || partitions.isPresent()
                || !dataSourceProperties.isEmpty()) {
            return true;
        }
        for (String key : jobProperties.keySet()) {
            if (!JobProperties.ALTERABLE_WHILE_RUNNING.contains(key.trim().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty()
    {
        return columns.isEmpty() && where.isEmpty() && columnSeparator.isEmpty() && rowDelimiter.isEmpty() && partitions.isEmpty()
                && jobProperties.isEmpty() && dataSourceProperties.isEmpty();
    }
}
