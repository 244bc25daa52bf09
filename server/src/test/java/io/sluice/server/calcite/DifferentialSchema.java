package io.sluice.server.calcite;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.type.ColumnType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static java.util.Objects.requireNonNull;

/**
 * The table {@code t} the SQL differential test writes, for one key model: a composite key and a value column of every
 * type, declared for Sluice and for H2 alike (same NOT NULL constraints and defaults), and random values for each.
 * Values are Java objects: Boolean, Long, BigDecimal (LARGEINT, DECIMAL), Double (exact multiples of 1/8, so sums do
 * not depend on the order of addition), String, LocalDate, LocalDateTime (whole seconds), or null.
 */
final class DifferentialSchema
{
    static final String TABLE = "t";
    static final List<String> SECOND_KEYS = List.of("a", "b", "c", "dd", "eee");
    static final List<String> CHARS = List.of("", "x", "yy", "zzz", "wwww");
    static final List<String> WORDS = List.of("alpha", "beta", "gamma", "delta", "a_b", "a%c", "it's", "back\\slash", "none");
    static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    static final int KEY_RANGE = 40;
    private static final String STRING_LETTERS = "abcxyzé中";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One column as both databases declare it. */
    record Column(String name, ColumnType type, String sluiceType, String h2Type, boolean key, boolean nullable,
            AggregationFunction aggregation, Object defaultValue, boolean hasDefault)
    {
        Column
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(aggregation, "aggregation is null");
            if (!hasDefault && defaultValue != null) {
                throw new IllegalArgumentException("a default value without a default for " + name);
            }
        }

