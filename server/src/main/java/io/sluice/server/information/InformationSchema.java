package io.sluice.server.information;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.storage.Storage;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Collections.unmodifiableMap;

/**
 * The {@code information_schema} database of routine loads, a Calcite schema so SELECT with WHERE, ORDER BY and
 * joins works on it: {@code routine_load_jobs} and {@code load_tracking_logs}, as StarRocks names them.
 */
public final class InformationSchema
        extends AbstractSchema
{
    public static final String NAME = "information_schema";

    private final Map<String, InformationTable> tables;

    /**
     * @param visibleJob the jobs (and their rejected records) the session's account may see; null stands for a job
     * that no longer exists
     */
    public InformationSchema(Storage storage, RoutineLoadManager manager, Predicate<RoutineLoadJob> visibleJob)
    {
        Map<String, InformationTable> byName = new LinkedHashMap<>();
        byName.put(LoadTrackingLogsTable.NAME, new LoadTrackingLogsTable(storage, manager, visibleJob));
        byName.put(RoutineLoadJobsTable.NAME, new RoutineLoadJobsTable(manager, visibleJob));
        this.tables = unmodifiableMap(byName);
    }

    public static boolean isName(String database)
    {
        return NAME.equalsIgnoreCase(database);
    }

    /** The table names, sorted, as SHOW TABLES lists them. */
    public static List<String> tableNames()
    {
        return List.of(LoadTrackingLogsTable.NAME, RoutineLoadJobsTable.NAME);
    }

    /** The column names of a table (for COM_FIELD_LIST), or empty when there is no such table. */
    public static Optional<List<String>> columnNames(String table)
    {
        List<InformationColumn> columns;
        if (table.equalsIgnoreCase(LoadTrackingLogsTable.NAME)) {
            columns = LoadTrackingLogsTable.COLUMNS;
        }
        else if (table.equalsIgnoreCase(RoutineLoadJobsTable.NAME)) {
            columns = RoutineLoadJobsTable.COLUMNS;
        }
        else {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.add(column.name()));
        return Optional.of(List.copyOf(names));
    }

    @Override
    protected Map<String, Table> getTableMap()
    {
        return Map.copyOf(tables);
    }
}
