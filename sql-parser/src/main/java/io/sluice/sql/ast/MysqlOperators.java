package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/** MySQL operators that Calcite's grammar lacks; the parser creates calls to them. */
public final class MysqlOperators
{
    /**
     * {@code a DIV b}: integer division, truncating toward zero; NULL when b is 0. Same precedence as {@code *} and
     * {@code /}. The function library evaluates it (Calcite has no implementation of its own).
     */
    public static final SqlBinaryOperator DIV = new SqlBinaryOperator(
            "DIV",
            SqlKind.OTHER,
            60,
            true,
            ReturnTypes.BIGINT_FORCE_NULLABLE,
            InferTypes.FIRST_KNOWN,
            OperandTypes.NUMERIC_NUMERIC);

    private MysqlOperators() {}
}
