package io.sluice.storage.table;

import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.type.PhysicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns a segment file holds, by column id and physical type, as recorded in the manifest. Aligning maps a
 * segment's vectors onto a (possibly altered) table: columns dropped since are left out, columns added since read
 * their default.
 */
record SegmentLayout(List<Long> columnIds, List<PhysicalType> types)
{
    SegmentLayout
    {
        columnIds = List.copyOf(columnIds);
        types = List.copyOf(types);
    }

    static SegmentLayout of(TableInfo table)
    {
        List<PhysicalType> types = new ArrayList<>();
        for (ColumnSchema column : table.schema().columns()) {
            types.add(column.type().physicalType());
        }
        return new SegmentLayout(table.columnIds(), types);
    }

    static SegmentLayout parse(String text)
    {
        List<Long> ids = new ArrayList<>();
        List<PhysicalType> types = new ArrayList<>();
        for (String entry : text.split(",")) {
            int colon = entry.indexOf(':');
            ids.add(Long.parseLong(entry.substring(0, colon)));
            types.add(PhysicalType.valueOf(entry.substring(colon + 1)));
        }
        return new SegmentLayout(ids, types);
    }

    String text()
    {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columnIds.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(columnIds.get(i)).append(':').append(types.get(i).name());
        }
        return text.toString();
    }

    List<ColumnVector> align(List<ColumnVector> columns, TableInfo table, int rowCount)
    {
        List<ColumnVector> aligned = new ArrayList<>(table.columnIds().size());
        for (int i = 0; i < table.columnIds().size(); i++) {
            long columnId = table.columnIds().get(i);
            int source = columnIds.indexOf(columnId);
            ColumnSchema column = table.schema().column(i);
            if (source >= 0) {
                aligned.add(columns.get(source));
                continue;
            }
            String fill = table.fillValues().get(columnId);
            Object value = fill == null ? null : ColumnDefaults.physicalValue(column, fill);
            aligned.add(ColumnSelection.constant(column.type().physicalType(), value, rowCount));
        }
        return aligned;
    }
}
