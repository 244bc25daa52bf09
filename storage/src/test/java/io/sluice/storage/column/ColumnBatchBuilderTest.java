package io.sluice.storage.column;

import io.sluice.storage.type.PhysicalType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnBatchBuilderTest
{
    private static final List<PhysicalType> TYPES = List.of(PhysicalType.LONG, PhysicalType.STRING);

    @Test
    void utf8ColumnKeepsTheBytesOfEveryKindOfValue()
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(TYPES);
        builder.useUtf8(1, true);
        builder.setLong(0, 1);
        builder.setString(1, "grüße");
        builder.commitRow();
        builder.setLong(0, 2);
        builder.setText(1, "xx😀yy".toCharArray(), 2, 3);
        builder.commitRow();
        builder.setLong(0, 3);
        builder.setAsciiText(1, "--ascii--".getBytes(StandardCharsets.US_ASCII), 2, 5);
        builder.commitRow();
        builder.setLong(0, 4);
        builder.setNull(1);
        builder.commitRow();
        // A discarded row leaves nothing behind, nor does a value set twice.
        builder.setString(1, "discarded");
        builder.discardRow();
        builder.setLong(0, 5);
        builder.setString(1, "first");
        builder.setString(1, "second");
        builder.commitRow();
        builder.setLong(0, 6);
        builder.commitRow();

        ColumnBatch batch = builder.build();

        StringVector names = (StringVector) batch.column(1);
        assertThat(names.isUtf8()).isTrue();
        assertThat(values(names)).containsExactly("grüße", "😀y", "ascii", null, "second", null);
        // The form lasts into the next batch.
        assertThat(builder.isUtf8(1)).isTrue();
        builder.setString(1, "next");
        builder.commitRow();
        assertThat(values((StringVector) builder.build().column(1))).containsExactly("next");
    }

    @Test
    void changingTheFormKeepsTheRowsSoFar()
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(TYPES);
        builder.setString(1, "a");
        builder.commitRow();
        builder.setNull(1);
        builder.commitRow();
        builder.useUtf8(1, true);
        builder.setText(1, "b".toCharArray(), 0, 1);
        builder.commitRow();
        builder.useUtf8(1, false);
        builder.setAsciiText(1, "c".getBytes(StandardCharsets.US_ASCII), 0, 1);
        builder.commitRow();
        builder.commitRow();

        StringVector names = (StringVector) builder.build().column(1);

        assertThat(names.isUtf8()).isFalse();
        assertThat(values(names)).containsExactly("a", null, "b", "c", null);
    }

    @Test
    void anUnpairedSurrogateKeepsTheColumnInStrings()
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(TYPES);
        builder.useUtf8(1, true);
        builder.setString(1, "fine");
        builder.commitRow();
        builder.setText(1, "x\ud800".toCharArray(), 0, 2);
        builder.commitRow();
        assertThat(builder.isUtf8(1)).isFalse();
        builder.useUtf8(1, true);
        assertThat(builder.isUtf8(1)).isFalse();

        StringVector names = (StringVector) builder.build().column(1);

        assertThat(values(names)).containsExactly("fine", "x\ud800");
    }

    @Test
    void onlyStringColumnsHaveAForm()
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(TYPES);
        assertThatThrownBy(() -> builder.useUtf8(0, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyRowsGrowTheColumn()
    {
        ColumnBatchBuilder builder = new ColumnBatchBuilder(TYPES);
        builder.useUtf8(1, true);
        List<String> expected = new ArrayList<>();
        for (int row = 0; row < 5000; row++) {
            String name = "user" + row;
            builder.setLong(0, row);
            builder.setString(1, name);
            builder.commitRow();
            expected.add(name);
        }
        ColumnBatch batch = builder.build();
        assertThat(batch.rowCount()).isEqualTo(5000);
        assertThat(values((StringVector) batch.column(1))).containsExactlyElementsOf(expected);
    }

    private static List<String> values(StringVector vector)
    {
        return Arrays.asList(Arrays.copyOf(vector.decodedValues(), vector.size()));
    }
}
