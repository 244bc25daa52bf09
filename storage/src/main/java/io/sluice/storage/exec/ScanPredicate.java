package io.sluice.storage.exec;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A filter the storage executor evaluates on column vectors. Column indexes refer to the table's columns; literal
 * values are in the column's physical representation: {@code Long} for LONG columns (integers, booleans 0/1, DATE as
 * epoch days, DATETIME as epoch microseconds), {@code Double} for DOUBLE, {@code String} for STRING columns.
 * SQL three-valued logic: a comparison with a NULL column value is unknown, and a row passes only when true.
 */
public sealed interface ScanPredicate
        permits ScanPredicate.Compare, ScanPredicate.InList, ScanPredicate.IsNull, ScanPredicate.Like, ScanPredicate.And, ScanPredicate.Or, ScanPredicate.Not
{
    enum Operator
    {
        EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL
    }

    /** {@code column <operator> value}. */
    record Compare(int column, Operator operator, Object value)
            implements ScanPredicate
    {
        public Compare
        {
            requireNonNull(operator, "operator is null");
            requireLiteral(value);
        }
    }

    /** {@code column [NOT] IN (values)}; values are non-null literals. */
    record InList(int column, List<Object> values, boolean negated)
            implements ScanPredicate
    {
        public InList
        {
            values = List.copyOf(values);
            values.forEach(ScanPredicate::requireLiteral);
        }
    }

    /** {@code column IS [NOT] NULL}. */
    record IsNull(int column, boolean negated)
            implements ScanPredicate {}

    /** {@code column [NOT] LIKE pattern} with MySQL's {@code %}, {@code _} and backslash escape; STRING columns only. */
    record Like(int column, String pattern, boolean negated)
            implements ScanPredicate
    {
        public Like
        {
            requireNonNull(pattern, "pattern is null");
        }
    }

    record And(List<ScanPredicate> terms)
            implements ScanPredicate
    {
        public And
        {
            terms = List.copyOf(terms);
            if (terms.size() < 2) {
                throw new IllegalArgumentException("AND needs at least two terms");
            }
        }
    }

    record Or(List<ScanPredicate> terms)
            implements ScanPredicate
    {
        public Or
        {
            terms = List.copyOf(terms);
            if (terms.size() < 2) {
                throw new IllegalArgumentException("OR needs at least two terms");
            }
        }
    }

    record Not(ScanPredicate term)
            implements ScanPredicate
    {
        public Not
        {
            requireNonNull(term, "term is null");
        }
    }

    private static void requireLiteral(Object value)
    {
        if (!(value instanceof Long || value instanceof Double || value instanceof String)) {
            throw new IllegalArgumentException("literal must be a Long, Double or String: " + value);
        }
    }
}
