package io.sluice.server.calcite;

import io.sluice.storage.exec.AggregateCall;
import io.sluice.storage.exec.ScanPredicate;
import io.sluice.storage.exec.ScanRequest;
import io.sluice.storage.exec.SortKey;
import org.apache.calcite.rel.RelWriter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link SluiceTableScan} asks of the storage executor: the request built up by the push-down rules so far,
 * and how each output field is made from the executor's result row.
 */
final class ScanSpec
{
    private static final double FILTER_SELECTIVITY = 0.25;
    private static final double GROUPS_PER_ROW = 0.1;
    // each operation pushed makes the scan a little cheaper, so the planner prefers it to the same work done above
    private static final double PUSHED_OPERATION_DISCOUNT = 0.9;
    private static final double SORT_COST_PER_ROW = 0.5;

    private final ScanRequest request;
    private final List<ScanOutput> outputs;
    private final int tableColumnCount;
    private final double tableRows;
    private final int pushedOperations;

    private ScanSpec(ScanRequest request, List<ScanOutput> outputs, int tableColumnCount, double tableRows, int pushedOperations)
    {
        this.request = requireNonNull(request, "request is null");
        this.outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
        if (tableColumnCount < 1 || tableRows < 0 || pushedOperations < 0) {
            throw new IllegalArgumentException("bad table column count, row estimate or operation count");
        }
        this.tableColumnCount = tableColumnCount;
        this.tableRows = tableRows;
        this.pushedOperations = pushedOperations;
        for (ScanOutput output : outputs) {
            int highest = output instanceof ScanOutput.ExactAverage average
                    ? Math.max(average.sumField(), average.countField())
                    : ((ScanOutput.Direct) output).field();
            if (highest >= request.outputFieldCount()) {
                throw new IllegalArgumentException("output " + output + " refers past the request's " + request.outputFieldCount() + " fields");
            }
        }
    }

    /** Every column of the table, unfiltered. */
    static ScanSpec fullScan(List<ScanOutput> columnOutputs, double tableRows)
    {
        return new ScanSpec(ScanRequest.scanAll(columnOutputs.size()), columnOutputs, columnOutputs.size(), tableRows, 0);
    }

    ScanRequest request()
    {
        return request;
    }

    List<ScanOutput> outputs()
    {
        return outputs;
    }

    boolean isAggregation()
    {
        return request.isAggregation();
    }

    boolean isSortedOrLimited()
    {
        return !request.orderBy().isEmpty() || request.offset() > 0 || request.limit().isPresent();
    }

    /** The table column an output field shows; only for scans that do not aggregate. */
    int tableColumn(int outputField)
    {
        if (isAggregation()) {
            throw new IllegalStateException("an aggregation's outputs are not table columns");
        }
        return request.projection().get(outputField);
    }

    ScanSpec withFilter(ScanPredicate predicate)
    {
        requireNonNull(predicate, "predicate is null");
        if (isAggregation() || isSortedOrLimited()) {
            throw new IllegalStateException("a filter applies before aggregation, sort and limit");
        }
        ScanPredicate filter = request.filter().map(existing -> and(existing, predicate)).orElse(predicate);
        ScanRequest filtered = new ScanRequest(Optional.of(filter), request.projection(), List.of(), List.of(), List.of(), 0, OptionalLong.empty());
        return new ScanSpec(filtered, outputs, tableColumnCount, tableRows, pushedOperations + 1);
    }

    private static ScanPredicate and(ScanPredicate left, ScanPredicate right)
    {
        List<ScanPredicate> terms = new ArrayList<>();
        for (ScanPredicate term : List.of(left, right)) {
            if (term instanceof ScanPredicate.And and) {
                terms.addAll(and.terms());
            }
            else {
                terms.add(term);
            }
        }
        return new ScanPredicate.And(terms);
    }

