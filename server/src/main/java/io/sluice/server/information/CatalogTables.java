package io.sluice.server.information;

import io.sluice.storage.Storage;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.sluice.server.information.InformationColumn.bigint;
import static io.sluice.server.information.InformationColumn.timestamp;
import static io.sluice.server.information.InformationColumn.varchar;

/**
 * MySQL's information_schema tables about the catalog, with MySQL 8's column names, as JDBC drivers' DatabaseMetaData
 * and BI tools query them. Constraint and routine tables exist so those queries find no foreign keys and no routines
 * instead of failing.
 */
public final class CatalogTables
{
    static final String CATALOG = "def";
    public static final String ENGINE = "OLAP";

    static final List<InformationColumn> SCHEMATA = List.of(
            varchar("CATALOG_NAME").notNull(),
            varchar("SCHEMA_NAME").notNull(),
            varchar("DEFAULT_CHARACTER_SET_NAME").notNull(),
            varchar("DEFAULT_COLLATION_NAME").notNull(),
            varchar("SQL_PATH"),
            varchar("DEFAULT_ENCRYPTION").notNull());

    static final List<InformationColumn> TABLES = List.of(
            varchar("TABLE_CATALOG").notNull(),
            varchar("TABLE_SCHEMA").notNull(),
            varchar("TABLE_NAME").notNull(),
            varchar("TABLE_TYPE").notNull(),
            varchar("ENGINE"),
            bigint("VERSION"),
            varchar("ROW_FORMAT"),
            bigint("TABLE_ROWS"),
            bigint("AVG_ROW_LENGTH"),
            bigint("DATA_LENGTH"),
            bigint("MAX_DATA_LENGTH"),
            bigint("INDEX_LENGTH"),
            bigint("DATA_FREE"),
            bigint("AUTO_INCREMENT"),
            timestamp("CREATE_TIME"),
            timestamp("UPDATE_TIME"),
            timestamp("CHECK_TIME"),
            varchar("TABLE_COLLATION"),
            bigint("CHECKSUM"),
            varchar("CREATE_OPTIONS"),
            varchar("TABLE_COMMENT"));

    static final List<InformationColumn> COLUMNS = List.of(
            varchar("TABLE_CATALOG").notNull(),
            varchar("TABLE_SCHEMA").notNull(),
            varchar("TABLE_NAME").notNull(),
            varchar("COLUMN_NAME").notNull(),
            bigint("ORDINAL_POSITION").notNull(),
            varchar("COLUMN_DEFAULT"),
            varchar("IS_NULLABLE").notNull(),
            varchar("DATA_TYPE").notNull(),
            bigint("CHARACTER_MAXIMUM_LENGTH"),
            bigint("CHARACTER_OCTET_LENGTH"),
            bigint("NUMERIC_PRECISION"),
            bigint("NUMERIC_SCALE"),
            bigint("DATETIME_PRECISION"),
            varchar("CHARACTER_SET_NAME"),
            varchar("COLLATION_NAME"),
            varchar("COLUMN_TYPE").notNull(),
            varchar("COLUMN_KEY").notNull(),
            varchar("EXTRA").notNull(),
            varchar("PRIVILEGES").notNull(),
            varchar("COLUMN_COMMENT").notNull(),
            varchar("GENERATION_EXPRESSION").notNull(),
            bigint("SRS_ID"));

    static final List<InformationColumn> STATISTICS = List.of(
            varchar("TABLE_CATALOG").notNull(),
            varchar("TABLE_SCHEMA").notNull(),
            varchar("TABLE_NAME").notNull(),
            bigint("NON_UNIQUE").notNull(),
            varchar("INDEX_SCHEMA").notNull(),
            varchar("INDEX_NAME").notNull(),
            bigint("SEQ_IN_INDEX").notNull(),
            varchar("COLUMN_NAME").notNull(),
            varchar("COLLATION"),
            bigint("CARDINALITY"),
            bigint("SUB_PART"),
            varchar("PACKED"),
            varchar("NULLABLE").notNull(),
            varchar("INDEX_TYPE").notNull(),
            varchar("COMMENT").notNull(),
            varchar("INDEX_COMMENT").notNull(),
            varchar("IS_VISIBLE").notNull(),
            varchar("EXPRESSION"));

