package io.sluice.storage.exec;

import io.sluice.storage.error.SluiceException;
import io.sluice.storage.exec.ScanPredicate.Operator;
import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.type.PhysicalType;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random tables and random requests, the executor against {@link ReferenceEvaluator}, sequentially and split into
 * partitions. Doubles are multiples of 1/4 and small, so every sum is exact whatever the order of additions, and
 * results compare exactly.
 */
class QueryExecutorDifferentialTest
{
    private static final List<PhysicalType> TYPES = List.of(
            PhysicalType.LONG,      // 0: small integers with NULLs
            PhysicalType.LONG,      // 1: huge integers (SUM overflows), NULLs
            PhysicalType.DOUBLE,    // 2: quarters with NULLs, some -0.0
            PhysicalType.STRING,    // 3: few distinct, tricky characters, NULLs
            PhysicalType.STRING,    // 4: many distinct, no NULLs
            PhysicalType.LONG,      // 5: increasing (date-like), no NULLs: zone maps prune
            PhysicalType.DOUBLE);   // 6: no NULLs

    private static final String[] WORDS = {"", "a", "ab", "abc", "a%b", "a_b", "a\\b", "axb", "B", "b", "beta", "β", "😀x", "x😀", "zz", "books", "toys"};
    private static final String[] PATTERNS = {"%", "a%", "%b", "%b%", "a_b", "a\\%b", "a\\_b", "a\\\\b", "_", "__", "%x", "_x", "x_", "b%a", "%😀%", "", "ab\\", "a%b%c", "%_%"};
    private static final int[] SIZES = {0, 1, 2, 7, 4095, 4096, 4097, 8191, 8192, 8193, 12000};

    @Test
    void randomRequestsAgreeWithReference()
    {
        Random random = new Random(20240611);
        int requests = 0;
        for (int table = 0; table < 80; table++) {
            List<SegmentSlice> slices = randomTable(random);
            List<Object[]> liveRows = ReferenceEvaluator.liveRows(slices);
            for (int query = 0; query < 12; query++) {
                ScanRequest request = randomRequest(random);
                check(slices, liveRows, request, table + "/" + query);
                requests++;
            }
        }
        assertThat(requests).isEqualTo(960);
    }

    private static void check(List<SegmentSlice> slices, List<Object[]> liveRows, ScanRequest request, String label)
    {
        ReferenceEvaluator reference = new ReferenceEvaluator(TYPES);
        List<Object[]> expected;
        SluiceException expectedFailure = null;
        try {
            expected = reference.evaluateAll(liveRows, request);
        }
        catch (SluiceException e) {
            expected = null;
            expectedFailure = e;
        }
        if (request.limit().isPresent() && request.limit().getAsLong() == 0) {
            // LIMIT 0 returns nothing without evaluating anything, so nothing can fail either.
            expected = List.of();
            expectedFailure = null;
        }
        for (int parallelism : new int[] {1, 3}) {
            String context = label + " parallelism " + parallelism + " " + request;
            List<Object[]> actual;
            try {
                actual = QueryExecutor.execute(slices, TYPES, null, request, new ExecutionStats(), parallelism, 1).rows();
            }
            catch (SluiceException e) {
                if (expectedFailure == null) {
                    throw new AssertionError(context, e);
                }
                assertThat(e.errorCode()).as(context).isEqualTo(expectedFailure.errorCode());
                continue;
            }
            if (expectedFailure != null) {
                fail("expected " + expectedFailure.getMessage() + " for " + context);
            }
            compare(expected, actual, request, context);
        }
    }

    private static void compare(List<Object[]> expectedAll, List<Object[]> actual, ScanRequest request, String context)
    {
        long offset = request.offset();
        long end = request.limit().isPresent() ? Math.min(Long.MAX_VALUE - offset, request.limit().getAsLong()) + offset : Long.MAX_VALUE;
        int expectedSize = (int) Math.max(0, Math.min(end, expectedAll.size()) - offset);
        assertThat(actual).as(context).hasSize(expectedSize);
        // Every row returned is an output row (as a multiset).
        assertSubMultiset(actual, expectedAll, context);
        if (!request.orderBy().isEmpty()) {
            // Rows tying on all sort keys may come in any order: compare the sort keys position by position.
            for (int i = 0; i < expectedSize; i++) {
                Object[] expectedRow = expectedAll.get((int) offset + i);
                Object[] actualRow = actual.get(i);
                for (SortKey key : request.orderBy()) {
                    assertThat(actualRow[key.field()]).as(context + " row " + i + " field " + key.field()).isEqualTo(expectedRow[key.field()]);
                }
            }
        }
    }

