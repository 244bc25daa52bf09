package io.sluice.sql.function;

/**
 * A compiled expression evaluated once per row over the row's input values (Long, Double, BigDecimal, String,
 * Boolean or null, in the order of the input names it was compiled with).
 */
public interface ScalarExpression
{
    Object evaluate(Object[] inputs);
}
