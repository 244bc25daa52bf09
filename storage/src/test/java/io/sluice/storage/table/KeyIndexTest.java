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
            int operation = random.nextInt(10);
            if (operation < 5) {
                long location = random.nextLong() & Long.MAX_VALUE;
                index.put(probe, 0, location);
                expected.put(key, location);
            }
            else if (operation < 7) {
                long location = random.nextLong() & Long.MAX_VALUE;
                Long before = expected.putIfAbsent(key, location);
                assertThat(index.putIfAbsent(probe, 0, location)).isEqualTo(before == null ? KeyIndex.MISSING : before);
            }
            else if (operation == 7) {
                // a segment of a few keys, as a commit registers it
                long[] keys = {key, key + 1, key + 2};
                int slot = random.nextInt(1_000);
                index.putSegment(List.of(new LongVector(keys, null, keys.length)), keys.length, slot);
                for (int row = 0; row < keys.length; row++) {
                    expected.put(keys[row], KeyIndex.location(slot, row));
                }
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
        long[] keys = new long[expected.size()];
        int count = 0;
        for (long key : expected.keySet()) {
            keys[count++] = key;
        }
        long[] locations = new long[count];
        index.getAll(List.of(new LongVector(keys, null, count)), count, locations);
        for (int i = 0; i < count; i++) {
            assertThat(locations[i]).isEqualTo(expected.get(keys[i]));
        }
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
