package io.sluice.server.calcite;

import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.sluice.server.calcite.TestDatabase.column;
import static io.sluice.server.calcite.TestDatabase.key;
import static io.sluice.server.calcite.TestDatabase.row;
import static io.sluice.storage.type.ColumnType.BIGINT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement reads one version of each table for its whole run: a commit that lands after its first scan of a table
 * (here: made by the snapshot source itself, right after handing out the snapshot) is invisible to its other scans of
 * that table, and visible to the next statement.
 */
class StatementSnapshotsTest
{
    @TempDir
    Path directory;

    private TestDatabase database;
    private TableInfo items;
    private TableInfo other;
    private CommittingSource source;
    private CalciteQueryEngine engine;

    @BeforeEach
    void setUp()
    {
        database = new TestDatabase(directory);
        items = database.createTable("items", KeyModel.DUPLICATE, key("id", BIGINT), column("quantity", BIGINT));
        other = database.createTable("other", KeyModel.DUPLICATE, key("id", BIGINT));
        database.insert(items, row(1, 10), row(2, 20), row(3, 30));
        database.insert(other, row(1), row(2));
        source = new CommittingSource();
        engine = new CalciteQueryEngine(database.storage(), ZoneId::systemDefault, source);
    }

    @AfterEach
    void tearDown()
    {
        engine.close();
        database.close();
    }

    @Test
    void everyScanOfATableReadsTheVersionOfTheFirst()
    {
        long next = 4;
        for (String sql : List.of(
                "select count(*) from items union all select count(*) from items",
                "select count(*) from items a cross join items b",
                "select (select count(*) from items), count(*), sum(quantity) from items",
                "select count(*) from items where quantity > (select avg(quantity) - 100 from items)",
                "select a.id, (select count(*) from items b where b.id <= a.id) from items a")) {
            long before = rowCount();
            source.commitAfterNextSnapshot(next++);
            List<String> rows = rows(sql);
            assertThat(rowCount()).as("a row was committed during %s", sql).isEqualTo(before + 1);
            // each table's snapshot was taken once, before the commit, and every scan read it
            assertThat(source.snapshotsTaken()).as(sql).containsExactly(items.id());
            assertThat(rows).as(sql).isEqualTo(expectedWithRows(sql, before));
            source.clear();
        }
    }

    @Test
    void eachTableIsPinnedOnceAndOnlyForOneExecution()
    {
        source.commitAfterNextSnapshot(4);
        String sql = "select count(*) from items i join other o on i.id = o.id union all select count(*) from items";
        assertThat(rows(sql)).containsExactly("2", "3");
        assertThat(source.snapshotsTaken()).containsExactlyInAnyOrder(items.id(), other.id());

        // the next execution of the same (cached) plan reads the new version
        source.clear();
        assertThat(rows(sql)).containsExactly("2", "4");
        assertThat(source.snapshotsTaken()).containsExactlyInAnyOrder(items.id(), other.id());
    }

    /** What each query answers over the rows 1..n with quantity 10 * id, all from one version. */
    private static List<String> expectedWithRows(String sql, long n)
    {
        long sum = 0;
        for (long id = 1; id <= n; id++) {
            sum += id * 10;
        }
        if (sql.contains("union all")) {
            return List.of(Long.toString(n), Long.toString(n));
        }
        if (sql.contains("cross join")) {
            return List.of(Long.toString(n * n));
        }
        if (sql.startsWith("select (select")) {
            return List.of(n + " | " + n + " | " + sum);
        }
        if (sql.contains("avg(quantity)")) {
            return List.of(Long.toString(n));
        }
        List<String> rows = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            rows.add(id + " | " + id);
        }
        return rows;
    }

    private List<String> rows(String sql)
    {
        List<String> rows = new ArrayList<>();
        for (String[] row : engine.execute(sql, TestDatabase.DATABASE).rows()) {
            rows.add(String.join(" | ", row));
        }
        // the correlated query's order is the plan's; compare as sorted
        rows.sort(null);
        return rows;
    }

    private long rowCount()
    {
        return Long.parseLong(database.rows("select count(*) from items").get(0));
    }

    /** Hands out the current snapshot and, when armed, then commits one more row into items: a commit between two scans. */
    private final class CommittingSource
            implements StatementSnapshots.Source
    {
        private final List<Long> taken = new ArrayList<>();
        private long pendingId = -1;

        void commitAfterNextSnapshot(long id)
        {
            pendingId = id;
        }

        List<Long> snapshotsTaken()
        {
            return taken;
        }

        void clear()
        {
            taken.clear();
        }

        @Override
        public Optional<TableSnapshot> current(long tableId)
        {
            taken.add(tableId);
            Optional<TableSnapshot> snapshot = database.storage().tableData(tableId).map(TableData::snapshot);
            if (pendingId >= 0 && tableId == items.id()) {
                long id = pendingId;
                pendingId = -1;
                database.insert(items, row(id, id * 10));
            }
            return snapshot;
        }
    }
}
