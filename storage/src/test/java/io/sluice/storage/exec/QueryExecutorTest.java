package io.sluice.storage.exec;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.exec.AggregateCall.Kind;
import io.sluice.storage.exec.ScanPredicate.Operator;
import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.type.PhysicalType;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;

import static io.sluice.storage.exec.TestSegments.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryExecutorTest
{
    private static final int PAGE = ColumnZoneMap.PAGE_ROWS;
    private static final List<PhysicalType> SALES_TYPES = List.of(PhysicalType.LONG, PhysicalType.STRING, PhysicalType.LONG, PhysicalType.DOUBLE);
    private static final List<String> SALES_NAMES = List.of("id", "category", "quantity", "price");

    /** Ten pages of sales: id = row, category cycles over four words, quantity = row % 7, price = row / 4. */
    private static Segment sales(long segmentId, int rows, boolean dictionary)
    {
        String[] categories = {"books", "games", "music", "toys"};
        List<Object[]> data = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            data.add(new Object[] {(long) row, categories[row % 4], (long) (row % 7), row / 4.0});
        }
        return segment(segmentId, SALES_TYPES, data, dictionary);
    }

    private static ScanRequest aggregate(Optional<ScanPredicate> filter, List<Integer> groupBy, List<AggregateCall> aggregates, List<SortKey> orderBy)
    {
        return new ScanRequest(filter, List.of(), groupBy, aggregates, orderBy, 0, OptionalLong.empty());
    }

    private static ScanRequest project(Optional<ScanPredicate> filter, List<Integer> projection, List<SortKey> orderBy, long offset, OptionalLong limit)
    {
        return new ScanRequest(filter, projection, List.of(), List.of(), orderBy, offset, limit);
    }

    private static List<List<Object>> run(List<SegmentSlice> slices, List<PhysicalType> types, ScanRequest request)
    {
        return asLists(QueryExecutor.execute(slices, types, request));
    }

    private static List<List<Object>> asLists(ScanResult result)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : result.rows()) {
            rows.add(Arrays.asList(row));
        }
        return rows;
    }

    @Test
    void countsSumsAndAveragesWithoutGroupBy()
    {
        List<SegmentSlice> slices = List.of(new SegmentSlice(sales(1, 10 * PAGE, true), null), new SegmentSlice(sales(2, 100, false), null));
        ScanRequest request = aggregate(Optional.empty(), List.of(), List.of(
                AggregateCall.countStar(),
                new AggregateCall(Kind.SUM, 2, false),
                new AggregateCall(Kind.AVG, 3, false),
                new AggregateCall(Kind.MIN, 1, false),
                new AggregateCall(Kind.MAX, 0, false),
                new AggregateCall(Kind.COUNT, 1, true)), List.of());
        long sumOfQuantities = 0;
        double sumOfPrices = 0;
        for (int row = 0; row < 10 * PAGE; row++) {
            sumOfQuantities += row % 7;
            sumOfPrices += row / 4.0;
        }
        for (int row = 0; row < 100; row++) {
            sumOfQuantities += row % 7;
            sumOfPrices += row / 4.0;
        }
        assertThat(run(slices, SALES_TYPES, request)).containsExactly(
                List.of(10L * PAGE + 100, sumOfQuantities, sumOfPrices / (10 * PAGE + 100), "books", 10L * PAGE - 1, 4L));
    }

    @Test
    void emptyInputGivesOneRowWithoutGroupByAndNoneWithIt()
    {
        List<AggregateCall> aggregates = List.of(
                AggregateCall.countStar(),
                new AggregateCall(Kind.COUNT, 2, false),
                new AggregateCall(Kind.COUNT, 1, true),
                new AggregateCall(Kind.SUM, 2, false),
                new AggregateCall(Kind.AVG, 3, false),
                new AggregateCall(Kind.MIN, 1, false),
                new AggregateCall(Kind.MAX, 3, false));
        assertThat(run(List.of(), SALES_TYPES, aggregate(Optional.empty(), List.of(), aggregates, List.of())))
                .containsExactly(Arrays.asList(0L, 0L, 0L, null, null, null, null));
        // A filter that removes everything is the same.
        List<SegmentSlice> slices = List.of(new SegmentSlice(sales(1, 1000, true), null));
        Optional<ScanPredicate> nothing = Optional.of(new ScanPredicate.Compare(1, Operator.EQUAL, "no such category"));
        assertThat(run(slices, SALES_TYPES, aggregate(nothing, List.of(), aggregates, List.of())))
                .containsExactly(Arrays.asList(0L, 0L, 0L, null, null, null, null));
        assertThat(run(List.of(), SALES_TYPES, aggregate(Optional.empty(), List.of(1), aggregates, List.of()))).isEmpty();
        assertThat(run(List.of(), SALES_TYPES, ScanRequest.scanAll(4))).isEmpty();
        // Segments without rows and fully deleted ones count as nothing.
        Segment empty = segment(3, SALES_TYPES, List.of(), true);
        SegmentSlice deleted = TestSegments.slice(sales(4, 3, false), 0, 1, 2);
        assertThat(run(List.of(new SegmentSlice(empty, null), deleted), SALES_TYPES, aggregate(Optional.empty(), List.of(), aggregates, List.of())))
                .containsExactly(Arrays.asList(0L, 0L, 0L, null, null, null, null));
    }

    @Test
    void groupsByDictionaryPlainAndNumericKeysAcrossSegments()
    {
        List<SegmentSlice> slices = List.of(new SegmentSlice(sales(1, 2 * PAGE, true), null), new SegmentSlice(sales(2, 2 * PAGE, false), null));
        ScanRequest byCategory = aggregate(Optional.empty(), List.of(1), List.of(AggregateCall.countStar(), new AggregateCall(Kind.SUM, 2, false)),
                List.of(new SortKey(0, false, true)));
        List<List<Object>> rows = run(slices, SALES_TYPES, byCategory);
        assertThat(rows).extracting(row -> row.get(0)).containsExactly("books", "games", "music", "toys");
        assertThat(rows).extracting(row -> row.get(1)).containsOnly(4L * PAGE / 4);

        ScanRequest byQuantityAndCategory = aggregate(Optional.empty(), List.of(2, 1), List.of(AggregateCall.countStar()),
                List.of(new SortKey(0, true, true), new SortKey(1, false, true)));
        List<List<Object>> pairs = run(slices, SALES_TYPES, byQuantityAndCategory);
        assertThat(pairs).hasSize(28);
        assertThat(pairs.get(0).subList(0, 2)).containsExactly(6L, "books");
        assertThat(pairs.get(27).subList(0, 2)).containsExactly(0L, "toys");
    }

    @Test
    void groupsByIntegerKeysNearAndFarApart()
    {
        // Keys in a small window resolve through an array, the others through the hash table; both must agree.
        long[] specials = {Long.MIN_VALUE, Long.MAX_VALUE, (1L << 62) - 1, 1L << 62, -(1L << 62), -(1L << 62) + 1, 0, -1, 70_000, -70_000, 65_535, -65_536};
        Random random = new Random(3);
        List<PhysicalType> types = List.of(PhysicalType.LONG);
        List<Object[]> rows = new ArrayList<>();
        Map<Long, Long> expected = new TreeMap<>();
        for (int row = 0; row < 3 * PAGE; row++) {
            long key = switch (random.nextInt(3)) {
                case 0 -> specials[random.nextInt(specials.length)];
                case 1 -> 1000 - random.nextInt(3000);
                default -> random.nextInt(200_000) - 100_000L;
            };
            rows.add(new Object[] {key});
            expected.merge(key, 1L, Long::sum);
        }
        List<SegmentSlice> slices = List.of(new SegmentSlice(segment(1, types, rows, false), null));
        ScanRequest request = aggregate(Optional.empty(), List.of(0), List.of(AggregateCall.countStar()), List.of(new SortKey(0, false, false)));
        List<List<Object>> expectedRows = new ArrayList<>();
        expected.forEach((key, count) -> expectedRows.add(List.of(key, count)));
        assertThat(run(slices, types, request)).isEqualTo(expectedRows);
    }

    @Test
    void nullGroupsAndAllNullAggregates()
    {
        List<PhysicalType> types = List.of(PhysicalType.STRING, PhysicalType.LONG, PhysicalType.DOUBLE);
        List<Object[]> rows = List.of(
                new Object[] {null, null, null},
                new Object[] {"a", null, null},
                new Object[] {null, null, null},
                new Object[] {"a", 5L, null});
        for (boolean dictionary : new boolean[] {true, false}) {
            List<SegmentSlice> slices = List.of(new SegmentSlice(segment(1, types, rows, dictionary), null));
            ScanRequest request = aggregate(Optional.empty(), List.of(0), List.of(
                    AggregateCall.countStar(),
                    new AggregateCall(Kind.COUNT, 1, false),
                    new AggregateCall(Kind.SUM, 1, false),
                    new AggregateCall(Kind.AVG, 2, false),
                    new AggregateCall(Kind.MIN, 2, false),
                    new AggregateCall(Kind.COUNT, 2, true)), List.of(new SortKey(0, false, true)));
            assertThat(run(slices, types, request)).containsExactly(
                    Arrays.asList(null, 2L, 0L, null, null, null, 0L),
                    Arrays.asList("a", 2L, 1L, 5L, null, null, 0L));
            ScanRequest nullsLast = aggregate(Optional.empty(), List.of(0), List.of(AggregateCall.countStar()), List.of(new SortKey(0, true, false)));
            assertThat(run(slices, types, nullsLast)).containsExactly(Arrays.asList("a", 2L), Arrays.asList(null, 2L));
        }
    }

    @Test
    void sumOverflowIsAnErrorButIntermediateOverflowIsNot()
    {
        List<PhysicalType> types = List.of(PhysicalType.LONG, PhysicalType.LONG);
        List<Object[]> rows = List.of(
                new Object[] {1L, Long.MAX_VALUE},
                new Object[] {1L, 1L},
                new Object[] {2L, Long.MAX_VALUE},
                new Object[] {2L, 1L},
                new Object[] {2L, -2L});
        List<SegmentSlice> slices = List.of(new SegmentSlice(segment(1, types, rows, false), null));
        ScanRequest global = aggregate(Optional.empty(), List.of(), List.of(new AggregateCall(Kind.SUM, 1, false)), List.of());
        assertThatThrownBy(() -> QueryExecutor.execute(slices, types, List.of("k", "quantity"), global))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_OUT_OF_RANGE))
                .hasMessage("BIGINT value is out of range in 'sum(quantity)'");
        // Group 1 overflows; the error does not depend on which groups a LIMIT keeps.
        ScanRequest grouped = new ScanRequest(Optional.empty(), List.of(), List.of(0), List.of(new AggregateCall(Kind.SUM, 1, false)),
                List.of(new SortKey(0, true, false)), 0, OptionalLong.of(1));
        assertThatThrownBy(() -> QueryExecutor.execute(slices, types, grouped))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_OUT_OF_RANGE))
                .hasMessage("BIGINT value is out of range in 'sum(column 1)'");
        // Group 2 passes above the range and comes back; AVG of group 1 is exact.
        Optional<ScanPredicate> groupTwo = Optional.of(new ScanPredicate.Compare(0, Operator.EQUAL, 2L));
        assertThat(run(slices, types, aggregate(groupTwo, List.of(0), List.of(new AggregateCall(Kind.SUM, 1, false)), List.of())))
                .containsExactly(List.of(2L, Long.MAX_VALUE - 1));
        assertThat(run(slices, types, aggregate(Optional.empty(), List.of(), List.of(new AggregateCall(Kind.AVG, 1, false)), List.of())))
                .containsExactly(List.of((Long.MAX_VALUE * 2.0) / 5));
        // DOUBLE sums out of range are errors too, as in MySQL.
        List<PhysicalType> doubleTypes = List.of(PhysicalType.DOUBLE);
        List<SegmentSlice> huge = List.of(new SegmentSlice(segment(2, doubleTypes, List.of(new Object[] {1e308}, new Object[] {1e308}), false), null));
        assertThatThrownBy(() -> QueryExecutor.execute(huge, doubleTypes, aggregate(Optional.empty(), List.of(), List.of(new AggregateCall(Kind.SUM, 0, false)), List.of())))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_OUT_OF_RANGE))
                .hasMessage("DOUBLE value is out of range in 'sum(column 0)'");
    }

    @Test
    void zoneMapsSkipPagesTheFilterCannotMatch()
    {
        // id increases with the row, so only the last page can hold id >= 9 * PAGE.
        List<SegmentSlice> slices = List.of(new SegmentSlice(sales(1, 10 * PAGE, true), null));
        ExecutionStats stats = new ExecutionStats();
        ScanRequest request = aggregate(Optional.of(new ScanPredicate.Compare(0, Operator.GREATER_OR_EQUAL, 9L * PAGE + 10)), List.of(),
                List.of(AggregateCall.countStar()), List.of());
        ScanResult result = QueryExecutor.execute(slices, SALES_TYPES, null, request, stats, 1, 1);
        assertThat(asLists(result)).containsExactly(List.of((long) PAGE - 10));
        assertThat(stats.pagesScanned()).isEqualTo(1);
        assertThat(stats.pagesSkipped()).isEqualTo(9);

        // A range covering whole pages needs no row-level filtering; a dictionary literal absent from a segment skips it.
        ExecutionStats between = new ExecutionStats();
        ScanRequest range = aggregate(Optional.of(new ScanPredicate.And(List.of(
                new ScanPredicate.Compare(0, Operator.GREATER_OR_EQUAL, 2L * PAGE),
                new ScanPredicate.Compare(0, Operator.LESS, 4L * PAGE)))), List.of(), List.of(AggregateCall.countStar(), new AggregateCall(Kind.MAX, 0, false)), List.of());
        assertThat(asLists(QueryExecutor.execute(slices, SALES_TYPES, null, range, between, 1, 1))).containsExactly(List.of(2L * PAGE, 4L * PAGE - 1));
        assertThat(between.pagesScanned()).isEqualTo(2);

        ExecutionStats absent = new ExecutionStats();
        ScanRequest missing = aggregate(Optional.of(new ScanPredicate.Compare(1, Operator.EQUAL, "garden")), List.of(), List.of(AggregateCall.countStar()), List.of());
        assertThat(asLists(QueryExecutor.execute(slices, SALES_TYPES, null, missing, absent, 1, 1))).containsExactly(List.of(0L));
        assertThat(absent.pagesScanned()).isZero();
        assertThat(absent.pagesSkipped()).isEqualTo(10);
    }

    @Test
    void deletedRowsAreInvisibleAndDeletedPagesSkipped()
    {
        RoaringBitmap deleted = new RoaringBitmap();
        deleted.add(0L, PAGE);
        deleted.add(PAGE + 1);
        deleted.add(3 * PAGE - 1);
        List<SegmentSlice> slices = List.of(new SegmentSlice(sales(1, 3 * PAGE, false), deleted));
        ExecutionStats stats = new ExecutionStats();
        ScanRequest count = aggregate(Optional.empty(), List.of(), List.of(AggregateCall.countStar(), new AggregateCall(Kind.MIN, 0, false), new AggregateCall(Kind.MAX, 0, false)), List.of());
        assertThat(asLists(QueryExecutor.execute(slices, SALES_TYPES, null, count, stats, 1, 1)))
                .containsExactly(List.of(2L * PAGE - 2, (long) PAGE, 3L * PAGE - 2));
        assertThat(stats.pagesSkipped()).isEqualTo(1);
        assertThat(run(slices, SALES_TYPES, project(Optional.empty(), List.of(0), List.of(), 0, OptionalLong.of(2))))
                .containsExactly(List.of((long) PAGE), List.of(PAGE + 2L));
    }

    @Test
    void limitWithoutOrderByStopsTheScan()
    {
        List<SegmentSlice> slices = List.of(new SegmentSlice(sales(1, 10 * PAGE, true), null), new SegmentSlice(sales(2, 10 * PAGE, true), null));
        ExecutionStats stats = new ExecutionStats();
        ScanRequest request = project(Optional.empty(), List.of(0, 1), List.of(), PAGE + 2, OptionalLong.of(3));
        assertThat(asLists(QueryExecutor.execute(slices, SALES_TYPES, null, request, stats, 2, 1)))
                .containsExactly(List.of(PAGE + 2L, "music"), List.of(PAGE + 3L, "toys"), List.of(PAGE + 4L, "books"));
        assertThat(stats.pagesScanned()).isEqualTo(2);
        assertThat(run(slices, SALES_TYPES, project(Optional.empty(), List.of(0), List.of(), 0, OptionalLong.of(0)))).isEmpty();
        assertThat(run(slices, SALES_TYPES, project(Optional.empty(), List.of(0), List.of(), 20L * PAGE, OptionalLong.of(5)))).isEmpty();
    }

    @Test
    void topNKeepsTheBestRowsAndSkipsPagesThatCannotBeatThem()
    {
        List<SegmentSlice> slices = List.of(new SegmentSlice(sales(1, 10 * PAGE, true), null), new SegmentSlice(sales(2, 3 * PAGE, false), null));
        List<SortKey> byIdDescending = List.of(new SortKey(0, true, false));
        ExecutionStats stats = new ExecutionStats();
        ScanRequest request = project(Optional.empty(), List.of(0, 1), byIdDescending, 1, OptionalLong.of(3));
        assertThat(asLists(QueryExecutor.execute(slices, SALES_TYPES, null, request, stats, 1, 1))).containsExactly(
                List.of(10L * PAGE - 2, "music"),
                List.of(10L * PAGE - 3, "games"),
                List.of(10L * PAGE - 4, "books"));
        // After the first page fills the heap, only pages holding larger ids are read.
        assertThat(stats.pagesScanned()).isLessThan(13);
        assertThat(stats.pagesSkipped()).isGreaterThan(0);

        // Ties on the first key are broken by the second; the price of row r is r / 4.
        ScanRequest byPrice = project(Optional.empty(), List.of(3, 0), List.of(new SortKey(0, true, false), new SortKey(1, false, false)), 0, OptionalLong.of(5));
        assertThat(run(slices, SALES_TYPES, byPrice)).containsExactly(
                List.of((10 * PAGE - 1) / 4.0, 10L * PAGE - 1),
                List.of((10 * PAGE - 2) / 4.0, 10L * PAGE - 2),
                List.of((10 * PAGE - 3) / 4.0, 10L * PAGE - 3),
                List.of((10 * PAGE - 4) / 4.0, 10L * PAGE - 4),
                List.of((10 * PAGE - 5) / 4.0, 10L * PAGE - 5));
    }

    @Test
    void topGroupsByAggregate()
    {
        List<PhysicalType> types = List.of(PhysicalType.STRING, PhysicalType.LONG);
        List<Object[]> rows = new ArrayList<>();
        for (int customer = 0; customer < 5000; customer++) {
            for (int order = 0; order <= customer % 13; order++) {
                rows.add(new Object[] {"customer" + customer, (long) (customer % 5)});
            }
        }
        List<SegmentSlice> slices = List.of(new SegmentSlice(segment(1, types, rows, false), null), new SegmentSlice(segment(2, types, rows, true), null));
        ScanRequest request = new ScanRequest(Optional.empty(), List.of(), List.of(0),
                List.of(AggregateCall.countStar(), new AggregateCall(Kind.SUM, 1, false)),
                List.of(new SortKey(2, true, false), new SortKey(0, false, false)), 0, OptionalLong.of(3));
        // Largest sum: customer % 5 == 4 with the most orders (customer % 13 == 12); 4 * 13 orders, twice.
        assertThat(run(slices, types, request)).containsExactly(
                List.of("customer1039", 26L, 104L),
                List.of("customer1104", 26L, 104L),
                List.of("customer1169", 26L, 104L));
    }

    @Test
    void likeFollowsMysqlEscapes()
    {
        List<PhysicalType> types = List.of(PhysicalType.STRING);
        List<Object[]> rows = new ArrayList<>();
        for (String value : new String[] {"a%b", "axb", "a_b", "a\\b", "ab\\", "ab", "😀", "😀😀", "x", "", null}) {
            rows.add(new Object[] {value});
        }
        for (boolean dictionary : new boolean[] {true, false}) {
            List<SegmentSlice> slices = List.of(new SegmentSlice(segment(1, types, rows, dictionary), null));
            assertThat(like(slices, "a\\%b", false)).containsExactly("a%b");
            assertThat(like(slices, "a%b", false)).containsExactly("a%b", "axb", "a_b", "a\\b", "ab");
            assertThat(like(slices, "a\\_b", false)).containsExactly("a_b");
            assertThat(like(slices, "a_b", false)).containsExactly("a%b", "axb", "a_b", "a\\b");
            assertThat(like(slices, "a\\\\b", false)).containsExactly("a\\b");
            // A trailing backslash is a literal backslash.
            assertThat(like(slices, "ab\\", false)).containsExactly("ab\\");
            // _ is one character, even outside the basic plane.
            assertThat(like(slices, "_", false)).containsExactly("😀", "x");
            assertThat(like(slices, "%_%_%", false)).containsExactly("a%b", "axb", "a_b", "a\\b", "ab\\", "ab", "😀😀");
            assertThat(like(slices, "", false)).containsExactly("");
            // NOT LIKE is unknown for NULL, like LIKE.
            assertThat(like(slices, "%", true)).isEmpty();
            assertThat(like(slices, "a%", true)).containsExactly("😀", "😀😀", "x", "");
        }
    }

    private static List<Object> like(List<SegmentSlice> slices, String pattern, boolean negated)
    {
        ScanRequest request = project(Optional.of(new ScanPredicate.Like(0, pattern, negated)), List.of(0), List.of(), 0, OptionalLong.empty());
        return QueryExecutor.execute(slices, List.of(PhysicalType.STRING), request).rows().stream().map(row -> row[0]).toList();
    }

    @Test
    void integerColumnsCompareExactlyWithFractionalLiterals()
    {
        List<PhysicalType> types = List.of(PhysicalType.LONG);
        List<Object[]> rows = List.of(new Object[] {1L}, new Object[] {2L}, new Object[] {3L}, new Object[] {null});
        List<SegmentSlice> slices = List.of(new SegmentSlice(segment(1, types, rows, false), null));
        assertThat(values(slices, types, new ScanPredicate.Compare(0, Operator.LESS, 2.5))).containsExactly(1L, 2L);
        assertThat(values(slices, types, new ScanPredicate.Compare(0, Operator.GREATER, 2.5))).containsExactly(3L);
        assertThat(values(slices, types, new ScanPredicate.Compare(0, Operator.EQUAL, 2.0))).containsExactly(2L);
        assertThat(values(slices, types, new ScanPredicate.Compare(0, Operator.EQUAL, 2.5))).isEmpty();
        assertThat(values(slices, types, new ScanPredicate.Compare(0, Operator.NOT_EQUAL, 2.5))).containsExactly(1L, 2L, 3L);
        assertThat(values(slices, types, new ScanPredicate.Compare(0, Operator.LESS, 1e30))).containsExactly(1L, 2L, 3L);
        assertThat(values(slices, types, new ScanPredicate.InList(0, List.of(1.5, 3.0), false))).containsExactly(3L);
        assertThat(values(slices, types, new ScanPredicate.InList(0, List.of(1.5), true))).containsExactly(1L, 2L, 3L);
        // NOT (x > 1) is x <= 1 and stays unknown for NULL.
        assertThat(values(slices, types, new ScanPredicate.Not(new ScanPredicate.Compare(0, Operator.GREATER, 1L)))).containsExactly(1L);
        assertThat(values(slices, types, new ScanPredicate.Compare(0, Operator.LESS, Long.MIN_VALUE))).isEmpty();
    }

    private static List<Object> values(List<SegmentSlice> slices, List<PhysicalType> types, ScanPredicate filter)
    {
        ScanRequest request = project(Optional.of(filter), List.of(0), List.of(), 0, OptionalLong.empty());
        return QueryExecutor.execute(slices, types, request).rows().stream().map(row -> row[0]).toList();
    }

    @Test
    void partitionsGiveTheSameResultsAsOneThread()
    {
        List<SegmentSlice> slices = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            slices.add(new SegmentSlice(sales(index, 3 * PAGE + index * 100, index % 2 == 0), null));
        }
        ScanRequest request = aggregate(Optional.of(new ScanPredicate.Compare(2, Operator.GREATER, 0L)), List.of(1, 2),
                List.of(AggregateCall.countStar(), new AggregateCall(Kind.SUM, 0, false), new AggregateCall(Kind.COUNT, 0, true), new AggregateCall(Kind.MAX, 3, false)),
                List.of(new SortKey(0, false, false), new SortKey(1, false, false)));
        List<List<Object>> sequential = asLists(QueryExecutor.execute(slices, SALES_TYPES, null, request, new ExecutionStats(), 1, 1));
        for (int parallelism = 2; parallelism <= 7; parallelism++) {
            assertThat(asLists(QueryExecutor.execute(slices, SALES_TYPES, null, request, new ExecutionStats(), parallelism, 1))).isEqualTo(sequential);
        }
        assertThat(sequential).hasSize(24);
    }

    @Test
    void stringGroupsAndDistinctCountsAcrossDictionaryAndPlainSegments()
    {
        // Large dictionaries (split between partitions), plain segments sharing some of their values, NULLs,
        // deleted rows and a filter: grouped on codes and merged, the result must be the plain hash aggregation's.
        Random random = new Random(5);
        List<PhysicalType> types = List.of(PhysicalType.STRING, PhysicalType.LONG);
        List<SegmentSlice> slices = new ArrayList<>();
        Map<String, long[]> expected = new TreeMap<>();
        long[] nullGroup = new long[2];
        for (int index = 0; index < 6; index++) {
            int rows = index < 3 ? 5 * PAGE + random.nextInt(PAGE) : random.nextInt(2 * PAGE);
            int distinct = index < 3 ? 3000 : 500;
            List<Object[]> data = new ArrayList<>();
            for (int row = 0; row < rows; row++) {
                String key = random.nextInt(40) == 0 ? null : "c" + random.nextInt(index == 5 ? 100_000 : distinct);
                data.add(new Object[] {key, (long) random.nextInt(100)});
            }
            RoaringBitmap deleted = new RoaringBitmap();
            for (int row = 0; row < rows; row += 1 + random.nextInt(50)) {
                deleted.add(row);
            }
            for (int row = 0; row < rows; row++) {
                Object[] values = data.get(row);
                if (deleted.contains(row) || (Long) values[1] < 10) {
                    continue;
                }
                long[] state = values[0] == null ? nullGroup : expected.computeIfAbsent((String) values[0], ignored -> new long[2]);
                state[0]++;
                state[1] += (Long) values[1];
            }
            slices.add(new SegmentSlice(segment(index, types, data, index % 2 == 0), deleted));
        }
        Optional<ScanPredicate> filter = Optional.of(new ScanPredicate.Compare(1, Operator.GREATER_OR_EQUAL, 10L));
        ScanRequest groups = aggregate(filter, List.of(0), List.of(AggregateCall.countStar(), new AggregateCall(Kind.SUM, 1, false)),
                List.of(new SortKey(0, false, false)));
        List<List<Object>> expectedRows = new ArrayList<>();
        expected.forEach((key, state) -> expectedRows.add(List.of(key, state[0], state[1])));
        expectedRows.add(Arrays.asList(null, nullGroup[0], nullGroup[1]));
        ScanRequest distinct = aggregate(filter, List.of(), List.of(new AggregateCall(Kind.COUNT, 0, true)), List.of());
        for (int parallelism = 1; parallelism <= 4; parallelism++) {
            assertThat(asLists(QueryExecutor.execute(slices, types, null, groups, new ExecutionStats(), parallelism, 1))).isEqualTo(expectedRows);
            assertThat(asLists(QueryExecutor.execute(slices, types, null, distinct, new ExecutionStats(), parallelism, 1)))
                    .containsExactly(List.of((long) expected.size()));
        }
        // Top groups by an aggregate, ties broken by the key, as the query benchmark asks.
        ScanRequest top = new ScanRequest(Optional.empty(), List.of(), List.of(0), List.of(new AggregateCall(Kind.SUM, 1, false)),
                List.of(new SortKey(1, true, false), new SortKey(0, false, true)), 0, OptionalLong.of(5));
        List<List<Object>> topRows = asLists(QueryExecutor.execute(slices, types, null, top, new ExecutionStats(), 2, 1));
        List<List<Object>> allRows = asLists(QueryExecutor.execute(slices, types, null,
                new ScanRequest(Optional.empty(), List.of(), List.of(0), List.of(new AggregateCall(Kind.SUM, 1, false)), List.of(), 0, OptionalLong.empty()),
                new ExecutionStats(), 1, 1));
        List<List<Object>> sorted = new ArrayList<>(allRows);
        sorted.sort((left, right) -> {
            int order = Long.compare((Long) right.get(1), (Long) left.get(1));
            if (order != 0) {
                return order;
            }
            return left.get(0) == null ? -1 : right.get(0) == null ? 1 : ((String) left.get(0)).compareTo((String) right.get(0));
        });
        assertThat(topRows).isEqualTo(sorted.subList(0, 5));
    }

    @Test
    void badRequestsFailWithCleanErrors()
    {
        List<SegmentSlice> slices = List.of(new SegmentSlice(sales(1, 10, false), null));
        assertError(slices, project(Optional.empty(), List.of(9), List.of(), 0, OptionalLong.empty()), ErrorCode.INTERNAL_ERROR);
        assertError(slices, aggregate(Optional.empty(), List.of(), List.of(new AggregateCall(Kind.SUM, 1, false)), List.of()), ErrorCode.NOT_SUPPORTED);
        assertError(slices, aggregate(Optional.empty(), List.of(0), List.of(new AggregateCall(Kind.AVG, 1, false)), List.of()), ErrorCode.NOT_SUPPORTED);
        assertError(slices, project(Optional.of(new ScanPredicate.Compare(0, Operator.EQUAL, "1")), List.of(0), List.of(), 0, OptionalLong.empty()), ErrorCode.NOT_SUPPORTED);
        assertError(slices, project(Optional.of(new ScanPredicate.Compare(1, Operator.EQUAL, 1L)), List.of(0), List.of(), 0, OptionalLong.empty()), ErrorCode.NOT_SUPPORTED);
        assertError(slices, project(Optional.of(new ScanPredicate.Like(0, "1%", false)), List.of(0), List.of(), 0, OptionalLong.empty()), ErrorCode.NOT_SUPPORTED);
        assertError(slices, project(Optional.of(new ScanPredicate.IsNull(7, false)), List.of(0), List.of(), 0, OptionalLong.empty()), ErrorCode.INTERNAL_ERROR);
        // A segment whose vectors do not match the schema is reported as corrupt, not as a ClassCastException.
        List<PhysicalType> wrongTypes = List.of(PhysicalType.DOUBLE, PhysicalType.STRING, PhysicalType.LONG, PhysicalType.DOUBLE);
        assertThatThrownBy(() -> QueryExecutor.execute(slices, wrongTypes, aggregate(Optional.empty(), List.of(), List.of(new AggregateCall(Kind.SUM, 0, false)), List.of())))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CORRUPT_DATA));
    }

    private static void assertError(List<SegmentSlice> slices, ScanRequest request, ErrorCode code)
    {
        assertThatThrownBy(() -> QueryExecutor.execute(slices, SALES_TYPES, request))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