    /**
     * Keeps only these output fields, in this order. Sort keys must survive: the caller checks
     * {@link #keepsSortKeys(List)}.
     */
    ScanSpec withProjection(List<Integer> outputFields)
    {
        if (isAggregation()) {
            throw new IllegalStateException("an aggregation has no projection");
        }
        if (!keepsSortKeys(outputFields)) {
            throw new IllegalArgumentException("projection " + outputFields + " drops a sort key");
        }
        List<Integer> projection = new ArrayList<>(outputFields.size());
        List<ScanOutput> projectedOutputs = new ArrayList<>(outputFields.size());
        for (int i = 0; i < outputFields.size(); i++) {
            int field = outputFields.get(i);
            projection.add(request.projection().get(field));
            projectedOutputs.add(((ScanOutput.Direct) outputs.get(field)).withField(i));
        }
        List<SortKey> orderBy = new ArrayList<>(request.orderBy().size());
        for (SortKey key : request.orderBy()) {
            orderBy.add(new SortKey(outputFields.indexOf(key.field()), key.descending(), key.nullsFirst()));
        }
        ScanRequest projected = new ScanRequest(request.filter(), projection, List.of(), List.of(), orderBy, request.offset(), request.limit());
        return new ScanSpec(projected, projectedOutputs, tableColumnCount, tableRows, pushedOperations + 1);
    }

    boolean keepsSortKeys(List<Integer> outputFields)
    {
        for (SortKey key : request.orderBy()) {
            if (!outputFields.contains(key.field())) {
                return false;
            }
        }
        return true;
    }

    /** Groups by table columns and computes aggregates; the outputs refer to groupBy fields, then aggregates. */
    ScanSpec withAggregation(List<Integer> groupBy, List<AggregateCall> aggregates, List<ScanOutput> aggregationOutputs)
    {
        if (isAggregation() || isSortedOrLimited()) {
            throw new IllegalStateException("an aggregation applies once, before sort and limit");
        }
        ScanRequest aggregated = new ScanRequest(request.filter(), List.of(), groupBy, aggregates, List.of(), 0, OptionalLong.empty());
        return new ScanSpec(aggregated, aggregationOutputs, tableColumnCount, tableRows, pushedOperations + 1);
    }

    /** Sorts by output fields (only {@link ScanOutput.Direct#sortable()} ones), then skips and limits. */
    ScanSpec withOrder(List<SortKey> keys, long offset, OptionalLong limit)
    {
        if (isSortedOrLimited()) {
            throw new IllegalStateException("already sorted or limited");
        }
        List<SortKey> orderBy = new ArrayList<>(keys.size());
        for (SortKey key : keys) {
            if (!(outputs.get(key.field()) instanceof ScanOutput.Direct direct) || !direct.sortable()) {
                throw new IllegalArgumentException("output field " + key.field() + " cannot be sorted by the executor");
            }
            orderBy.add(new SortKey(direct.field(), key.descending(), key.nullsFirst()));
        }
        ScanRequest ordered = new ScanRequest(request.filter(), request.projection(), request.groupBy(), request.aggregates(), orderBy, offset, limit);
        return new ScanSpec(ordered, outputs, tableColumnCount, tableRows, pushedOperations);
    }

    double estimatedRows()
    {
        double rows = Math.max(0, rowsBeforeLimit() - request.offset());
        if (request.limit().isPresent()) {
            rows = Math.min(rows, request.limit().getAsLong());
        }
        return Math.max(1, rows);
    }

    private double rowsBeforeLimit()
    {
        double rows = tableRows;
        if (request.filter().isPresent()) {
            rows *= FILTER_SELECTIVITY;
        }
        if (isAggregation()) {
            rows = request.groupBy().isEmpty() ? 1 : rows * GROUPS_PER_ROW;
        }
        return rows;
    }

    /**
     * Rows produced, plus the share of the table read (discounted for each filter, projection or aggregation the
     * executor does instead of an operator above), plus sorting: a pushed sort costs less than a sort above the scan,
     * but a sorted scan never looks cheaper than the same scan unsorted.
     */
    double cost()
    {
        BitSet columns = new BitSet();
        request.projection().forEach(columns::set);
        request.groupBy().forEach(columns::set);
        for (AggregateCall aggregate : request.aggregates()) {
            if (aggregate.column() >= 0) {
                columns.set(aggregate.column());
            }
        }
        double readShare = (1.0 + columns.cardinality()) / (1.0 + tableColumnCount);
        double read = Math.max(1, tableRows) * readShare * Math.pow(PUSHED_OPERATION_DISCOUNT, pushedOperations);
        double sort = request.orderBy().isEmpty() ? 0 : SORT_COST_PER_ROW * Math.max(1, rowsBeforeLimit());
        return estimatedRows() + read + sort;
    }

