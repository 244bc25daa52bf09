package io.sluice.storage.model;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.type.ColumnType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static io.sluice.storage.type.ColumnType.BIGINT;
import static io.sluice.storage.type.ColumnType.DATE;
import static io.sluice.storage.type.ColumnType.DATETIME;
import static io.sluice.storage.type.ColumnType.DOUBLE;
import static io.sluice.storage.type.ColumnType.INT;
import static io.sluice.storage.type.ColumnType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * Random tables and random values for them. Key values come from small domains so that batches repeat keys;
 * value columns often draw from a handful of values so that MAX/MIN and merge conditions meet ties. Doubles are
 * multiples of 1/8 so that every sum is exact whatever order it is added in.
 */
final class RandomTables
{
    private static final ColumnType[] KEY_TYPES = {BIGINT, INT, VARCHAR};
    private static final ColumnType[] VALUE_TYPES = {BIGINT, INT, DOUBLE, VARCHAR, DATE, DATETIME};
    private static final ColumnType[] NUMBER_TYPES = {BIGINT, INT, DOUBLE};
    private static final String[] KEY_STRINGS = {"", "a", "b", "ab", "abc", "B", "é", "ü", "中", "中文", "key 1", "key 2", "z", "zz", "0", "00"};
    private static final String LETTERS = "abAB é中z";
    private static final AggregationFunction[] FUNCTIONS = {
            AggregationFunction.SUM, AggregationFunction.MAX, AggregationFunction.MIN, AggregationFunction.REPLACE, AggregationFunction.REPLACE_IF_NOT_NULL};

    private final Random random;
    private final int keyDomain;

    RandomTables(Random random)
    {
        this.random = requireNonNull(random, "random is null");
        this.keyDomain = 3 + random.nextInt(30);
    }

    /**
     * Columns {@code k0[, k1]} then {@code v0..vn}. A PRIMARY KEY table's {@code v0} is NOT NULL, so that a merge
     * condition always has a column to use.
     */
    TableSchema table(KeyModel model)
    {
        List<ColumnSchema> columns = new ArrayList<>();
        int keyCount = 1 + random.nextInt(2);
        List<String> keyNames = new ArrayList<>();
        for (int key = 0; key < keyCount; key++) {
            ColumnType type = KEY_TYPES[random.nextInt(KEY_TYPES.length)];
            columns.add(new ColumnSchema("k" + key, type, length(type), 0, false, true, AggregationFunction.NONE, Optional.empty(), ""));
            keyNames.add("k" + key);
        }
        List<AggregationFunction> functions = new ArrayList<>();
        if (model == KeyModel.AGGREGATE) {
            // Every function in every AGGREGATE table, in random order, plus a few more.
            functions.addAll(List.of(FUNCTIONS));
            for (int extra = random.nextInt(3); extra > 0; extra--) {
                functions.add(FUNCTIONS[random.nextInt(FUNCTIONS.length)]);
            }
            Collections.shuffle(functions, random);
        }
        else {
            for (int value = 2 + random.nextInt(4); value > 0; value--) {
                functions.add(AggregationFunction.NONE);
            }
        }
        int valueCount = functions.size();
        for (int value = 0; value < valueCount; value++) {
            AggregationFunction aggregation = functions.get(value);
            ColumnType[] types = aggregation == AggregationFunction.SUM ? NUMBER_TYPES : VALUE_TYPES;
            ColumnType type = types[random.nextInt(types.length)];
            boolean nullable = (model != KeyModel.PRIMARY || value > 0) && random.nextInt(10) < (model == KeyModel.AGGREGATE ? 8 : 6);
            Optional<String> defaultValue = random.nextInt(10) < 4 ? Optional.of(defaultText(type, nullable)) : Optional.empty();
            columns.add(new ColumnSchema("v" + value, type, length(type), 0, nullable, false, aggregation, defaultValue, ""));
        }
        List<String> distribution = keyNames;
        if (keyCount == 2 && random.nextBoolean()) {
            distribution = List.of(keyNames.get(random.nextInt(2)));
        }
        if (model == KeyModel.DUPLICATE && random.nextInt(3) == 0) {
            // DUPLICATE KEY tables may spread by any column, or at random.
            distribution = random.nextBoolean() ? List.of() : List.of("v" + random.nextInt(valueCount));
        }
        return new TableSchema(columns, model, distribution, 1 + random.nextInt(8), Map.of());
    }

    /** A value in physical form; NULL sometimes when the column allows it. */
    Object value(ColumnSchema column)
    {
        if (column.nullable() && random.nextInt(100) < 15) {
            return null;
        }
        if (column.key()) {
            return keyValue(column.type());
        }
        boolean tie = random.nextBoolean();
        return switch (column.type()) {
            case BIGINT, INT -> (long) (tie ? random.nextInt(7) - 3 : random.nextInt(2001) - 1000);
            case DOUBLE -> (tie ? random.nextInt(7) - 3 : random.nextInt(16001) - 8000) / 8.0;
            case VARCHAR -> tie ? KEY_STRINGS[random.nextInt(4)] : randomString();
            case DATE -> (long) (tie ? 19_000 + random.nextInt(3) : random.nextInt(60_000) - 20_000);
            case DATETIME -> tie
                    ? 1_700_000_000_000_000L + random.nextInt(3)
                    : (random.nextInt(3_000_000) - 1_000_000) * 1_000_000_000L + random.nextInt(1_000_000);
            default -> throw new IllegalArgumentException("unsupported type " + column.type());
        };
    }

    private Object keyValue(ColumnType type)
    {
        int pick = random.nextInt(keyDomain + 2);
        return switch (type) {
            case BIGINT -> pick == keyDomain ? Long.MIN_VALUE : pick == keyDomain + 1 ? Long.MAX_VALUE : (long) pick - 1;
            case INT -> pick == keyDomain ? (long) Integer.MIN_VALUE : pick == keyDomain + 1 ? (long) Integer.MAX_VALUE : (long) pick - 1;
            case VARCHAR -> KEY_STRINGS[pick % KEY_STRINGS.length];
            default -> throw new IllegalArgumentException("unsupported key type " + type);
        };
    }

    private String randomString()
    {
        int length = random.nextInt(6);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return text.toString();
    }

    private String defaultText(ColumnType type, boolean nullable)
    {
        // DEFAULT NULL only where NULL is allowed: NOT NULL DEFAULT NULL is a contradictory definition.
        if (nullable && random.nextInt(5) == 0) {
            return "NULL";
        }
        return switch (type) {
            case BIGINT, INT -> "17";
            case DOUBLE -> "2.5";
            case VARCHAR -> "dflt";
            case DATE -> "2020-02-29";
            case DATETIME -> "2021-03-04 05:06:07.000008";
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
    }

    private static int length(ColumnType type)
    {
        return type == VARCHAR ? 64 : 0;
    }
}
