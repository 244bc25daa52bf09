package io.sluice.server.http;

import io.sluice.storage.Storage;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Rows (live, deletes subtracted), segments and bytes on disk of one table at its published version. */
record TableStatistics(String database, String table, long rows, long segments, long bytes)
{
    TableStatistics
    {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
    }

    /** Every table, by database then name. */
    static List<TableStatistics> all(Storage storage)
    {
        List<TableStatistics> statistics = new ArrayList<>();
        for (String database : storage.databaseNames()) {
            for (TableInfo table : storage.tables(database)) {
                Optional<TableData> data = storage.tableData(table.id());
                if (data.isEmpty()) {
                    // dropped while we listed
                    continue;
                }
                TableSnapshot snapshot = data.get().snapshot();
                long rows = 0;
                for (SegmentSlice slice : snapshot.slices()) {
                    rows += slice.liveRowCount();
                }
                statistics.add(new TableStatistics(database, table.name(), rows, snapshot.slices().size(), data.get().diskBytes()));
            }
        }
        return statistics;
    }
}
