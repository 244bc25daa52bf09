package io.sluice.sql.parser;

import io.sluice.sql.ast.SqlCreateRoutineLoad;
import io.sluice.sql.parser.impl.SluiceSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CharLiteralStyle;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestParserConfig
{
    @Test
    void configuration()
    {
        SqlParser.Config config = SluiceSqlParser.parserConfig();
        assertThat(config.parserFactory()).isSameAs(SluiceSqlParserImpl.FACTORY);
        assertThat(config.quoting()).isEqualTo(Quoting.BACK_TICK_BACKSLASH);
        assertThat(config.charLiteralStyles()).containsExactlyInAnyOrder(CharLiteralStyle.BQ_SINGLE, CharLiteralStyle.BQ_DOUBLE);
        assertThat(config.unquotedCasing()).isEqualTo(Casing.UNCHANGED);
        assertThat(config.quotedCasing()).isEqualTo(Casing.UNCHANGED);
        assertThat(config.caseSensitive()).isFalse();
        assertThat(config.conformance()).isEqualTo(SqlConformanceEnum.MYSQL_5);
        assertThat(config.identifierMaxLength()).isGreaterThanOrEqualTo(1024);
    }

    /** The server hands this config to Calcite's own parser entry points (planner, JDBC); they must read our SQL. */
    @Test
    void calciteEntryPointsReadOurGrammar()
            throws SqlParseException
    {
        SqlNode node = SqlParser.create(
                "CREATE ROUTINE LOAD j ON t COLUMNS (a, b = a + 1) FROM KAFKA (\"kafka_topic\" = \"x\\ty\")",
                SluiceSqlParser.parserConfig()).parseStmt();
        assertThat(node).isInstanceOf(SqlCreateRoutineLoad.class);
        assertThat(((SqlCreateRoutineLoad) node).dataSourceProperties()).containsEntry("kafka_topic", "x\ty");

        SqlNode query = SqlParser.create("select `Name` from t where x = \"a\" # comment", SluiceSqlParser.parserConfig())
                .parseQuery();
        assertThat(query.toString()).contains("`Name`").contains("'a'");
    }
}