        /** The value a row that does not name this column gets: the default, else NULL. */
        Object fillValue()
        {
            return defaultValue;
        }
    }

    private final KeyModel model;
    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final int buckets;

    DifferentialSchema(KeyModel model, int buckets)
    {
        this.model = requireNonNull(model, "model is null");
        this.buckets = buckets;
        this.columns = List.copyOf(columns(model));
        Map<String, Column> map = new LinkedHashMap<>();
        for (Column column : columns) {
            map.put(column.name(), column);
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    private static List<Column> columns(KeyModel model)
    {
        boolean aggregate = model == KeyModel.AGGREGATE;
        boolean primary = model == KeyModel.PRIMARY;
        List<Column> columns = new ArrayList<>();
        columns.add(key("k1", ColumnType.INT, "INT", "INTEGER"));
        columns.add(key("k2", ColumnType.VARCHAR, "VARCHAR(8)", "VARCHAR(8)"));
        columns.add(value("b", ColumnType.BOOLEAN, "BOOLEAN", "BOOLEAN", aggregate ? AggregationFunction.REPLACE_IF_NOT_NULL : AggregationFunction.NONE));
        columns.add(value("ti", ColumnType.TINYINT, "TINYINT", "TINYINT", aggregate ? AggregationFunction.MAX : AggregationFunction.NONE));
        columns.add(value("si", ColumnType.SMALLINT, "SMALLINT", "SMALLINT", aggregate ? AggregationFunction.MIN : AggregationFunction.NONE));
        // NOT NULL with a default: a merge condition column of PRIMARY KEY tables
        columns.add(new Column("i", ColumnType.INT, "INT", "INTEGER", false, false,
                aggregate ? AggregationFunction.SUM : AggregationFunction.NONE, aggregate ? 0L : 7L, true));
        // NOT NULL without a default on PRIMARY KEY tables: a partial update cannot create a key without it
        columns.add(new Column("bi", ColumnType.BIGINT, "BIGINT", "BIGINT", false, !primary,
                aggregate ? AggregationFunction.SUM : AggregationFunction.NONE, null, false));
        columns.add(value("li", ColumnType.LARGEINT, "LARGEINT", "NUMERIC(38, 0)", aggregate ? AggregationFunction.SUM : AggregationFunction.NONE));
        columns.add(value("f", ColumnType.FLOAT, "FLOAT", "REAL", aggregate ? AggregationFunction.MIN : AggregationFunction.NONE));
        columns.add(value("d", ColumnType.DOUBLE, "DOUBLE", "DOUBLE PRECISION", aggregate ? AggregationFunction.SUM : AggregationFunction.NONE));
        columns.add(value("dc", ColumnType.DECIMAL, "DECIMAL(12, 3)", "NUMERIC(12, 3)", aggregate ? AggregationFunction.SUM : AggregationFunction.NONE));
        // H2's CHAR pads with spaces, MySQL's does not show them: VARCHAR there
        columns.add(value("c", ColumnType.CHAR, "CHAR(4)", "VARCHAR(4)", aggregate ? AggregationFunction.REPLACE_IF_NOT_NULL : AggregationFunction.NONE));
        columns.add(new Column("v", ColumnType.VARCHAR, "VARCHAR(16)", "VARCHAR(16)", false, true,
                aggregate ? AggregationFunction.REPLACE : AggregationFunction.NONE, "none", true));
        columns.add(value("s", ColumnType.STRING, "STRING", "VARCHAR(65533)", aggregate ? AggregationFunction.MAX : AggregationFunction.NONE));
        columns.add(value("dt", ColumnType.DATE, "DATE", "DATE", aggregate ? AggregationFunction.MIN : AggregationFunction.NONE));
        columns.add(new Column("ts", ColumnType.DATETIME, "DATETIME", "TIMESTAMP(0)", false, !primary,
                aggregate ? AggregationFunction.MAX : AggregationFunction.NONE,
                primary ? LocalDateTime.of(2000, 1, 1, 0, 0) : null, primary));
        return columns;
    }

    private static Column key(String name, ColumnType type, String sluiceType, String h2Type)
    {
        return new Column(name, type, sluiceType, h2Type, true, false, AggregationFunction.NONE, null, false);
    }

    private static Column value(String name, ColumnType type, String sluiceType, String h2Type, AggregationFunction aggregation)
    {
        return new Column(name, type, sluiceType, h2Type, false, true, aggregation, null, false);
    }

    KeyModel model()
    {
        return model;
    }

    List<Column> columns()
    {
        return columns;
    }

    Column column(String name)
    {
        Column column = byName.get(name);
        if (column == null) {
            throw new IllegalArgumentException("no column " + name);
        }
        return column;
    }

    List<String> names()
    {
        List<String> names = new ArrayList<>(columns.size());
        for (Column column : columns) {
            names.add(column.name());
        }
        return names;
    }

    List<String> keyNames()
    {
        return List.of("k1", "k2");
    }

    List<String> valueNames()
    {
        return names().subList(2, columns.size());
    }

    /** NOT NULL value columns: the candidates for a merge condition. */
    List<String> mergeCandidates()
    {
        List<String> names = new ArrayList<>();
        for (Column column : columns) {
            if (!column.key() && !column.nullable()) {
                names.add(column.name());
            }
        }
        return names;
    }

    String sluiceCreateTable()
    {
        List<String> definitions = new ArrayList<>();
        for (Column column : columns) {
            StringBuilder definition = new StringBuilder(column.name()).append(' ').append(column.sluiceType());
            if (column.aggregation() != AggregationFunction.NONE) {
                definition.append(' ').append(column.aggregation().name());
            }
            definition.append(column.nullable() ? " NULL" : " NOT NULL");
            if (column.hasDefault()) {
                definition.append(" DEFAULT ").append(sluiceLiteral(column.defaultValue()));
            }
            definitions.add(definition.toString());
        }
        String distribution = model == KeyModel.DUPLICATE ? "DISTRIBUTED BY HASH(k1) BUCKETS " + buckets : "DISTRIBUTED BY HASH(k1, k2) BUCKETS " + buckets;
        return "CREATE TABLE " + TABLE + " (" + String.join(", ", definitions) + ") " + model.name() + " KEY (k1, k2) " + distribution
                + " PROPERTIES (\"replication_num\" = \"1\")";
    }

    String h2CreateTable()
    {
        List<String> definitions = new ArrayList<>();
        for (Column column : columns) {
            StringBuilder definition = new StringBuilder(column.name()).append(' ').append(column.h2Type());
            if (column.hasDefault()) {
                definition.append(" DEFAULT ").append(h2Literal(column.defaultValue()));
            }
            if (!column.nullable()) {
                definition.append(" NOT NULL");
            }
            definitions.add(definition.toString());
        }
        if (model != KeyModel.DUPLICATE) {
            definitions.add("PRIMARY KEY (k1, k2)");
        }
        return "CREATE TABLE " + TABLE + " (" + String.join(", ", definitions) + ")";
    }

    // ---- random values

    static Object randomValue(Random random, Column column)
    {
        if (column.nullable() && random.nextInt(8) == 0) {
            return null;
        }
        return switch (column.name()) {
            case "k1" -> (long) random.nextInt(KEY_RANGE);
            case "k2" -> pick(random, SECOND_KEYS);
            case "b" -> random.nextBoolean();
            case "ti" -> (long) (random.nextInt(201) - 100);
            case "si" -> (long) (random.nextInt(2001) - 1000);
            case "i" -> (long) (random.nextInt(200_001) - 100_000);
            case "bi" -> random.nextLong() % 1_000_000_000_000L;
            case "li" -> {
                BigInteger magnitude = new BigInteger(random.nextBoolean() ? 90 : 40, random);
                yield new BigDecimal(random.nextBoolean() ? magnitude : magnitude.negate());
            }
            case "f" -> (random.nextInt(801) - 400) * 0.25;
            case "d" -> (random.nextInt(160_001) - 80_000) * 0.125;
            case "dc" -> BigDecimal.valueOf(random.nextInt(19_999_999) - 9_999_999, 3);
            case "c" -> pick(random, CHARS);
            case "v" -> pick(random, WORDS);
            case "s" -> randomString(random);
            case "dt" -> FIRST_DAY.plusDays(random.nextInt(60));
            case "ts" -> FIRST_DAY.atStartOfDay().plusSeconds(random.nextInt(60 * 86_400));
            default -> throw new IllegalArgumentException("no values for " + column.name());
        };
    }

    private static String randomString(Random random)
    {
        int length = random.nextInt(9);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(STRING_LETTERS.charAt(random.nextInt(STRING_LETTERS.length())));
        }
        return text.toString();
    }

    static <T> T pick(Random random, List<T> values)
    {
        return values.get(random.nextInt(values.size()));
    }

    // ---- literals

    /** A value as a literal of Sluice's MySQL dialect (backslash escapes in strings). */
    static String sluiceLiteral(Object value)
    {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return plainLiteral(value);
    }

    /** A value as an H2 literal (doubled quotes in strings). */
    static String h2Literal(Object value)
    {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (value instanceof LocalDate date) {
            return "DATE '" + date + "'";
        }
        if (value instanceof LocalDateTime dateTime) {
            return "TIMESTAMP '" + dateTime.format(DATE_TIME) + "'";
        }
        return plainLiteral(value);
    }

    private static String plainLiteral(Object value)
    {
        if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        }
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double number) {
            return BigDecimal.valueOf(number).toPlainString();
        }
        if (value instanceof LocalDate date) {
            return "'" + date + "'";
        }
        if (value instanceof LocalDateTime dateTime) {
            return "'" + dateTime.format(DATE_TIME) + "'";
        }
        throw new IllegalArgumentException("no literal for " + value.getClass().getSimpleName());
    }

    /** A value as the loader hands it to the value converter (dates and times as their text). */
    static Object loaderValue(Object value)
    {
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.format(DATE_TIME);
        }
        return value;
    }
}
