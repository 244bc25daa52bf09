package io.sluice.server.information;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.loader.job.RoutineLoadShow;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.ScannableTable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * {@code information_schema.routine_load_jobs}: one row per job (final ones too), StarRocks' columns with the values
 * of SHOW ALL ROUTINE LOAD, secrets masked.
 */
final class RoutineLoadJobsTable
        extends InformationTable
        implements ScannableTable
{
    static final String NAME = "routine_load_jobs";

    static final List<InformationColumn> COLUMNS = List.of(
            InformationColumn.bigint("ID").notNull(),
            InformationColumn.varchar("NAME").notNull(),
            InformationColumn.timestamp("CREATE_TIME"),
            InformationColumn.timestamp("PAUSE_TIME"),
            InformationColumn.timestamp("END_TIME"),
            InformationColumn.varchar("DB_NAME"),
            InformationColumn.varchar("TABLE_NAME"),
            InformationColumn.varchar("STATE"),
            InformationColumn.varchar("DATA_SOURCE_TYPE"),
            InformationColumn.bigint("CURRENT_TASK_NUM"),
            InformationColumn.varchar("JOB_PROPERTIES"),
            InformationColumn.varchar("DATA_SOURCE_PROPERTIES"),
            InformationColumn.varchar("CUSTOM_PROPERTIES"),
            InformationColumn.varchar("STATISTICS"),
            InformationColumn.varchar("PROGRESS"),
            InformationColumn.varchar("TIMESTAMP_PROGRESS"),
            InformationColumn.varchar("REASONS_OF_STATE_CHANGED"),
            InformationColumn.varchar("ERROR_LOG_URLS"),
            InformationColumn.varchar("TRACKING_SQL"),
            InformationColumn.varchar("OTHER_MSG"),
            InformationColumn.varchar("LATEST_SOURCE_POSITION"),
            InformationColumn.varchar("OFFSET_LAG"));

    /** Where each SHOW ROUTINE LOAD column goes: same order, but times and numbers are typed here. */
    private static final int FIRST_TEXT_COLUMN = RoutineLoadShow.COLUMNS.indexOf("JobProperties");

    private final RoutineLoadManager manager;
    private final Predicate<RoutineLoadJob> visibleJob;

    RoutineLoadJobsTable(RoutineLoadManager manager, Predicate<RoutineLoadJob> visibleJob)
    {
        super(COLUMNS);
        this.manager = requireNonNull(manager, "manager is null");
        this.visibleJob = requireNonNull(visibleJob, "visibleJob is null");
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root)
    {
        List<Object[]> rows = new ArrayList<>();
        for (RoutineLoadJob job : manager.jobs()) {
            if (!visibleJob.test(job)) {
                continue;
            }
            rows.add(row(job));
        }
        return Linq4j.asEnumerable(rows);
    }

    static Object[] row(RoutineLoadJob job)
    {
        List<String> shown = RoutineLoadShow.row(job);
        Object[] row = new Object[COLUMNS.size()];
        row[0] = job.id();
        row[1] = job.definition().name();
        row[2] = timestamp(job.createTimeMillis());
        row[3] = job.pauseTimeMillis().map(InformationTable::timestamp).orElse(null);
        row[4] = job.endTimeMillis().map(InformationTable::timestamp).orElse(null);
        row[5] = job.definition().databaseName();
        row[6] = job.definition().tableName();
        row[7] = job.displayState();
        row[8] = shown.get(RoutineLoadShow.COLUMNS.indexOf("DataSourceType"));
        row[9] = (long) RoutineLoadShow.currentTaskCount(job);
        for (int column = FIRST_TEXT_COLUMN; column < shown.size(); column++) {
            row[column] = shown.get(column);
        }
        return row;
    }
}