    private static void assertSubMultiset(List<Object[]> actual, List<Object[]> expected, String context)
    {
        Map<List<Object>, Integer> available = new HashMap<>();
        for (Object[] row : expected) {
            available.merge(Arrays.asList(row), 1, Integer::sum);
        }
        for (Object[] row : actual) {
            Integer count = available.get(Arrays.asList(row));
            if (count == null || count == 0) {
                fail("unexpected row " + Arrays.toString(row) + " in " + context + "; expected rows from " + describe(expected));
            }
            available.put(Arrays.asList(row), count - 1);
        }
    }

    private static String describe(List<Object[]> rows)
    {
        List<String> shown = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(20, rows.size()))) {
            shown.add(Arrays.toString(row));
        }
        return shown + (rows.size() > 20 ? " ... (" + rows.size() + " rows)" : "");
    }

    // ---- random tables ----

    private static List<SegmentSlice> randomTable(Random random)
    {
        int segmentCount = random.nextInt(6);
        List<SegmentSlice> slices = new ArrayList<>();
        long date = 18_000 + random.nextInt(1000);
        for (int index = 0; index < segmentCount; index++) {
            int size = random.nextInt(3) == 0 ? random.nextInt(100) : SIZES[random.nextInt(SIZES.length)];
            List<Object[]> rows = new ArrayList<>();
            int manyDistinct = 1 + random.nextInt(2000);
            for (int row = 0; row < size; row++) {
                if (random.nextInt(50) == 0) {
                    date++;
                }
                rows.add(new Object[] {
                        random.nextInt(10) == 0 ? null : (long) (random.nextInt(101) - 50),
                        random.nextInt(4) == 0 ? null : (random.nextBoolean() ? Long.MAX_VALUE / 3 : Long.MIN_VALUE / 3) + random.nextInt(3),
                        random.nextInt(8) == 0 ? null : (random.nextInt(30) == 0 ? -0.0 : (random.nextInt(801) - 400) / 4.0),
                        random.nextInt(7) == 0 ? null : WORDS[random.nextInt(WORDS.length)],
                        "k" + random.nextInt(manyDistinct),
                        date,
                        (double) random.nextInt(64) / 4.0,
                });
            }
            boolean[] dictionary = new boolean[TYPES.size()];
            dictionary[3] = random.nextBoolean();
            dictionary[4] = random.nextBoolean();
            Segment segment = TestSegments.segment(index, TYPES, rows, dictionary);
            slices.add(new SegmentSlice(segment, randomDeletes(random, size)));
        }
        return slices;
    }

    private static RoaringBitmap randomDeletes(Random random, int size)
    {
        RoaringBitmap deleted = new RoaringBitmap();
        if (size == 0) {
            return deleted;
        }
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 0; i < 1 + size / 10; i++) {
                    deleted.add(random.nextInt(size));
                }
            }
            case 1 -> {
                // A whole page, or everything when the segment is small.
                int start = (random.nextInt(ColumnZoneMap.pageCount(size))) * ColumnZoneMap.PAGE_ROWS;
                deleted.add((long) start, Math.min(size, start + ColumnZoneMap.PAGE_ROWS));
            }
            case 2 -> deleted.add(0L, size);
            default -> {}
        }
        return deleted;
    }

    // ---- random requests ----

    private static ScanRequest randomRequest(Random random)
    {
        Optional<ScanPredicate> filter = random.nextInt(4) == 0 ? Optional.empty() : Optional.of(randomPredicate(random, 0));
        int kind = random.nextInt(3);
        List<Integer> projection = new ArrayList<>();
        List<Integer> groupBy = new ArrayList<>();
        List<AggregateCall> aggregates = new ArrayList<>();
        if (kind == 0) {
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                projection.add(random.nextInt(TYPES.size()));
            }
        }
        else {
            if (kind == 2) {
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    groupBy.add(randomGroupColumn(random));
                }
            }
            int count = (kind == 1 ? 1 : 0) + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                aggregates.add(randomAggregate(random));
            }
        }
        int outputFields = kind == 0 ? projection.size() : groupBy.size() + aggregates.size();
        List<SortKey> orderBy = new ArrayList<>();
        if (random.nextBoolean()) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                orderBy.add(new SortKey(random.nextInt(outputFields), random.nextBoolean(), random.nextBoolean()));
            }
        }
        long offset = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
        OptionalLong limit = switch (random.nextInt(4)) {
            case 0 -> OptionalLong.of(random.nextInt(3));
            case 1 -> OptionalLong.of(random.nextInt(100));
            case 2 -> OptionalLong.of(Long.MAX_VALUE - random.nextInt(2));
            default -> OptionalLong.empty();
        };
        return new ScanRequest(filter, projection, groupBy, aggregates, orderBy, offset, limit);
    }

    private static int randomGroupColumn(Random random)
    {
        // Mostly low cardinality; columns 4 and 5 make many groups, column 1 keys far apart.
        int[] columns = {0, 0, 1, 2, 3, 3, 3, 4, 5, 6};
        return columns[random.nextInt(columns.length)];
    }

    private static AggregateCall randomAggregate(Random random)
    {
        AggregateCall.Kind kind = AggregateCall.Kind.values()[random.nextInt(AggregateCall.Kind.values().length)];
        if (kind == AggregateCall.Kind.COUNT) {
            int choice = random.nextInt(3);
            if (choice == 0) {
                return AggregateCall.countStar();
            }
            return new AggregateCall(kind, random.nextInt(TYPES.size()), choice == 2);
        }
        if (kind == AggregateCall.Kind.SUM || kind == AggregateCall.Kind.AVG) {
            int[] numeric = {0, 0, 1, 2, 5, 6};
            return new AggregateCall(kind, numeric[random.nextInt(numeric.length)], false);
        }
        return new AggregateCall(kind, random.nextInt(TYPES.size()), false);
    }

    private static ScanPredicate randomPredicate(Random random, int depth)
    {
        int choice = random.nextInt(depth >= 2 ? 5 : 9);
        int column = random.nextInt(TYPES.size());
        PhysicalType type = TYPES.get(column);
        return switch (choice) {
            case 0, 1 -> new ScanPredicate.Compare(column, Operator.values()[random.nextInt(Operator.values().length)], randomLiteral(random, column));
            case 2 -> {
                List<Object> values = new ArrayList<>();
                int count = random.nextInt(random.nextInt(5) == 0 ? 20 : 4);
                for (int i = 0; i < count; i++) {
                    values.add(randomLiteral(random, column));
                }
                yield new ScanPredicate.InList(column, values, random.nextBoolean());
            }
            case 3 -> new ScanPredicate.IsNull(column, random.nextBoolean());
            case 4 -> {
                int stringColumn = random.nextBoolean() ? 3 : 4;
                String pattern = stringColumn == 3 ? PATTERNS[random.nextInt(PATTERNS.length)] : "k" + random.nextInt(20) + (random.nextBoolean() ? "%" : "_");
                yield new ScanPredicate.Like(stringColumn, pattern, random.nextBoolean());
            }
            case 5, 6 -> {
                List<ScanPredicate> terms = new ArrayList<>();
                int count = 2 + random.nextInt(2);
                for (int i = 0; i < count; i++) {
                    terms.add(randomPredicate(random, depth + 1));
                }
                yield choice == 5 ? new ScanPredicate.And(terms) : new ScanPredicate.Or(terms);
            }
            default -> new ScanPredicate.Not(randomPredicate(random, depth + 1));
        };
    }

    private static Object randomLiteral(Random random, int column)
    {
        return switch (column) {
            case 0 -> random.nextInt(4) == 0 ? (Object) ((random.nextInt(121) - 60) / 2.0) : (Object) (long) (random.nextInt(121) - 60);
            case 1 -> random.nextBoolean() ? (Object) (Long.MAX_VALUE / 3 + random.nextInt(4) - 1) : (Object) (random.nextBoolean() ? 1e19 : -1e19);
            case 2, 6 -> random.nextInt(4) == 0 ? (Object) (long) (random.nextInt(41) - 20) : (Object) ((random.nextInt(801) - 400) / 8.0);
            case 3 -> random.nextInt(6) == 0 ? "c" : WORDS[random.nextInt(WORDS.length)];
            case 4 -> "k" + random.nextInt(2500);
            default -> (long) (18_000 + random.nextInt(1300));
        };
    }
}
