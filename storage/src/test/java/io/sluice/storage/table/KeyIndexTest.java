package io.sluice.storage.table;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.LongVector;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primary indexes against a HashMap under random puts, overwrites and removes, through growth and shrinking
 * runs (Robin Hood order must survive every deletion, or lookups would stop too early).
 */
class KeyIndexTest
{
    @Test
    void longKeysBehaveLikeAMap()
    {
        checkAgainstMap(new LongKeyIndex(0), 11);
    }

    @Test
    void hashedKeysBehaveLikeAMap()
    {
        // The matcher reads the key back from where the location points; here a map plays the segments.
        Map<Long, Long> keyByLocation = new HashMap<>();
        HashedKeyIndex index = new HashedKeyIndex(new int[] {0}, 0, (location, columns, row) -> keyByLocation.get(location) == ((LongVector) columns.get(0)).value(row));
        Random random = new Random(5);
        Map<Long, Long> expected = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            long key = random.nextInt(20_000);
            int action = random.nextInt(10);
            List<ColumnVector> probe = List.of(vector(key));
            if (action < 7) {
                long location = (long) step << 20 | key;
                keyByLocation.put(location, key);
                index.put(probe, 0, location);
                expected.put(key, location);
            }
            else {
                index.remove(probe, 0);
                expected.remove(key);
            }
            if (step % 997 == 0) {
                assertSame(index, expected);
            }
        }
        assertSame(index, expected);
    }

    @Test
    void memoryStaysWithin24BytesPerKeyAfterGrowing()
    {
        LongKeyIndex index = new LongKeyIndex(0);
        for (long key = 0; key < 100_000; key++) {
            index.put(List.of(vector(key)), 0, key);
            assertThat((double) index.memoryBytes() / index.size()).isLessThanOrEqualTo(index.size() < 16 ? 256.0 : 24.0);
        }
    }

    private static void checkAgainstMap(KeyIndex index, long seed)
    {
        Random random = new Random(seed);
        Map<Long, Long> expected = new HashMap<>();
        for (int step = 0; step < 300_000; step++) {
            // negative keys, clustered keys and far-apart keys
            long key = switch (random.nextInt(3)) {
                case 0 -> random.nextInt(50_000) - 25_000;
                case 1 -> (long) random.nextInt(1_000) << 32;
                default -> random.nextLong() % 1_000;
            };
            List<ColumnVector> probe = List.of(vector(key));
            if (random.nextInt(10) < 7) {
                long location = random.nextLong() & Long.MAX_VALUE;
                index.put(probe, 0, location);
                expected.put(key, location);
            }
            else {
                index.remove(probe, 0);
                expected.remove(key);
            }
            if (step % 1009 == 0) {
                assertSame(index, expected);
            }
        }
        assertSame(index, expected);
        for (Long key : expected.keySet().toArray(new Long[0])) {
            index.remove(List.of(vector(key)), 0);
        }
        assertThat(index.size()).isZero();
        assertThat(index.get(List.of(vector(1)), 0)).isEqualTo(KeyIndex.MISSING);
    }

    private static void assertSame(KeyIndex index, Map<Long, Long> expected)
    {
        assertThat(index.size()).isEqualTo(expected.size());
        for (Map.Entry<Long, Long> entry : expected.entrySet()) {
            assertThat(index.get(List.of(vector(entry.getKey())), 0)).as("key %s", entry.getKey()).isEqualTo(entry.getValue());
        }
        for (long absent = 1_000_000; absent < 1_000_200; absent++) {
            assertThat(index.get(List.of(vector(absent)), 0)).isEqualTo(KeyIndex.MISSING);
        }
    }

    private static LongVector vector(long value)
    {
        return new LongVector(new long[] {value}, null, 1);
    }
}