    static final List<InformationColumn> KEY_COLUMN_USAGE = List.of(
            varchar("CONSTRAINT_CATALOG").notNull(),
            varchar("CONSTRAINT_SCHEMA").notNull(),
            varchar("CONSTRAINT_NAME").notNull(),
            varchar("TABLE_CATALOG").notNull(),
            varchar("TABLE_SCHEMA").notNull(),
            varchar("TABLE_NAME").notNull(),
            varchar("COLUMN_NAME").notNull(),
            bigint("ORDINAL_POSITION").notNull(),
            bigint("POSITION_IN_UNIQUE_CONSTRAINT"),
            varchar("REFERENCED_TABLE_SCHEMA"),
            varchar("REFERENCED_TABLE_NAME"),
            varchar("REFERENCED_COLUMN_NAME"));

    static final List<InformationColumn> TABLE_CONSTRAINTS = List.of(
            varchar("CONSTRAINT_CATALOG").notNull(),
            varchar("CONSTRAINT_SCHEMA").notNull(),
            varchar("CONSTRAINT_NAME").notNull(),
            varchar("TABLE_SCHEMA").notNull(),
            varchar("TABLE_NAME").notNull(),
            varchar("CONSTRAINT_TYPE").notNull(),
            varchar("ENFORCED").notNull());

    static final List<InformationColumn> REFERENTIAL_CONSTRAINTS = List.of(
            varchar("CONSTRAINT_CATALOG").notNull(),
            varchar("CONSTRAINT_SCHEMA").notNull(),
            varchar("CONSTRAINT_NAME").notNull(),
            varchar("UNIQUE_CONSTRAINT_CATALOG").notNull(),
            varchar("UNIQUE_CONSTRAINT_SCHEMA").notNull(),
            varchar("UNIQUE_CONSTRAINT_NAME"),
            varchar("MATCH_OPTION").notNull(),
            varchar("UPDATE_RULE").notNull(),
            varchar("DELETE_RULE").notNull(),
            varchar("TABLE_NAME").notNull(),
            varchar("REFERENCED_TABLE_NAME").notNull());

    static final List<InformationColumn> ROUTINES = List.of(
            varchar("SPECIFIC_NAME").notNull(),
            varchar("ROUTINE_CATALOG").notNull(),
            varchar("ROUTINE_SCHEMA").notNull(),
            varchar("ROUTINE_NAME").notNull(),
            varchar("ROUTINE_TYPE").notNull(),
            varchar("DATA_TYPE").notNull(),
            varchar("ROUTINE_BODY").notNull(),
            varchar("ROUTINE_DEFINITION"),
            varchar("IS_DETERMINISTIC").notNull(),
            varchar("SQL_DATA_ACCESS").notNull(),
            timestamp("CREATED").notNull(),
            timestamp("LAST_ALTERED").notNull(),
            varchar("SQL_MODE").notNull(),
            varchar("ROUTINE_COMMENT").notNull(),
            varchar("DEFINER").notNull());

    static final List<InformationColumn> VIEWS = List.of(
            varchar("TABLE_CATALOG").notNull(),
            varchar("TABLE_SCHEMA").notNull(),
            varchar("TABLE_NAME").notNull(),
            varchar("VIEW_DEFINITION"),
            varchar("CHECK_OPTION"),
            varchar("IS_UPDATABLE"),
            varchar("DEFINER"),
            varchar("SECURITY_TYPE"),
            varchar("CHARACTER_SET_CLIENT").notNull(),
            varchar("COLLATION_CONNECTION").notNull());

    static final List<InformationColumn> ENGINES = List.of(
            varchar("ENGINE").notNull(),
            varchar("SUPPORT").notNull(),
            varchar("COMMENT").notNull(),
            varchar("TRANSACTIONS"),
            varchar("XA"),
            varchar("SAVEPOINTS"));

    static final List<InformationColumn> CHARACTER_SETS = List.of(
            varchar("CHARACTER_SET_NAME").notNull(),
            varchar("DEFAULT_COLLATE_NAME").notNull(),
            varchar("DESCRIPTION").notNull(),
            bigint("MAXLEN").notNull());

    static final List<InformationColumn> COLLATIONS = List.of(
            varchar("COLLATION_NAME").notNull(),
            varchar("CHARACTER_SET_NAME").notNull(),
            bigint("ID").notNull(),
            varchar("IS_DEFAULT").notNull(),
            varchar("IS_COMPILED").notNull(),
            bigint("SORTLEN").notNull(),
            varchar("PAD_ATTRIBUTE").notNull());

