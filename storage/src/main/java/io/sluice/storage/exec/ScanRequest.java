package io.sluice.storage.exec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * What a query asks of one table's snapshot, evaluated in the storage's vectorized executor:
 * {@code SELECT <output> FROM table [WHERE filter] [GROUP BY groupBy] [ORDER BY orderBy] [LIMIT offset, limit]}.
 * <p>
 * When {@link #isAggregation()} the output fields are the groupBy columns followed by the aggregates (one row per
 * group; exactly one row when groupBy is empty). Otherwise the output fields are the projection columns.
 * orderBy refers to output fields; offset and limit apply after the sort.
 */
public record ScanRequest(
        Optional<ScanPredicate> filter,
        List<Integer> projection,
        List<Integer> groupBy,
        List<AggregateCall> aggregates,
        List<SortKey> orderBy,
        long offset,
        OptionalLong limit)
{
    public ScanRequest
    {
        requireNonNull(filter, "filter is null");
        projection = List.copyOf(projection);
        groupBy = List.copyOf(groupBy);
        aggregates = List.copyOf(aggregates);
        orderBy = List.copyOf(orderBy);
        requireNonNull(limit, "limit is null");
        if (offset < 0 || (limit.isPresent() && limit.getAsLong() < 0)) {
            throw new IllegalArgumentException("negative offset or limit");
        }
        boolean aggregation = !groupBy.isEmpty() || !aggregates.isEmpty();
        if (aggregation && !projection.isEmpty()) {
            throw new IllegalArgumentException("an aggregation has no projection");
        }
        int outputFields = aggregation ? groupBy.size() + aggregates.size() : projection.size();
        for (SortKey key : orderBy) {
            if (key.field() >= outputFields) {
                throw new IllegalArgumentException("sort field " + key.field() + " is not an output field");
            }
        }
    }

    /** All columns of a table, unfiltered: what a plain {@code SELECT *} needs. */
    public static ScanRequest scanAll(int columnCount)
    {
        List<Integer> columns = new java.util.ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            columns.add(i);
        }
        return new ScanRequest(Optional.empty(), columns, List.of(), List.of(), List.of(), 0, OptionalLong.empty());
    }

    public boolean isAggregation()
    {
        return !groupBy.isEmpty() || !aggregates.isEmpty();
    }

    public int outputFieldCount()
    {
        return isAggregation() ? groupBy.size() + aggregates.size() : projection.size();
    }
}
