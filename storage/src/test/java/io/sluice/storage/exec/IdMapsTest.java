package io.sluice.storage.exec;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IdMapsTest
{
    @Test
    void longIdsAreDenseAndStableAcrossGrowth()
    {
        LongIdMap map = new LongIdMap(2);
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long key = random.nextInt(30_000) * 0x1_0000_0001L;
            int id = map.idOf(key);
            assertThat(expected.computeIfAbsent(key, ignored -> expected.size())).isEqualTo(id);
        }
        int nullId = map.nullId();
        assertThat(nullId).isEqualTo(expected.size());
        assertThat(map.isNull(nullId)).isTrue();
        assertThat(map.size()).isEqualTo(expected.size() + 1);
        // The NULL id is not a key: the key 0 gets its own id.
        assertThat(map.find(0)).isEqualTo(expected.getOrDefault(0L, -1));
        assertThat(map.idOf(0)).isNotEqualTo(nullId);
        expected.forEach((key, id) -> assertThat(map.key(id)).isEqualTo(key));
    }

    @Test
    void stringIdsAreDenseAndStableAcrossGrowth()
    {
        StringIdMap map = new StringIdMap(2);
        // "Aa" and "BB" have the same hashCode.
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(map.idOf("Aa")).isEqualTo(0);
        assertThat(map.idOf("BB")).isEqualTo(1);
        assertThat(map.idOf("Aa")).isEqualTo(0);
        for (int i = 0; i < 50_000; i++) {
            assertThat(map.idOf("value" + i)).isEqualTo(i + 2);
        }
        assertThat(map.find("value49999")).isEqualTo(50_001);
        assertThat(map.find("absent")).isEqualTo(-1);
        int nullId = map.nullId();
        assertThat(map.key(nullId)).isNull();
        assertThat(map.nullId()).isEqualTo(nullId);
        assertThat(map.size()).isEqualTo(50_003);
    }

    @Test
    void batchedStringLookupsMatchOneByOne()
    {
        Random random = new Random(11);
        StringIdMap batched = new StringIdMap();
        StringIdMap single = new StringIdMap();
        String[] values = new String[5000];
        int[] selection = new int[4096];
        int[] ids = new int[4096];
        for (int round = 0; round < 50; round++) {
            for (int row = 0; row < values.length; row++) {
                int choice = random.nextInt(10);
                // NULLs, colliding hashes ("Aa" and "BB"), repeats within a batch and new keys.
                values[row] = choice == 0 ? null : choice == 1 ? (random.nextBoolean() ? "Aa" : "BB") : "v" + random.nextInt(20_000);
            }
            int count = 0;
            for (int row = random.nextInt(3); row < values.length && count < selection.length; row += 1 + random.nextInt(2)) {
                selection[count++] = row;
            }
            batched.idsOf(values, selection, count, ids);
            for (int i = 0; i < count; i++) {
                String value = values[selection[i]];
                int expected = value == null ? single.nullId() : single.idOf(value);
                assertThat(ids[i]).isEqualTo(expected);
            }
        }
        assertThat(batched.size()).isEqualTo(single.size());
    }

    @Test
    void stringLookupsOfManyKeysAndAllKeysOfAnotherMap()
    {
        StringIdMap map = new StringIdMap();
        for (int i = 0; i < 10_000; i += 2) {
            map.idOf("k" + i);
        }
        // "Aa" and "BB" share a hash code: only one of them is present.
        map.idOf("Aa");
        String[] keys = new String[10_003];
        for (int i = 0; i < 10_000; i++) {
            keys[i] = "k" + i;
        }
        keys[10_000] = "BB";
        keys[10_001] = "Aa";
        keys[10_002] = "absent";
        int[] ids = map.findAll(keys, keys.length, new MergeParallelism(3, 0));
        int[] someIds = new int[keys.length];
        map.findAll(keys, 5, 10_002, someIds);
        assertThat(someIds[4]).isZero();
        assertThat(Arrays.copyOfRange(someIds, 5, 10_002)).isEqualTo(Arrays.copyOfRange(ids, 5, 10_002));
        for (int i = 0; i < keys.length; i++) {
            assertThat(ids[i]).as(keys[i]).isEqualTo(map.find(keys[i]));
        }
        assertThat(ids[10_000]).isEqualTo(-1);
        assertThat(ids[10_001]).isEqualTo(5_000);

        StringIdMap other = new StringIdMap();
        other.idOf("k1");
        other.idOf("k2");
        int otherNull = other.nullId();
        other.idOf("BB");
        int[] mapped = map.addAll(other);
        assertThat(mapped[0]).isEqualTo(map.find("k1")).isEqualTo(5_001);
        assertThat(mapped[1]).isEqualTo(map.find("k2")).isEqualTo(1);
        assertThat(map.isNull(mapped[otherNull])).isTrue();
        assertThat(map.hasNullId()).isTrue();
        assertThat(map.key(mapped[3])).isEqualTo("BB");
        assertThat(map.size()).isEqualTo(5_004);
    }

    @Test
    void tuplesAreDenseAndStableAcrossGrowth()
    {
        IntTupleIdMap map = new IntTupleIdMap(3);
        int[][] components = new int[3][1];
        for (int round = 0; round < 2; round++) {
            int expectedId = 0;
            for (int a = 0; a < 40; a++) {
                for (int b = 0; b < 40; b++) {
                    components[0][0] = a;
                    components[1][0] = b;
                    components[2][0] = a ^ b;
                    assertThat(map.idOf(components, 0)).isEqualTo(expectedId++);
                }
            }
        }
        assertThat(map.size()).isEqualTo(1600);
        assertThat(map.component(41, 0)).isEqualTo(1);
        assertThat(map.component(41, 1)).isEqualTo(1);
        assertThat(map.component(41, 2)).isEqualTo(0);
    }
}
