package io.sluice.storage.table;

import io.sluice.storage.catalog.TableInfo;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The published state of a table at one version; immutable, so a query reads it without locks.
 */
public record TableSnapshot(TableInfo table, long version, List<SegmentSlice> slices)
{
    public TableSnapshot
    {
        requireNonNull(table, "table is null");
        slices = List.copyOf(requireNonNull(slices, "slices is null"));
    }
}
