package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StringDictionariesTest
{
    @Test
    void fewDistinctValuesBecomeASortedDictionary()
    {
        String[] values = {"pear", null, "apple", "pear", "fig", "apple", "apple", null, "pear", "fig"};
        ColumnVector encoded = StringDictionaries.encodeIfFewDistinct(new StringVector(values, values.length));
        DictionaryVector dictionary = (DictionaryVector) encoded;
        assertThat(dictionary.dictionarySize()).isEqualTo(3);
        assertThat(dictionary.dictionaryValue(0)).isEqualTo("apple");
        assertThat(dictionary.dictionaryValue(1)).isEqualTo("fig");
        assertThat(dictionary.dictionaryValue(2)).isEqualTo("pear");
        for (int row = 0; row < values.length; row++) {
            assertThat(dictionary.value(row)).isEqualTo(values[row]);
        }
        assertThat(dictionary.code(1)).isEqualTo(DictionaryVector.NULL_CODE);
    }

    @Test
    void atMostHalfTheRowsMayBeDistinct()
    {
        StringVector half = new StringVector(new String[] {"a", "b", "a", "b"}, 4);
        StringVector moreThanHalf = new StringVector(new String[] {"a", "b", "c", "a"}, 4);
        assertThat(StringDictionaries.encodeIfFewDistinct(half)).isInstanceOf(DictionaryVector.class);
        assertThat(StringDictionaries.encodeIfFewDistinct(moreThanHalf)).isSameAs(moreThanHalf);
        StringVector single = new StringVector(new String[] {"a"}, 1);
        assertThat(StringDictionaries.encodeIfFewDistinct(single)).isSameAs(single);
    }

    @Test
    void atMostSixtyFiveThousandFiveHundredThirtySixDistinct()
    {
        int distinct = StringDictionaries.MAX_DICTIONARY_SIZE;
        assertThat(StringDictionaries.encodeIfFewDistinct(cycling(distinct, 4 * distinct))).isInstanceOf(DictionaryVector.class);
        StringVector tooMany = cycling(distinct + 1, 4 * distinct);
        assertThat(StringDictionaries.encodeIfFewDistinct(tooMany)).isSameAs(tooMany);
        assertThat(StringDictionaries.isFewDistinct(distinct, Integer.MAX_VALUE)).isTrue();
        assertThat(StringDictionaries.isFewDistinct(distinct + 1, Integer.MAX_VALUE)).isFalse();
    }

    @Test
    void emptyAndAllNullColumns()
    {
        StringVector empty = new StringVector(new String[0], 0);
        assertThat(StringDictionaries.encodeIfFewDistinct(empty)).isSameAs(empty);
        DictionaryVector allNull = (DictionaryVector) StringDictionaries.encodeIfFewDistinct(new StringVector(new String[3], 3));
        assertThat(allNull.dictionarySize()).isZero();
        assertThat(allNull.isNull(2)).isTrue();
    }

    @Test
    void otherColumnsPassThrough()
    {
        ColumnVector longs = new LongVector(new long[] {1, 1, 1}, null, 3);
        assertThat(StringDictionaries.encodeIfFewDistinct(longs)).isSameAs(longs);
    }

    @Test
    void randomValuesKeepTheirRows()
    {
        Random random = new Random(8);
        int rows = 20_000;
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = random.nextInt(10) == 0 ? null : "k" + random.nextInt(500);
        }
        DictionaryVector dictionary = (DictionaryVector) StringDictionaries.encodeIfFewDistinct(new StringVector(values, rows));
        for (int row = 0; row < rows; row++) {
            assertThat(dictionary.value(row)).isEqualTo(values[row]);
        }
    }

    private static StringVector cycling(int distinct, int rows)
    {
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = "v" + (i % distinct);
        }
        return new StringVector(values, rows);
    }
}
