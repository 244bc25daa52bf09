package io.sluice.sql.ast;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The nodes check their own invariants, so code that builds them outside the parser gets clear errors too. */
class TestAstValidation
{
    private static final SqlParserPos POS = SqlParserPos.ZERO;

    @Test
    void columnDefinition()
    {
        assertThatThrownBy(() -> column("INTEGER", null, null)).hasMessageContaining("unknown type name: INTEGER");
        assertThatThrownBy(() -> column("INT", 11, null)).hasMessageContaining("not valid for INT");
        assertThatThrownBy(() -> column("VARCHAR", 10, 2)).hasMessageContaining("scale");
        assertThat(column("DECIMAL", 10, 2).scale()).isEqualTo(2);
        assertThatThrownBy(() -> new SqlColumnDefinition(POS, "c", "INT", null, null, null, "AVG", null, false, null))
                .hasMessageContaining("unknown aggregate function: AVG");
    }

    @Test
    void createTable()
    {
        List<SqlColumnDefinition> columns = List.of(column("INT", null, null));
        assertThatThrownBy(() -> table(columns, KeysType.DUPLICATE, List.of(), DistributionKind.NONE, List.of(), null))
                .hasMessageContaining("key columns");
        assertThatThrownBy(() -> table(columns, null, List.of(), DistributionKind.HASH, List.of(), null))
                .hasMessageContaining("distribution columns");
        assertThatThrownBy(() -> table(columns, null, List.of(), DistributionKind.NONE, List.of(), 3))
                .hasMessageContaining("BUCKETS");
        assertThatThrownBy(() -> table(List.of(column("INT", null, null), column("BIGINT", null, null)),
                null, List.of(), DistributionKind.NONE, List.of(), null))
                .hasMessageContaining("Duplicate column name 'c'");
        assertThat(table(columns, KeysType.PRIMARY, List.of("c"), DistributionKind.HASH, List.of("c"), 1).buckets()).isEqualTo(1);
    }

    @Test
    void alterTable()
    {
        SqlIdentifier name = new SqlIdentifier("t", POS);
        assertThatThrownBy(() -> new SqlAlterTable(POS, name, List.of())).hasMessageContaining("at least one clause");
        assertThatThrownBy(() -> new SqlAddColumns(POS, List.of(), ColumnPosition.first())).hasMessageContaining("at least one column");
        assertThatThrownBy(() -> new SqlAddColumns(POS, List.of(column("INT", null, null), namedColumn("d")), ColumnPosition.first()))
                .hasMessageContaining("single added column");
        assertThatThrownBy(() -> new SqlAddColumns(POS, List.of(column("INT", null, null), namedColumn("C")), ColumnPosition.defaultPosition()))
                .hasMessageContaining("Duplicate column name 'C'");
        assertThatThrownBy(() -> new SqlDropColumn(POS, "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ColumnPosition.after("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new SqlModifyColumn(POS, null, ColumnPosition.first())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SqlTruncateTable(POS, new SqlIdentifier(List.of("a", "b", "c"), POS))).hasMessageContaining("table name");

        SqlAlterTable alter = new SqlAlterTable(POS, name, List.of(new SqlDropColumn(POS, "c")));
        // Clauses are values: where they were written does not matter.
        assertThat(alter.clauses()).containsExactly(new SqlDropColumn(new SqlParserPos(5, 7), "c"));
        assertThat(ColumnPosition.after("x")).isEqualTo(ColumnPosition.after("x")).isNotEqualTo(ColumnPosition.after("y"));
        assertThat(column("INT", null, null)).isEqualTo(column("INT", null, null)).isNotEqualTo(column("BIGINT", null, null));
    }

    @Test
    void names()
    {
        SqlIdentifier threeParts = new SqlIdentifier(List.of("a", "b", "c"), POS);
        assertThatThrownBy(() -> new SqlShowCreateTable(POS, threeParts)).hasMessageContaining("table name");
        assertThatThrownBy(() -> new SqlUseDatabase(POS, new SqlIdentifier(List.of("a", "b"), POS)))
                .hasMessageContaining("simple name");
        assertThatThrownBy(() -> new SqlStopRoutineLoad(POS, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void loadProperties()
    {
        SqlLoadProperties.Builder builder = SqlLoadProperties.builder().columnSeparator(",");
        assertThatThrownBy(() -> builder.columnSeparator(";")).hasMessage("repeat setting of column separator");
        assertThatThrownBy(() -> builder.columns(List.of())).hasMessageContaining("at least one column");
        assertThat(builder.build().columnSeparator()).isEqualTo(",");
        assertThat(SqlLoadProperties.empty().isEmpty()).isTrue();
    }

    @Test
    void variableAssignment()
    {
        SqlVariableAssignment assignment = new SqlVariableAssignment(VariableScope.GLOBAL, "Time_Zone",
                SqlIdentifier.star(POS));
        assertThat(assignment.name()).isEqualTo("time_zone");
        assertThatThrownBy(() -> new SqlVariableAssignment(VariableScope.SESSION, "", SqlIdentifier.star(POS)))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new SqlSetVariables(POS, List.of())).hasMessageContaining("at least one");
    }

    private static SqlColumnDefinition namedColumn(String name)
    {
        return new SqlColumnDefinition(POS, name, "INT", null, null, null, null, null, false, null);
    }

    private static SqlColumnDefinition column(String type, Integer length, Integer scale)
    {
        return new SqlColumnDefinition(POS, "c", type, length, scale, null, null, null, false, null);
    }

    private static SqlCreateTable table(
            List<SqlColumnDefinition> columns,
            KeysType keysType,
            List<String> keyColumns,
            DistributionKind distributionKind,
            List<String> distributionColumns,
            Integer buckets)
    {
        return new SqlCreateTable(POS, new SqlIdentifier("t", POS), false, columns, keysType, keyColumns, null, null,
                distributionKind, distributionColumns, buckets, List.of(), Map.of());
    }
}
