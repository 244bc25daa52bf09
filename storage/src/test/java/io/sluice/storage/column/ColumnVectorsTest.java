package io.sluice.storage.column;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnVectorsTest
{
    @Test
    void longsKeepTheirNulls()
    {
        ColumnVector joined = ColumnVectors.concatenate(List.of(
                new LongVector(new long[] {1, 2}, null, 2),
                new LongVector(new long[] {3, 0, 9}, new boolean[] {false, true, false}, 2)), 4);

        LongVector longs = (LongVector) joined;
        assertThat(Arrays.copyOf(longs.values(), 4)).containsExactly(1, 2, 3, 0);
        assertThat(longs.isNull(3)).isTrue();
        assertThat(longs.isNull(2)).isFalse();
    }

    @Test
    void anyUtf8PartMakesTheStringsUtf8()
    {
        StringVector utf8 = new StringVector(new String[] {"é", null}, 2).toUtf8();
        ColumnVector joined = ColumnVectors.concatenate(List.of(
                utf8,
                new StringVector(new String[] {"plain"}, 1),
                new DictionaryVector(new int[] {1, DictionaryVector.NULL_CODE}, new String[] {"p", "q"}, 2)), 5);

        StringVector strings = (StringVector) joined;
        assertThat(strings.isUtf8()).isTrue();
        assertThat(strings.decodedValues()).containsExactly("é", null, "plain", "q", null);
    }

    @Test
    void anUnpairedSurrogateKeepsJavaStrings()
    {
        StringVector utf8 = new StringVector(new String[] {"a"}, 1).toUtf8();
        ColumnVector joined = ColumnVectors.concatenate(List.of(utf8, new StringVector(new String[] {"\udc00"}, 1)), 2);

        StringVector strings = (StringVector) joined;
        assertThat(strings.isUtf8()).isFalse();
        assertThat(strings.values()).containsExactly("a", "\udc00");
    }

    @Test
    void partsMustBeOfOneKindAndAddUp()
    {
        LongVector longs = new LongVector(new long[] {1}, null, 1);
        DoubleVector doubles = new DoubleVector(new double[] {1}, null, 1);
        assertThatThrownBy(() -> ColumnVectors.concatenate(List.of(longs, doubles), 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ColumnVectors.concatenate(List.of(longs, longs), 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