    /** The request in EXPLAIN, with column names; the digest of the scan, so every difference must show. */
    RelWriter explain(RelWriter writer, List<String> columnNames)
    {
        writer.itemIf("filter", request.filter().map(filter -> format(filter, columnNames)).orElse(""), request.filter().isPresent());
        if (isAggregation()) {
            writer.item("groupBy", names(request.groupBy(), columnNames));
            StringJoiner aggregates = new StringJoiner(", ");
            for (AggregateCall aggregate : request.aggregates()) {
                aggregates.add(format(aggregate, columnNames));
            }
            writer.item("aggregates", aggregates.toString());
        }
        else if (request.projection().size() != tableColumnCount || !isIdentity(request.projection())) {
            writer.item("projection", names(request.projection(), columnNames));
        }
        if (!request.orderBy().isEmpty()) {
            StringJoiner keys = new StringJoiner(", ");
            for (SortKey key : request.orderBy()) {
                keys.add("$" + key.field() + (key.descending() ? " DESC" : "") + (key.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"));
            }
            writer.item("orderBy", keys.toString());
        }
        writer.itemIf("offset", request.offset(), request.offset() > 0);
        writer.itemIf("limit", request.limit().orElse(0), request.limit().isPresent());
        if (!isPlain(outputs)) {
            StringJoiner fields = new StringJoiner(", ");
            for (ScanOutput output : outputs) {
                if (output instanceof ScanOutput.ExactAverage average) {
                    fields.add("$" + average.sumField() + " / $" + average.countField() + " (scale " + average.scale() + ")");
                }
                else {
                    ScanOutput.Direct direct = (ScanOutput.Direct) output;
                    fields.add("$" + direct.field() + direct.nullReplacement().map(value -> " ?? " + value).orElse(""));
                }
            }
            writer.item("outputs", fields.toString());
        }
        return writer;
    }

    private static boolean isIdentity(List<Integer> fields)
    {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlain(List<ScanOutput> outputs)
    {
        for (int i = 0; i < outputs.size(); i++) {
            if (!(outputs.get(i) instanceof ScanOutput.Direct direct) || direct.field() != i || direct.nullReplacement().isPresent()) {
                return false;
            }
        }
        return true;
    }

    private static String names(List<Integer> columns, List<String> columnNames)
    {
        StringJoiner names = new StringJoiner(", ");
        for (int column : columns) {
            names.add(columnNames.get(column));
        }
        return names.toString();
    }

    private static String format(AggregateCall aggregate, List<String> columnNames)
    {
        if (aggregate.column() < 0) {
            return aggregate.kind() + "(*)";
        }
        return aggregate.kind() + "(" + (aggregate.distinct() ? "DISTINCT " : "") + columnNames.get(aggregate.column()) + ")";
    }

    static String format(ScanPredicate predicate, List<String> columnNames)
    {
        if (predicate instanceof ScanPredicate.Compare compare) {
            return symbol(compare.operator()) + "(" + columnNames.get(compare.column()) + ", " + literal(compare.value()) + ")";
        }
        if (predicate instanceof ScanPredicate.InList in) {
            return (in.negated() ? "NOT IN(" : "IN(") + columnNames.get(in.column()) + ", " + literals(in.values()) + ")";
        }
        if (predicate instanceof ScanPredicate.IsNull isNull) {
            return (isNull.negated() ? "IS NOT NULL(" : "IS NULL(") + columnNames.get(isNull.column()) + ")";
        }
        if (predicate instanceof ScanPredicate.Like like) {
            return (like.negated() ? "NOT LIKE(" : "LIKE(") + columnNames.get(like.column()) + ", " + literal(like.pattern()) + ")";
        }
        if (predicate instanceof ScanPredicate.And and) {
            return "AND" + terms(and.terms(), columnNames);
        }
        if (predicate instanceof ScanPredicate.Or or) {
            return "OR" + terms(or.terms(), columnNames);
        }
        return "NOT(" + format(((ScanPredicate.Not) predicate).term(), columnNames) + ")";
    }

    private static String terms(List<ScanPredicate> terms, List<String> columnNames)
    {
        StringJoiner joined = new StringJoiner(", ", "(", ")");
        for (ScanPredicate term : terms) {
            joined.add(format(term, columnNames));
        }
        return joined.toString();
    }

    private static String literals(List<Object> values)
    {
        StringJoiner joined = new StringJoiner(", ");
        for (Object value : values) {
            joined.add(literal(value));
        }
        return joined.toString();
    }

    private static String literal(Object value)
    {
        return value instanceof String text ? "'" + text.replace("'", "''") + "'" : value.toString();
    }

    private static String symbol(ScanPredicate.Operator operator)
    {
        return switch (operator) {
            case EQUAL -> "=";
            case NOT_EQUAL -> "<>";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "<=";
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> ">=";
        };
    }
}
