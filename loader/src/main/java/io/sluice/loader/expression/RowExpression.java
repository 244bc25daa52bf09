package io.sluice.loader.expression;

/**
 * A compiled load-time expression (a COLUMNS mapping or the WHERE filter) evaluated once per row.
 * Inputs are the row's named values in the order given to the compiler: Long, Double, BigDecimal, String, Boolean
 * or null.
 */
public interface RowExpression
{
    Object evaluate(Object[] inputs);

    /**
     * Whether the value is true as a filter condition. The default takes TRUE and non-zero numbers; a compiler
     * that knows SQL's full rules (text read as a number, as in MySQL) overrides it.
     */
    default boolean isTrue(Object[] inputs)
    {
        Object value = evaluate(inputs);
        if (value instanceof Boolean bool) {
            return bool;
        }
        return value instanceof Number number && number.doubleValue() != 0;
    }
}
