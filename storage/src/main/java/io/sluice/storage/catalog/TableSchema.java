package io.sluice.storage.catalog;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Collections.unmodifiableMap;
import static java.util.Objects.requireNonNull;

/**
 * The columns and model of a table. Key columns come first.
 */
public record TableSchema(
        List<ColumnSchema> columns,
        KeyModel keyModel,
        List<String> distributionColumns,
        int buckets,
        Map<String, String> properties)
{
    public TableSchema
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(keyModel, "keyModel is null");
        distributionColumns = List.copyOf(requireNonNull(distributionColumns, "distributionColumns is null"));
        properties = unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be positive: " + buckets);
        }
        Set<String> names = new HashSet<>();
        boolean valueSeen = false;
        for (ColumnSchema column : columns) {
            if (!names.add(column.name().toLowerCase())) {
                throw new IllegalArgumentException("Duplicate column name '" + column.name() + "'");
            }
            if (column.key() && valueSeen) {
                throw new IllegalArgumentException("Key columns must come first: " + column.name());
            }
            valueSeen |= !column.key();
        }
    }

    public int keyColumnCount()
    {
        int count = 0;
        while (count < columns.size() && columns.get(count).key()) {
            count++;
        }
        return count;
    }

    /** Index of the column with this name, ignoring case, or -1. */
    public int columnIndex(String name)
    {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public ColumnSchema column(int index)
    {
        return columns.get(index);
    }

    public TableSchema withColumns(List<ColumnSchema> newColumns)
    {
        return new TableSchema(newColumns, keyModel, distributionColumns, buckets, properties);
    }
}
