package io.sluice.loader.task;

import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.type.PhysicalType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnBatchesTest
{
    private static final List<PhysicalType> TYPES = List.of(PhysicalType.LONG, PhysicalType.DOUBLE, PhysicalType.STRING);

    @Test
    void concatenatesValuesAndNullsInOrder()
    {
        ColumnBatch first = batch(new Object[] {1L, 1.5, "a"}, new Object[] {2L, null, null});
        ColumnBatch second = batch(new Object[] {3L, 3.5, "c"});
        ColumnBatch third = batch(new Object[] {null, 4.5, "d"});

        ColumnBatch result = ColumnBatches.concat(List.of(first, second, third));

        assertThat(result.rowCount()).isEqualTo(4);
        assertThat(rows(result)).containsExactly(
                List.of(1L, 1.5, "a"),
                nullable(2L, null, null),
                List.of(3L, 3.5, "c"),
                nullable(null, 4.5, "d"));
    }

    @Test
    void singleBatchIsReturnedAsIs()
    {
        ColumnBatch only = batch(new Object[] {1L, 1.0, "x"});
        assertThat(ColumnBatches.concat(List.of(only))).isSameAs(only);
    }

    @Test
    void dictionaryStringsAreExpanded()
    {
        ColumnBatch dictionary = new ColumnBatch(List.of(new DictionaryVector(new int[] {1, 0, DictionaryVector.NULL_CODE}, new String[] {"p", "q"}, 3)), 3);
        ColumnBatch plain = new ColumnBatch(List.of(new StringVector(new String[] {"r"}, 1)), 1);

        ColumnBatch result = ColumnBatches.concat(List.of(dictionary, plain));

        assertThat(rows(result)).containsExactly(List.of("q"), List.of("p"), nullable((Object) null), List.of("r"));
    }

    @Test
    void batchesMustHaveTheSameColumns()
    {
        ColumnBatch two = new ColumnBatch(List.of(new StringVector(new String[] {"a"}, 1), new StringVector(new String[] {"b"}, 1)), 1);
        ColumnBatch one = new ColumnBatch(List.of(new StringVector(new String[] {"a"}, 1)), 1);
        assertThatThrownBy(() -> ColumnBatches.concat(List.of(two, one))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ColumnBatch batch(Object[]... rows)
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(TYPES);
        for (Object[] row : rows) {
            if (row[0] == null) {
                builder.setNull(0);
            }
            else {
                builder.setLong(0, (Long) row[0]);
            }
            if (row[1] == null) {
                builder.setNull(1);
            }
            else {
                builder.setDouble(1, (Double) row[1]);
            }
            builder.setString(2, (String) row[2]);
            builder.commitRow();
        }
        return builder.build();
    }

    private static List<List<Object>> rows(ColumnBatch batch)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (int row = 0; row < batch.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (int column = 0; column < batch.columns().size(); column++) {
                values.add(batch.column(column).isNull(row) ? null : batch.column(column).objectValue(row));
            }
            rows.add(values);
        }
        return rows;
    }

    private static List<Object> nullable(Object... values)
    {
        List<Object> list = new ArrayList<>();
        for (Object value : values) {
            list.add(value);
        }
        return list;
    }
}
