package io.sluice.server.information;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.storage.Storage;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code information_schema} database, a Calcite schema so SELECT with WHERE, ORDER BY and joins works on it:
 * MySQL's catalog tables ({@code schemata}, {@code tables}, {@code columns}, {@code statistics}, ...) and the routine
 * load tables {@code routine_load_jobs} and {@code load_tracking_logs}, as StarRocks names them.
 */
public final class InformationSchema
        extends AbstractSchema
{
    public static final String NAME = "information_schema";

    /** Table name to columns, sorted by name as SHOW TABLES lists them. */
    private static final Map<String, List<InformationColumn>> DEFINITIONS = definitionMap();

    private final Map<String, Table> tables;

    /** @param visibility what the session's account may see: the rows of other databases, tables and jobs are left out */
    public InformationSchema(Storage storage, RoutineLoadManager manager, Visibility visibility)
    {
        Map<String, Table> byName = new TreeMap<>();
        byName.put("character_sets", new ComputedTable(CatalogTables.CHARACTER_SETS, () -> CatalogTables.CHARACTER_SET_ROWS));
        byName.put("collations", new ComputedTable(CatalogTables.COLLATIONS, () -> CatalogTables.COLLATION_ROWS));
        byName.put("columns", new ComputedTable(CatalogTables.COLUMNS, () -> visibleRows(CatalogTables.COLUMNS, CatalogTables.columns(storage), visibility)));
        byName.put("engines", new ComputedTable(CatalogTables.ENGINES, () -> CatalogTables.ENGINE_ROWS));
        byName.put("key_column_usage", new ComputedTable(CatalogTables.KEY_COLUMN_USAGE, () -> visibleRows(CatalogTables.KEY_COLUMN_USAGE, CatalogTables.keyColumnUsage(storage), visibility)));
        byName.put(LoadTrackingLogsTable.NAME, new LoadTrackingLogsTable(storage, manager, visibility::seesJob));
        byName.put("referential_constraints", new ComputedTable(CatalogTables.REFERENTIAL_CONSTRAINTS, List::of));
        byName.put(RoutineLoadJobsTable.NAME, new RoutineLoadJobsTable(manager, visibility::seesJob));
        byName.put("routines", new ComputedTable(CatalogTables.ROUTINES, List::of));
        byName.put("schemata", new ComputedTable(CatalogTables.SCHEMATA, () -> visibleRows(CatalogTables.SCHEMATA, CatalogTables.schemata(storage), visibility)));
        byName.put("statistics", new ComputedTable(CatalogTables.STATISTICS, () -> visibleRows(CatalogTables.STATISTICS, CatalogTables.statistics(storage), visibility)));
        byName.put("table_constraints", new ComputedTable(CatalogTables.TABLE_CONSTRAINTS, () -> visibleRows(CatalogTables.TABLE_CONSTRAINTS, CatalogTables.tableConstraints(storage), visibility)));
        byName.put("tables", new ComputedTable(CatalogTables.TABLES, () -> visibleRows(CatalogTables.TABLES, CatalogTables.tables(storage), visibility)));
        byName.put("views", new ComputedTable(CatalogTables.VIEWS, List::of));
        if (!byName.keySet().equals(DEFINITIONS.keySet())) {
            throw new IllegalStateException("information_schema tables and definitions differ");
        }
        this.tables = Map.copyOf(byName);
    }

    /** The rows whose schema (and table, when the table has one) the account may see; information_schema's own are open. */
    private static List<Object[]> visibleRows(List<InformationColumn> columns, List<Object[]> rows, Visibility visibility)
    {
        if (visibility == Visibility.ALL) {
            return rows;
        }
        int schemaColumn = -1;
        int tableColumn = -1;
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name().toUpperCase(Locale.ROOT);
            if (name.equals("TABLE_SCHEMA") || (name.equals("SCHEMA_NAME") && schemaColumn < 0)) {
                schemaColumn = i;
            }
            else if (name.equals("TABLE_NAME")) {
                tableColumn = i;
            }
        }
        List<Object[]> visible = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String database = (String) row[schemaColumn];
            if (isName(database)
                    || (tableColumn < 0 ? visibility.seesDatabase(database) : visibility.seesTable(database, (String) row[tableColumn]))) {
                visible.add(row);
            }
        }
        return visible;
    }

    private static Map<String, List<InformationColumn>> definitionMap()
    {
        Map<String, List<InformationColumn>> definitions = new TreeMap<>();
        definitions.put("character_sets", CatalogTables.CHARACTER_SETS);
        definitions.put("collations", CatalogTables.COLLATIONS);
        definitions.put("columns", CatalogTables.COLUMNS);
        definitions.put("engines", CatalogTables.ENGINES);
        definitions.put("key_column_usage", CatalogTables.KEY_COLUMN_USAGE);
        definitions.put(LoadTrackingLogsTable.NAME, LoadTrackingLogsTable.COLUMNS);
        definitions.put("referential_constraints", CatalogTables.REFERENTIAL_CONSTRAINTS);
        definitions.put(RoutineLoadJobsTable.NAME, RoutineLoadJobsTable.COLUMNS);
        definitions.put("routines", CatalogTables.ROUTINES);
        definitions.put("schemata", CatalogTables.SCHEMATA);
        definitions.put("statistics", CatalogTables.STATISTICS);
        definitions.put("table_constraints", CatalogTables.TABLE_CONSTRAINTS);
        definitions.put("tables", CatalogTables.TABLES);
        definitions.put("views", CatalogTables.VIEWS);
        return Collections.unmodifiableMap(definitions);
    }

    static Map<String, List<InformationColumn>> definitions()
    {
        return DEFINITIONS;
    }

    public static boolean isName(String database)
    {
        return NAME.equalsIgnoreCase(database);
    }

    /** The table names, sorted, as SHOW TABLES lists them. */
    public static List<String> tableNames()
    {
        return List.copyOf(DEFINITIONS.keySet());
    }

    /** The column names of a table (for COM_FIELD_LIST), or empty when there is no such table. */
    public static Optional<List<String>> columnNames(String table)
    {
        List<InformationColumn> columns = DEFINITIONS.get(table.toLowerCase(Locale.ROOT));
        if (columns == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.add(column.name()));
        return Optional.of(List.copyOf(names));
    }

    @Override
    protected Map<String, Table> getTableMap()
    {
        return tables;
    }
}
