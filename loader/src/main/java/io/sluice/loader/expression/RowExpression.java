package io.sluice.loader.expression;

/**
 * A compiled load-time expression (a COLUMNS mapping or the WHERE filter) evaluated once per row.
 * Inputs are the row's named values in the order given to the compiler: Long, Double, String, Boolean or null.
 */
public interface RowExpression
{
    Object evaluate(Object[] inputs);
}
