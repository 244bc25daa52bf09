package io.sluice.sql.parser;

import io.sluice.sql.ast.SqlSetVariables;
import io.sluice.sql.ast.SqlVariableAssignment;
import io.sluice.sql.ast.VariableScope;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.sql.parser.ParserAssertions.assertRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.parse;
import static io.sluice.sql.parser.ParserAssertions.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

class TestSetStatements
{
    @Test
    void connectorJStatements()
    {
        assertNamesUtf8mb4(assignments("SET NAMES utf8mb4"));
        assertSingle("SET autocommit=1", VariableScope.SESSION, "autocommit", "1");
        assertSingle("SET sql_mode='STRICT_TRANS_TABLES'", VariableScope.SESSION, "sql_mode", "STRICT_TRANS_TABLES");
    }

    @Test
    void namesWithCollation()
    {
        List<SqlVariableAssignment> assignments = assignments("SET NAMES 'utf8mb4' COLLATE 'utf8mb4_general_ci'");
        assertThat(assignments).extracting(SqlVariableAssignment::name).containsExactly(
                "character_set_client", "character_set_connection", "character_set_results", "collation_connection");
        assertThat(stringValue(assignments.get(0).value())).isEqualTo("utf8mb4");
        assertThat(stringValue(assignments.get(3).value())).isEqualTo("utf8mb4_general_ci");
        assertThat(assignments).extracting(SqlVariableAssignment::scope).containsOnly(VariableScope.SESSION);

        List<SqlVariableAssignment> unquoted = assignments("set names utf8mb4 collate utf8mb4_unicode_ci");
        assertThat(stringValue(unquoted.get(3).value())).isEqualTo("utf8mb4_unicode_ci");
    }

    @Test
    void mariaDbConnectorStatement()
    {
        List<SqlVariableAssignment> assignments = assignments("set sql_mode=CONCAT(@@sql_mode,',STRICT_TRANS_TABLES'),NAMES utf8mb4");
        assertThat(assignments).hasSize(4);
        SqlVariableAssignment sqlMode = assignments.get(0);
        assertThat(sqlMode.name()).isEqualTo("sql_mode");
        SqlBasicCall concat = (SqlBasicCall) sqlMode.value();
        assertThat(concat.getOperator().getName()).isEqualToIgnoringCase("CONCAT");
        assertThat(((SqlIdentifier) concat.operand(0)).getSimple()).isEqualTo("@@sql_mode");
        assertThat(stringValue(concat.operand(1))).isEqualTo(",STRICT_TRANS_TABLES");
        assertNamesUtf8mb4(assignments.subList(1, 4));
    }

    @Test
    void scopes()
    {
        assertSingle("SET @@session.time_zone = '+00:00'", VariableScope.SESSION, "time_zone", "+00:00");
        assertSingle("SET @@SESSION.Time_Zone = '+00:00'", VariableScope.SESSION, "time_zone", "+00:00");
        assertSingle("SET @@time_zone = 'UTC'", VariableScope.SESSION, "time_zone", "UTC");
        assertSingle("SET @@global.time_zone = 'UTC'", VariableScope.GLOBAL, "time_zone", "UTC");
        assertSingle("SET @@local.time_zone = 'UTC'", VariableScope.SESSION, "time_zone", "UTC");
        assertSingle("SET SESSION wait_timeout = 100", VariableScope.SESSION, "wait_timeout", "100");
        assertSingle("SET LOCAL wait_timeout = 100", VariableScope.SESSION, "wait_timeout", "100");
        assertSingle("SET GLOBAL x = 1", VariableScope.GLOBAL, "x", "1");
        assertSingle("SET @my_var := 'v'", VariableScope.USER, "my_var", "v");
        assertThat(syntaxError("SET GLOBAL @x = 1").detail()).isEqualTo("A user variable cannot be GLOBAL");
    }

    @Test
    void bareWordValues()
    {
        assertThat(((SqlIdentifier) single("SET x = ON").value()).getSimple()).isEqualTo("ON");
        assertThat(((SqlIdentifier) single("SET x = OFF").value()).getSimple()).isEqualTo("OFF");
        assertThat(((SqlIdentifier) single("SET x = DEFAULT").value()).getSimple()).isEqualTo("DEFAULT");
        SqlVariableAssignment nullValue = single("SET character_set_results = NULL");
        assertThat(nullValue.name()).isEqualTo("character_set_results");
        assertThat(SqlUtil.isNullLiteral(nullValue.value(), false)).isTrue();
    }

    @Test
    void keywordsAsVariableNames()
    {
        assertSingle("SET names = 'x'", VariableScope.SESSION, "names", "x");
        assertSingle("SET session = 'x'", VariableScope.SESSION, "session", "x");
    }

    @Test
    void transactions()
    {
        assertSingle("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
                VariableScope.SESSION, "transaction_isolation", "READ-COMMITTED");
        assertSingle("SET GLOBAL TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                VariableScope.GLOBAL, "transaction_isolation", "SERIALIZABLE");
        assertSingle("set transaction isolation level repeatable read",
                VariableScope.SESSION, "transaction_isolation", "REPEATABLE-READ");
        assertSingle("SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED",
                VariableScope.SESSION, "transaction_isolation", "READ-UNCOMMITTED");

        List<SqlVariableAssignment> both = assignments("SET SESSION TRANSACTION READ ONLY, ISOLATION LEVEL READ COMMITTED");
        assertThat(both).extracting(SqlVariableAssignment::name).containsExactly("transaction_read_only", "transaction_isolation");
        assertThat(SqlLiteral.value(both.get(0).value())).hasToString("1");
        assertThat(SqlLiteral.value(single("SET TRANSACTION READ WRITE").value())).hasToString("0");
    }

    @Test
    void roundTrip()
    {
        assertRoundTrip(parse("SET @@session.time_zone = '+00:00', @x = 1, GLOBAL y = 'z'", SqlSetVariables.class));
    }

    private static void assertNamesUtf8mb4(List<SqlVariableAssignment> assignments)
    {
        assertThat(assignments).extracting(SqlVariableAssignment::name)
                .containsExactly("character_set_client", "character_set_connection", "character_set_results");
        assertThat(assignments).extracting(SqlVariableAssignment::scope).containsOnly(VariableScope.SESSION);
        for (SqlVariableAssignment assignment : assignments) {
            assertThat(stringValue(assignment.value())).isEqualTo("utf8mb4");
        }
    }

    private static void assertSingle(String sql, VariableScope scope, String name, String value)
    {
        SqlVariableAssignment assignment = single(sql);
        assertThat(assignment.scope()).isEqualTo(scope);
        assertThat(assignment.name()).isEqualTo(name);
        assertThat(stringValue(assignment.value())).isEqualTo(value);
    }

    private static SqlVariableAssignment single(String sql)
    {
        List<SqlVariableAssignment> assignments = assignments(sql);
        assertThat(assignments).hasSize(1);
        return assignments.get(0);
    }

    private static List<SqlVariableAssignment> assignments(String sql)
    {
        return parse(sql, SqlSetVariables.class).assignments();
    }

    private static String stringValue(SqlNode node)
    {
        return ((SqlLiteral) node).toValue();
    }
}