    /** The one engine: SHOW ENGINES and information_schema.ENGINES. */
    public static final List<Object[]> ENGINE_ROWS = List.<Object[]>of(
            new Object[] {ENGINE, "DEFAULT", "Columnar storage with StarRocks' table models, loaded by routine load", "NO", "NO", "NO"});

    public static final List<Object[]> CHARACTER_SET_ROWS = List.<Object[]>of(
            new Object[] {"binary", "binary", "Binary pseudo charset", 1L},
            new Object[] {ColumnDescription.CHARACTER_SET, ColumnDescription.COLLATION, "UTF-8 Unicode", 4L});

    public static final List<Object[]> COLLATION_ROWS = List.<Object[]>of(
            new Object[] {"binary", "binary", 63L, "Yes", "Yes", 1L, "NO PAD"},
            new Object[] {"utf8mb4_bin", ColumnDescription.CHARACTER_SET, 46L, "", "Yes", 1L, "PAD SPACE"},
            new Object[] {ColumnDescription.COLLATION, ColumnDescription.CHARACTER_SET, 45L, "Yes", "Yes", 1L, "PAD SPACE"});

    private CatalogTables() {}

    /** Every database, information_schema included, sorted. */
    public static List<String> databaseNames(Storage storage)
    {
        List<String> names = new ArrayList<>(storage.databaseNames());
        names.add(InformationSchema.NAME);
        names.sort(null);
        return names;
    }

    static List<Object[]> schemata(Storage storage)
    {
        List<Object[]> rows = new ArrayList<>();
        for (String database : databaseNames(storage)) {
            rows.add(new Object[] {CATALOG, database, ColumnDescription.CHARACTER_SET, ColumnDescription.COLLATION, null, "NO"});
        }
        return rows;
    }

    static List<Object[]> tables(Storage storage)
    {
        List<Object[]> rows = new ArrayList<>();
        for (String database : databaseNames(storage)) {
            if (InformationSchema.isName(database)) {
                for (String name : InformationSchema.tableNames()) {
                    rows.add(new Object[] {CATALOG, InformationSchema.NAME, name, "SYSTEM VIEW", null, 10L, null, null, null, null, null, null, null,
                            null, null, null, null, ColumnDescription.COLLATION, null, "", ""});
                }
                continue;
            }
            for (TableInfo table : storage.tables(database)) {
                TableStatistics statistics = TableStatistics.of(storage, table);
                rows.add(new Object[] {CATALOG, database, table.name(), "BASE TABLE", ENGINE, 10L, "Dynamic", statistics.rows(),
                        statistics.averageRowLength(), statistics.dataBytes(), 0L, statistics.indexBytes(), 0L, null,
                        InformationTable.timestamp(table.createTimeMillis()), null, null, ColumnDescription.COLLATION, null,
                        createOptions(table), ""});
            }
        }
        return rows;
    }

    /** The table's model and distribution, where MySQL lists a table's extra options. */
    public static String createOptions(TableInfo table)
    {
        return table.schema().keyModel().name().toLowerCase() + "_key buckets=" + table.schema().buckets();
    }

    static List<Object[]> columns(Storage storage)
    {
        List<Object[]> rows = new ArrayList<>();
        for (String database : databaseNames(storage)) {
            if (InformationSchema.isName(database)) {
                for (String table : InformationSchema.tableNames()) {
                    rows.addAll(informationColumns(table));
                }
                continue;
            }
            for (TableInfo table : storage.tables(database)) {
                rows.addAll(columns(table));
            }
        }
        return rows;
    }

    /** The information_schema.COLUMNS rows of one table (SHOW COLUMNS reads them too). */
    public static List<Object[]> columns(TableInfo table)
    {
        List<Object[]> rows = new ArrayList<>();
        long position = 1;
        for (ColumnSchema column : table.schema().columns()) {
            ColumnDescription description = ColumnDescription.of(column, table.schema().keyModel());
            rows.add(new Object[] {CATALOG, table.databaseName(), table.name(), column.name(), position++, column.defaultValue().orElse(null),
                    column.nullable() ? "YES" : "NO", description.dataType(), description.characterMaximumLength(),
                    description.characterOctetLength(), description.numericPrecision(), description.numericScale(),
                    description.datetimePrecision(), description.characterSetName(), description.collationName(),
                    description.columnType(), description.columnKey(), description.extra(), ColumnDescription.PRIVILEGES,
                    column.comment(), "", null});
        }
        return rows;
    }

