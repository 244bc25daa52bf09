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
    void atMostFourFifthsOfTheRowsMayBeDistinct()
    {
        StringVector fourFifths = new StringVector(new String[] {"a", "b", "c", "d", "a"}, 5);
        StringVector moreThanFourFifths = new StringVector(new String[] {"a", "b", "c", "d", "e", "a"}, 6);
        assertThat(StringDictionaries.encodeIfFewDistinct(fourFifths)).isInstanceOf(DictionaryVector.class);
        assertThat(StringDictionaries.encodeIfFewDistinct(moreThanFourFifths)).isSameAs(moreThanFourFifths);
        StringVector single = new StringVector(new String[] {"a"}, 1);
        assertThat(StringDictionaries.encodeIfFewDistinct(single)).isSameAs(single);
        assertThat(StringDictionaries.isFewDistinct(4, 5)).isTrue();
        assertThat(StringDictionaries.isFewDistinct(5, 6)).isFalse();
    }

    @Test
    void highCardinalityColumnsGetADictionaryWhenValuesRepeat()
    {
        // 100,000 distinct values over 250,000 rows: far more than a "few", but each value stored once.
        StringVector customers = cycling(100_000, 250_000);
        DictionaryVector dictionary = (DictionaryVector) StringDictionaries.encodeIfFewDistinct(customers);
        assertThat(dictionary.dictionarySize()).isEqualTo(100_000);
        for (int row = 0; row < customers.size(); row += 997) {
            assertThat(dictionary.value(row)).isEqualTo(customers.value(row));
        }
        // Mostly distinct (ids, the rows of one commit): turned away by the estimate, or near the limit by the exact count.
        StringVector mostlyDistinct = cycling(190_000, 200_000);
        assertThat(StringDictionaries.encodeIfFewDistinct(mostlyDistinct)).isSameAs(mostlyDistinct);
        StringVector justOverTheLimit = cycling(160_001, 200_000);
        assertThat(StringDictionaries.encodeIfFewDistinct(justOverTheLimit)).isSameAs(justOverTheLimit);
        StringVector atTheLimit = cycling(160_000, 200_000);
        assertThat(StringDictionaries.encodeIfFewDistinct(atTheLimit)).isInstanceOf(DictionaryVector.class);
    }

    @Test
    void dictionarySizeAndLengthAreBounded()
    {
        int maximum = StringDictionaries.MAX_DICTIONARY_SIZE;
        assertThat(StringDictionaries.isFewDistinct(maximum, Integer.MAX_VALUE)).isTrue();
        assertThat(StringDictionaries.isFewDistinct(maximum + 1, Integer.MAX_VALUE)).isFalse();
        StringVector values = cycling(1000, 4000);
        // "v0".."v999" take 10 * 2 + 90 * 3 + 900 * 4 = 3,890 characters.
        assertThat(StringDictionaries.encodeIfFewDistinct(values, 3_890)).isInstanceOf(DictionaryVector.class);
        assertThat(StringDictionaries.encodeIfFewDistinct(values, 3_889)).isSameAs(values);
    }

    @Test
    void distinctEstimateIsClose()
    {
        for (int distinct : new int[] {1, 1000, 65_536, 300_000}) {
            StringVector values = cycling(distinct, 600_000);
            double estimate = StringDictionaries.estimateDistinct(values.values(), values.size());
            assertThat(estimate).as("distinct " + distinct).isBetween(distinct * 0.95, distinct * 1.05);
        }
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

    @Test
    void dictionariesSortLikeStringsWhateverTheCharacters()
    {
        // Values sharing long prefixes (ties in the sort keys), NUL characters, characters beyond Latin-1 and
        // unpaired surrogates: the dictionary must be in String order, which its constructor checks.
        String[] pieces = {"", "\u0000", "a", "b", "ÿ", "é", "\u0100", "中", "\uD83D\uDE00", "\uDFFF", "customer", "customer1"};
        Random random = new Random(23);
        for (int round = 0; round < 200; round++) {
            int rows = 1 + random.nextInt(400);
            String[] values = new String[rows];
            int universe = 1 + random.nextInt(rows);
            String[] choices = new String[universe];
            for (int i = 0; i < universe; i++) {
                StringBuilder value = new StringBuilder();
                int length = random.nextInt(6);
                for (int j = 0; j < length; j++) {
                    value.append(pieces[random.nextInt(random.nextBoolean() ? 5 : pieces.length)]);
                }
                choices[i] = value.toString();
            }
            for (int row = 0; row < rows; row++) {
                values[row] = random.nextInt(10) == 0 ? null : choices[random.nextInt(universe)];
            }
            if (StringDictionaries.encodeIfFewDistinct(new StringVector(values, rows)) instanceof DictionaryVector dictionary) {
                for (int row = 0; row < rows; row++) {
                    assertThat(dictionary.value(row)).isEqualTo(values[row]);
                }
            }
        }
    }

    @Test
    void radixSortOrdersUnsignedAndMovesTheOrderAlong()
    {
        Random random = new Random(3);
        long[] keys = new long[5000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = switch (random.nextInt(4)) {
                case 0 -> random.nextLong();
                case 1 -> -random.nextInt(10);
                case 2 -> random.nextInt(10);
                default -> 0x7777_0000_0000_0000L | random.nextInt(3);
            };
        }
        long[] original = keys.clone();
        int[] order = new int[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        StringDictionaries.radixSort(keys, order);
        for (int i = 0; i < keys.length; i++) {
            assertThat(keys[i]).isEqualTo(original[order[i]]);
            if (i > 0) {
                assertThat(Long.compareUnsigned(keys[i - 1], keys[i])).isLessThanOrEqualTo(0);
                if (keys[i - 1] == keys[i]) {
                    // Stable: equal keys keep their input order.
                    assertThat(order[i - 1]).isLessThan(order[i]);
                }
            }
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

    @Test
    void segmentsKeepMostlyDistinctStringsAsUtf8AndRepeatedOnesAsADictionary()
    {
        StringVector ids = cycling(190_000, 200_000);
        StringVector kept = (StringVector) StringDictionaries.compact(ids);
        assertThat(kept.isUtf8()).isTrue();
        assertThat(kept.value(123_456)).isEqualTo(ids.value(123_456));
        // A UTF-8 column is judged again as it is, e.g. when compaction joins segments whose values repeat across them.
        assertThat(StringDictionaries.compact(kept)).isSameAs(kept);
        StringVector repeated = cycling(1_000, 200_000).toUtf8();
        DictionaryVector dictionary = (DictionaryVector) StringDictionaries.compact(repeated);
        assertThat(dictionary.dictionarySize()).isEqualTo(1_000);
        assertThat(dictionary.value(4_321)).isEqualTo(repeated.value(4_321));
        assertThat(StringDictionaries.compact(cycling(4, 1_000))).isInstanceOf(DictionaryVector.class);
        StringVector surrogate = new StringVector(new String[] {"\ud800", "b"}, 2);
        assertThat(StringDictionaries.compact(surrogate)).isSameAs(surrogate);
    }
}
