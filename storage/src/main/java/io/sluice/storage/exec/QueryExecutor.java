package io.sluice.storage.exec;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.type.PhysicalType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.Locale;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The vectorized executor: evaluates a {@link ScanRequest} over the live rows of a table snapshot's segments.
 * <p>
 * Segments are read in pages of {@link io.sluice.storage.segment.ColumnZoneMap#PAGE_ROWS} rows: zone maps skip pages
 * the filter cannot match, the filter narrows a selection vector with typed loops (string predicates on dictionary
 * columns run on codes), and aggregates run one column at a time over the selection into primitive state. GROUP BY
 * one string column and COUNT(DISTINCT) of one work on each dictionary segment's codes and merge the segments' sorted
 * dictionaries at the end, so a high-cardinality string is hashed per distinct value of a plain segment, not per row.
 * ORDER BY with LIMIT keeps a bounded heap; LIMIT without ORDER BY stops the scan early. Large scans are split across
 * the cores; results do not depend on the split's timing.
 */
public final class QueryExecutor
{
    /** Above this OFFSET + LIMIT a sort of all rows replaces the top-N heap. */
    private static final long TOP_N_MAXIMUM = 1 << 16;

    private static final BooleanSupplier NOT_CANCELLED = () -> false;

    private QueryExecutor() {}

    /**
     * @param slices the snapshot's segments with their delete bitmaps (rows in bitmaps are not visible)
     * @param columnTypes the physical type of each table column
     */
    public static ScanResult execute(List<SegmentSlice> slices, List<PhysicalType> columnTypes, ScanRequest request)
    {
        return execute(slices, columnTypes, null, request);
    }

    /**
     * Like {@link #execute(List, List, ScanRequest)}, with column names for error messages such as
     * {@code BIGINT value is out of range in 'sum(quantity)'}.
     *
     * @param columnNames the name of each table column, or null to refer to columns by position
     */
    public static ScanResult execute(List<SegmentSlice> slices, List<PhysicalType> columnTypes, List<String> columnNames, ScanRequest request)
    {
        return execute(slices, columnTypes, columnNames, request, NOT_CANCELLED);
    }

    /**
     * Like {@link #execute(List, List, List, ScanRequest)}, stopping with error 1317 (query interrupted) at the next
     * page once {@code cancelled} turns true (KILL QUERY).
     */
    public static ScanResult execute(List<SegmentSlice> slices, List<PhysicalType> columnTypes, List<String> columnNames, ScanRequest request, BooleanSupplier cancelled)
    {
        return execute(slices, columnTypes, columnNames, request, new ExecutionStats(), ParallelWork.PARALLELISM, ParallelScan.MINIMUM_PAGES_PER_PARTITION,
                MergeParallelism.DEFAULT, requireNonNull(cancelled, "cancelled is null"));
    }

    /**
     * With the knobs tests need: counters of pruned pages, and a forced split into partitions (and of the final
     * merges into as many parts, however small).
     */
    static ScanResult execute(
            List<SegmentSlice> slices,
            List<PhysicalType> columnTypes,
            List<String> columnNames,
            ScanRequest request,
            ExecutionStats stats,
            int parallelism,
            int minimumPagesPerPartition)
    {
        return execute(slices, columnTypes, columnNames, request, stats, parallelism, minimumPagesPerPartition, new MergeParallelism(parallelism, 0), NOT_CANCELLED);
    }

    private static ScanResult execute(
            List<SegmentSlice> slices,
            List<PhysicalType> columnTypes,
            List<String> columnNames,
            ScanRequest request,
            ExecutionStats stats,
            int parallelism,
            int minimumPagesPerPartition,
            MergeParallelism mergeParallelism,
            BooleanSupplier cancelled)
    {
        requireNonNull(slices, "slices is null");
        requireNonNull(columnTypes, "columnTypes is null");
        requireNonNull(request, "request is null");
        validate(columnTypes, columnNames, request);

        FilterBinder filter = request.filter()
                .map(predicate -> new FilterBinder(FilterCompiler.compile(predicate, columnTypes)))
                .orElse(null);
        long offset = request.offset();
        long end = request.limit().isPresent() ? saturatedAdd(offset, request.limit().getAsLong()) : Long.MAX_VALUE;
        if (end <= offset) {
            // LIMIT 0: no row, whatever the data (the request was still checked).
            return new ScanResult(List.of());
        }
        Execution execution = new Execution(slices, columnTypes, columnNames, request, filter, offset, end, mergeParallelism, cancelled);
        List<Object[]> rows = execution.run(ParallelScan.partitions(slices, parallelism, minimumPagesPerPartition));
        for (ExecutionStats partitionStats : execution.stats) {
            stats.add(partitionStats);
        }
        return new ScanResult(rows);
    }

    private static long saturatedAdd(long left, long right)
    {
        long sum = left + right;
        return sum < left ? Long.MAX_VALUE : sum;
    }

    private static void validate(List<PhysicalType> columnTypes, List<String> columnNames, ScanRequest request)
    {
        if (columnNames != null && columnNames.size() != columnTypes.size()) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, columnNames.size() + " column names for " + columnTypes.size() + " columns");
        }
        for (int column : request.projection()) {
            checkColumn("Projected", column, columnTypes);
        }
        for (int column : request.groupBy()) {
            checkColumn("GROUP BY", column, columnTypes);
        }
        for (AggregateCall call : request.aggregates()) {
            if (call.column() >= 0) {
                checkColumn("Aggregated", call.column(), columnTypes);
                boolean numeric = call.kind() == AggregateCall.Kind.SUM || call.kind() == AggregateCall.Kind.AVG;
                if (numeric && columnTypes.get(call.column()) == PhysicalType.STRING) {
                    throw new SluiceException(ErrorCode.NOT_SUPPORTED, expression(call, columnNames) + " over a STRING column is not supported by the storage executor");
                }
            }
        }
    }

    private static void checkColumn(String role, int column, List<PhysicalType> columnTypes)
    {
        if (column < 0 || column >= columnTypes.size()) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, role + " column " + column + " does not exist; the table has " + columnTypes.size() + " columns");
        }
    }

    /** How an aggregate is written in error messages, like MySQL: {@code sum(quantity)}. */
    static String expression(AggregateCall call, List<String> columnNames)
    {
        String function = call.kind().name().toLowerCase(Locale.ROOT);
        if (call.column() < 0) {
            return function + "(*)";
        }
        String column = columnNames == null ? "column " + call.column() : columnNames.get(call.column());
        return function + "(" + (call.distinct() ? "distinct " : "") + column + ")";
    }

    /** One query's plan choice and the partial states of its partitions. */
    private static final class Execution
    {
        private final List<SegmentSlice> slices;
        private final List<PhysicalType> columnTypes;
        private final List<String> columnNames;
        private final ScanRequest request;
        private final FilterBinder filter;
        private final long offset;
        private final long end;
        private final MergeParallelism mergeParallelism;
        private final BooleanSupplier cancelled;
        private final List<ExecutionStats> stats = new ArrayList<>();

        private Execution(
                List<SegmentSlice> slices,
                List<PhysicalType> columnTypes,
                List<String> columnNames,
                ScanRequest request,
                FilterBinder filter,
                long offset,
                long end,
                MergeParallelism mergeParallelism,
                BooleanSupplier cancelled)
        {
            this.mergeParallelism = mergeParallelism;
            this.cancelled = cancelled;
            this.slices = slices;
            this.columnTypes = columnTypes;
            this.columnNames = columnNames;
            this.request = request;
            this.filter = filter;
            this.offset = offset;
            this.end = end;
        }

        private List<Object[]> run(List<List<WorkUnit>> partitions)
        {
            if (request.isAggregation()) {
                return request.groupBy().isEmpty() ? globalAggregation(partitions) : groupedAggregation(partitions);
            }
            if (request.orderBy().isEmpty()) {
                // Scan order is the output order, and the scan stops at the LIMIT: one thread.
                return projection(wholeScan());
            }
            return end <= TOP_N_MAXIMUM ? topN(partitions) : sortedRows(wholeScan());
        }

        private List<WorkUnit> wholeScan()
        {
            return ParallelScan.partitions(slices, 1, 1).get(0);
        }

        /** Scans the partitions, each into its own consumer, and returns the consumers in partition order. */
        private <C extends PageConsumer> List<C> scan(List<List<WorkUnit>> partitions, Supplier<C> consumerFactory)
        {
            List<C> consumers = new ArrayList<>();
            List<ExecutionStats> partitionStats = new ArrayList<>();
            for (int i = 0; i < partitions.size(); i++) {
                // Created here, on the calling thread: creation checks the request and may fail cleanly.
                consumers.add(consumerFactory.get());
                partitionStats.add(new ExecutionStats());
            }
            stats.addAll(partitionStats);
            return ParallelWork.run(partitions.size(), partition -> {
                C consumer = consumers.get(partition);
                new ScanDriver(slices, filter, partitionStats.get(partition), cancelled).run(partitions.get(partition), consumer);
                return consumer;
            });
        }

        private List<Object[]> globalAggregation(List<List<WorkUnit>> partitions)
        {
            if (filter == null && onlyCountStar()) {
                return offset == 0 ? List.<Object[]>of(liveRowCounts()) : List.of();
            }
            List<GlobalAggregation> partials = scan(partitions, () -> {
                List<GlobalAccumulator> accumulators = new ArrayList<>();
                for (AggregateCall call : request.aggregates()) {
                    PhysicalType type = call.column() < 0 ? PhysicalType.LONG : columnTypes.get(call.column());
                    accumulators.add(GlobalAccumulator.create(call, type, expression(call, columnNames), mergeParallelism));
                }
                return new GlobalAggregation(accumulators);
            });
            GlobalAggregation total = partials.get(0);
            for (GlobalAggregation partial : partials.subList(1, partials.size())) {
                total.merge(partial);
            }
            // Exactly one row, computed even when OFFSET drops it, so errors do not depend on OFFSET.
            Object[] row = total.result();
            return offset == 0 ? List.<Object[]>of(row) : List.of();
        }

        private boolean onlyCountStar()
        {
            for (AggregateCall call : request.aggregates()) {
                if (call.kind() != AggregateCall.Kind.COUNT || call.column() >= 0) {
                    return false;
                }
            }
            return true;
        }

        /** COUNT(*) without a filter reads no page: each segment knows its rows and its delete bitmap their number. */
        private Object[] liveRowCounts()
        {
            long count = 0;
            for (SegmentSlice slice : slices) {
                count += slice.liveRowCount();
            }
            Object[] row = new Object[request.aggregates().size()];
            Arrays.fill(row, count);
            return row;
        }

        private List<Object[]> groupedAggregation(List<List<WorkUnit>> partitions)
        {
            GroupedResult total = request.groupBy().size() == 1 && columnTypes.get(request.groupBy().get(0)) == PhysicalType.STRING
                    ? stringGroups(partitions)
                    : groups(partitions);
            total.validate();
            int groupCount = total.groupCount();
            List<OutputField> fields = total.fields();
            if (request.orderBy().isEmpty()) {
                List<Object[]> rows = new ArrayList<>();
                for (long group = offset; group < Math.min(end, groupCount); group++) {
                    rows.add(ResultRows.row(group, fields));
                }
                return rows;
            }
            RefComparator comparator = new RefComparator(request.orderBy(), fields);
            if (end < groupCount && end <= TOP_N_MAXIMUM) {
                RefTopN top = new RefTopN(comparator, (int) end);
                for (int group = 0; group < groupCount; group++) {
                    top.offer(group);
                }
                long[] sorted = top.sorted();
                return ResultRows.materialize(sorted, sorted.length, offset, end, fields);
            }
            long[] groups = new long[groupCount];
            for (int group = 0; group < groupCount; group++) {
                groups[group] = group;
            }
            RefSorter.sort(groups, groupCount, comparator);
            return ResultRows.materialize(groups, groupCount, offset, end, fields);
        }

        private GroupedResult groups(List<List<WorkUnit>> partitions)
        {
            List<GroupedAggregation> partials = scan(partitions, () -> {
                List<GroupKeyColumn> keys = new ArrayList<>();
                for (int column : request.groupBy()) {
                    keys.add(GroupKeyColumn.create(column, columnTypes.get(column)));
                }
                return new GroupedAggregation(keys, List.of(groupAccumulators()));
            });
            GroupedAggregation total = partials.get(0);
            for (GroupedAggregation partial : partials.subList(1, partials.size())) {
                total.merge(partial);
            }
            return total;
        }

        /** GROUP BY one string column: dictionary segments group on their codes. */
        private GroupedResult stringGroups(List<List<WorkUnit>> partitions)
        {
            int column = request.groupBy().get(0);
            List<StringGroupedAggregation> partials = scan(partitions, () -> new StringGroupedAggregation(column, this::groupAccumulators, mergeParallelism));
            StringGroupedAggregation total = partials.get(0);
            for (StringGroupedAggregation partial : partials.subList(1, partials.size())) {
                total.merge(partial);
            }
            return total.result();
        }

        private GroupAccumulator[] groupAccumulators()
        {
            GroupAccumulator[] accumulators = new GroupAccumulator[request.aggregates().size()];
            for (int i = 0; i < accumulators.length; i++) {
                AggregateCall call = request.aggregates().get(i);
                PhysicalType type = call.column() < 0 ? PhysicalType.LONG : columnTypes.get(call.column());
                accumulators[i] = GroupAccumulator.create(call, type, expression(call, columnNames));
            }
            return accumulators;
        }

        private List<OutputField> rowFields()
        {
            List<OutputField> fields = new ArrayList<>();
            for (int column : request.projection()) {
                fields.add(RowFields.create(column, columnTypes.get(column), slices));
            }
            return fields;
        }

        private List<Object[]> projection(List<WorkUnit> all)
        {
            ProjectionCollector collector = new ProjectionCollector(request.projection(), offset, end);
            ExecutionStats partitionStats = new ExecutionStats();
            stats.add(partitionStats);
            new ScanDriver(slices, filter, partitionStats, cancelled).run(all, collector);
            return collector.rows();
        }

        private List<Object[]> topN(List<List<WorkUnit>> partitions)
        {
            List<OutputField> fields = rowFields();
            List<TopNRowCollector> partials = scan(partitions,
                    () -> new TopNRowCollector(request.orderBy(), fields, request.projection(), columnTypes, (int) end));
            TopNRowCollector total = partials.get(0);
            for (TopNRowCollector partial : partials.subList(1, partials.size())) {
                total.merge(partial);
            }
            long[] sorted = total.sortedReferences();
            return ResultRows.materialize(sorted, sorted.length, offset, end, fields);
        }

        private List<Object[]> sortedRows(List<WorkUnit> all)
        {
            List<OutputField> fields = rowFields();
            SortedRowCollector collector = new SortedRowCollector();
            ExecutionStats partitionStats = new ExecutionStats();
            stats.add(partitionStats);
            new ScanDriver(slices, filter, partitionStats, cancelled).run(all, collector);
            RefComparator comparator = new RefComparator(request.orderBy(), fields);
            RefSorter.sort(collector.references(), collector.count(), comparator);
            return ResultRows.materialize(collector.references(), collector.count(), offset, end, fields);
        }
    }
}
