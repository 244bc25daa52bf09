package io.sluice.storage.exec;

import io.sluice.storage.column.DictionaryVector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SortedDictionaryMergeTest
{
    @Test
    void unionOfSelectedCodesInOrder()
    {
        DictionaryVector first = dictionary("apple", "fig", "pear");
        DictionaryVector second = dictionary("banana", "fig", "kiwi", "pear");
        // Index 0 (NULL) is ignored; "pear" is selected only in the second, "apple" in neither.
        boolean[] firstSelected = {true, false, true, false};
        boolean[] secondSelected = {false, true, true, false, true};
        SortedDictionaryMerge merged = SortedDictionaryMerge.merge(List.of(first, second), List.of(firstSelected, secondSelected), MergeParallelism.DEFAULT);
        assertThat(Arrays.asList(merged.keys()).subList(0, merged.keyCount())).containsExactly("banana", "fig", "pear");
        assertThat(merged.indexesByCode(0)[1]).isEqualTo(1);
        assertThat(merged.indexesByCode(1)[0]).isEqualTo(0);
        assertThat(merged.indexesByCode(1)[1]).isEqualTo(1);
        assertThat(merged.indexesByCode(1)[3]).isEqualTo(2);
    }

    @Test
    void noInputsAndEmptyDictionaries()
    {
        assertThat(SortedDictionaryMerge.merge(List.of(), List.of(), MergeParallelism.DEFAULT).keyCount()).isZero();
        SortedDictionaryMerge empty = SortedDictionaryMerge.merge(List.of(dictionary(), dictionary("a")), List.of(new boolean[1], new boolean[2]), MergeParallelism.DEFAULT);
        assertThat(empty.keyCount()).isZero();
    }

    @Test
    void mismatchedSelectionsAreRejected()
    {
        assertThatThrownBy(() -> SortedDictionaryMerge.merge(List.of(dictionary("a")), List.of(new boolean[1]), MergeParallelism.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedDictionaryMerge.merge(List.of(dictionary("a")), List.of(), MergeParallelism.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomDictionariesMatchASortedSet()
    {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int inputs = 1 + random.nextInt(7);
            int universe = 1 + random.nextInt(random.nextBoolean() ? 20 : 3000);
            List<DictionaryVector> dictionaries = new ArrayList<>();
            List<boolean[]> selections = new ArrayList<>();
            TreeSet<String> expected = new TreeSet<>();
            for (int input = 0; input < inputs; input++) {
                TreeSet<String> values = new TreeSet<>();
                int size = random.nextInt(universe + 1);
                for (int i = 0; i < size; i++) {
                    values.add("v" + random.nextInt(universe));
                }
                DictionaryVector dictionary = dictionary(values.toArray(new String[0]));
                boolean[] selected = new boolean[dictionary.dictionarySize() + 1];
                for (int code = 0; code < dictionary.dictionarySize(); code++) {
                    selected[code + 1] = random.nextInt(4) != 0;
                    if (selected[code + 1]) {
                        expected.add(dictionary.dictionaryValue(code));
                    }
                }
                selected[0] = random.nextBoolean();
                dictionaries.add(dictionary);
                selections.add(selected);
            }
            for (int parallelism : new int[] {1, 2, 5}) {
                // Split into value ranges from the first value on, so small merges take the parallel path too.
                SortedDictionaryMerge merged = SortedDictionaryMerge.merge(dictionaries, selections, new MergeParallelism(parallelism, 0));
                assertThat(Arrays.asList(merged.keys()).subList(0, merged.keyCount())).containsExactlyElementsOf(expected);
                for (int input = 0; input < inputs; input++) {
                    DictionaryVector dictionary = dictionaries.get(input);
                    for (int code = 0; code < dictionary.dictionarySize(); code++) {
                        if (selections.get(input)[code + 1]) {
                            assertThat(merged.keys()[merged.indexesByCode(input)[code]]).isEqualTo(dictionary.dictionaryValue(code));
                        }
                    }
                }
            }
        }
    }

    @Test
    void keysOrderLikeStringsWhateverTheCharacters()
    {
        // Shared prefixes of several lengths, values longer and shorter than a key holds, NUL characters (which pad
        // keys), characters beyond Latin-1 and surrogates: the merge must order and deduplicate as String does.
        String[] alphabet = {"", "\u0000", "a", "b", "ÿ", "é", "\u0100", "中", "\uD83D\uDE00", "\uDFFF", "z"};
        Random random = new Random(17);
        for (int round = 0; round < 300; round++) {
            String prefix = random.nextBoolean() ? "" : "customer".substring(0, random.nextInt(9));
            int inputs = 2 + random.nextInt(5);
            List<DictionaryVector> dictionaries = new ArrayList<>();
            List<boolean[]> selections = new ArrayList<>();
            TreeSet<String> expected = new TreeSet<>();
            for (int input = 0; input < inputs; input++) {
                TreeSet<String> values = new TreeSet<>();
                int size = random.nextInt(60);
                for (int i = 0; i < size; i++) {
                    StringBuilder value = new StringBuilder(random.nextInt(10) == 0 ? "" : prefix);
                    int length = random.nextInt(12);
                    for (int j = 0; j < length; j++) {
                        value.append(alphabet[random.nextInt(random.nextBoolean() ? 5 : alphabet.length)]);
                    }
                    values.add(value.toString());
                }
                DictionaryVector dictionary = dictionary(values.toArray(new String[0]));
                boolean[] selected = new boolean[dictionary.dictionarySize() + 1];
                Arrays.fill(selected, true);
                expected.addAll(values);
                dictionaries.add(dictionary);
                selections.add(selected);
            }
            for (int parallelism : new int[] {1, 3}) {
                SortedDictionaryMerge merged = SortedDictionaryMerge.merge(dictionaries, selections, new MergeParallelism(parallelism, 0));
                assertThat(Arrays.asList(merged.keys()).subList(0, merged.keyCount())).as("round " + round).containsExactlyElementsOf(expected);
            }
        }
    }

    private static DictionaryVector dictionary(String... sortedValues)
    {
        return new DictionaryVector(new int[0], sortedValues, 0);
    }
}
