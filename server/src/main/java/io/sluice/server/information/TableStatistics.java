package io.sluice.server.information;

import io.sluice.storage.Storage;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.table.TableData;

import java.util.Optional;

/**
 * What SHOW TABLE STATUS and information_schema.TABLES report of a table's data: live rows of the published
 * snapshot, bytes of its files on disk and heap bytes of its primary index.
 */
public record TableStatistics(long rows, long dataBytes, long indexBytes)
{
    public static TableStatistics of(Storage storage, TableInfo table)
    {
        Optional<TableData> data = storage.tableData(table.id());
        if (data.isEmpty()) {
            return new TableStatistics(0, 0, 0);
        }
        long rows = 0;
        for (SegmentSlice slice : data.get().snapshot().slices()) {
            rows += slice.liveRowCount();
        }
        return new TableStatistics(rows, data.get().diskBytes(), data.get().indexMemoryBytes());
    }

    /** MySQL's AVG_ROW_LENGTH: data bytes per row, 0 for an empty table. */
    public long averageRowLength()
    {
        return rows == 0 ? 0 : dataBytes / rows;
    }
}