    /** The information_schema.COLUMNS rows of an information_schema table; empty when there is no such table. */
    public static List<Object[]> informationColumns(String table)
    {
        List<InformationColumn> columns = InformationSchema.definitions().get(table.toLowerCase(Locale.ROOT));
        if (columns == null) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>();
        long position = 1;
        for (InformationColumn column : columns) {
            rows.add(informationColumn(table.toLowerCase(Locale.ROOT), column, position++));
        }
        return rows;
    }

    private static Object[] informationColumn(String table, InformationColumn column, long position)
    {
        String dataType = switch (column.type()) {
            case BIGINT -> "bigint";
            case INTEGER -> "int";
            case TIMESTAMP -> "datetime";
            default -> "varchar";
        };
        boolean character = dataType.equals("varchar");
        String columnType = switch (dataType) {
            case "bigint" -> "bigint(20)";
            case "int" -> "int(11)";
            case "varchar" -> "varchar(65533)";
            default -> dataType;
        };
        return new Object[] {CATALOG, InformationSchema.NAME, table, column.name(), position, null, column.nullable() ? "YES" : "NO", dataType,
                character ? Long.valueOf(65533) : null, character ? Long.valueOf(4L * 65533) : null,
                numericPrecision(dataType),
                character || dataType.equals("datetime") ? null : Long.valueOf(0),
                dataType.equals("datetime") ? Long.valueOf(0) : null,
                character ? ColumnDescription.CHARACTER_SET : null, character ? ColumnDescription.COLLATION : null,
                columnType, "", "", "select", "", "", null};
    }

    private static Long numericPrecision(String dataType)
    {
        return switch (dataType) {
            case "bigint" -> 19L;
            case "int" -> 10L;
            default -> null;
        };
    }

    /** One row per key column of the tables with a unique key: index PRIMARY, as SHOW KEYS lists it. */
    static List<Object[]> statistics(Storage storage)
    {
        List<Object[]> rows = new ArrayList<>();
        for (String database : storage.databaseNames()) {
            for (TableInfo table : storage.tables(database)) {
                rows.addAll(statistics(storage, table));
            }
        }
        return rows;
    }

    /** The information_schema.STATISTICS rows of one table (SHOW INDEX reads them too). */
    public static List<Object[]> statistics(Storage storage, TableInfo table)
    {
        if (!ColumnDescription.hasUniqueKey(table.schema().keyModel())) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>();
        long rowCount = TableStatistics.of(storage, table).rows();
        for (int i = 0; i < table.schema().keyColumnCount(); i++) {
            ColumnSchema column = table.schema().column(i);
            rows.add(new Object[] {CATALOG, table.databaseName(), table.name(), 0L, table.databaseName(), "PRIMARY", (long) i + 1, column.name(), "A",
                    rowCount, null, null, column.nullable() ? "YES" : "", "BTREE", "", "", "YES", null});
        }
        return rows;
    }

    static List<Object[]> keyColumnUsage(Storage storage)
    {
        List<Object[]> rows = new ArrayList<>();
        for (String database : storage.databaseNames()) {
            for (TableInfo table : storage.tables(database)) {
                if (!ColumnDescription.hasUniqueKey(table.schema().keyModel())) {
                    continue;
                }
                for (int i = 0; i < table.schema().keyColumnCount(); i++) {
                    rows.add(new Object[] {CATALOG, database, "PRIMARY", CATALOG, database, table.name(), table.schema().column(i).name(),
                            (long) i + 1, null, null, null, null});
                }
            }
        }
        return rows;
    }

    static List<Object[]> tableConstraints(Storage storage)
    {
        List<Object[]> rows = new ArrayList<>();
        for (String database : storage.databaseNames()) {
            for (TableInfo table : storage.tables(database)) {
                if (ColumnDescription.hasUniqueKey(table.schema().keyModel())) {
                    rows.add(new Object[] {CATALOG, database, "PRIMARY", database, table.name(), "PRIMARY KEY", "YES"});
                }
            }
        }
        return rows;
    }
}
