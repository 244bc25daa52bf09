package io.sluice.sql.parser;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.sluice.sql.parser.ParserAssertions.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** What the mysql CLI, Connector/J and MariaDB Connector/J send, and everyday queries. */
class TestClientQueries
{
    @ParameterizedTest
    @ValueSource(strings = {
            "select 1",
            "select * from users",
            "select count(*) from t where x = \"a\"",
            "SELECT 1 FROM dual",
            "SELECT DATABASE()",
            "SELECT VERSION()",
            "SELECT CONNECTION_ID()",
            "SELECT LAST_INSERT_ID()",
            "SELECT CURRENT_USER()",
            "SELECT USER()",
            "SELECT NOW(), CURRENT_TIMESTAMP",
            "select if(a > 1, 'x', 'y'), ifnull(a, 0), concat(a, b), year(d), date(d) from t",
            "select * from t where a in (1, 2) and b like 'x%' and c between 1 and 2 and d is not null",
            "insert into t (a, b) values (1, 'x'), (2, \"y\")",
            "/* leading */ select /* inline */ 1 -- trailing",
            "select 1 # MySQL comment",
            "# whole line\nselect 1",
    })
    void parsesAsQueries(String sql)
    {
        assertThat(parse(sql, SqlNode.class).getKind()).isIn(SqlKind.SELECT, SqlKind.ORDER_BY, SqlKind.INSERT);
    }

    @Test
    void connectorJVariableQuery()
    {
        SqlSelect select = parse("""
                SELECT @@session.auto_increment_increment AS auto_increment_increment, \
                @@character_set_client AS character_set_client, @@character_set_connection AS character_set_connection, \
                @@wait_timeout AS wait_timeout""", SqlSelect.class);
        List<SqlNode> items = select.getSelectList().getList();
        assertThat(items).hasSize(4);
        SqlCall first = (SqlCall) items.get(0);
        assertThat(first.getKind()).isEqualTo(SqlKind.AS);
        SqlIdentifier variable = (SqlIdentifier) first.operand(0);
        assertThat(variable.names).containsExactly("@@session.auto_increment_increment");
        assertThat(((SqlIdentifier) first.operand(1)).getSimple()).isEqualTo("auto_increment_increment");
        assertThat(((SqlIdentifier) ((SqlCall) items.get(3)).operand(0)).getSimple()).isEqualTo("@@wait_timeout");
    }

    @Test
    void mysqlCliQueries()
    {
        SqlOrderBy versionComment = parse("select @@version_comment limit 1", SqlOrderBy.class);
        assertThat(((SqlIdentifier) ((SqlSelect) versionComment.query).getSelectList().get(0)).getSimple())
                .isEqualTo("@@version_comment");
        assertThat(versionComment.fetch).hasToString("1");

        SqlOrderBy status = parse("select DATABASE(), USER() limit 1", SqlOrderBy.class);
        SqlNodeList items = ((SqlSelect) status.query).getSelectList();
        assertThat(((SqlBasicCall) items.get(0)).getOperator().getName()).isEqualToIgnoringCase("DATABASE");
        assertThat(((SqlBasicCall) items.get(1)).getOperator().getName()).isEqualToIgnoringCase("USER");
    }

    @Test
    void niladicUserFunctions()
    {
        SqlSelect select = parse("SELECT CURRENT_USER(), SESSION_USER(), SYSTEM_USER(), CURRENT_USER", SqlSelect.class);
        SqlNodeList items = select.getSelectList();
        assertThat(((SqlBasicCall) items.get(0)).getOperator().getName()).isEqualTo("CURRENT_USER");
        assertThat(((SqlBasicCall) items.get(1)).getOperator().getName()).isEqualTo("SESSION_USER");
        assertThat(((SqlBasicCall) items.get(2)).getOperator().getName()).isEqualTo("SYSTEM_USER");
        assertThat(items.get(3)).isInstanceOf(SqlIdentifier.class);
    }

    @Test
    void orderByLimit()
    {
        SqlOrderBy query = parse("select * from automq_db.users order by id limit 10", SqlOrderBy.class);
        assertThat(((SqlIdentifier) ((SqlSelect) query.query).getFrom()).names).containsExactly("automq_db", "users");
        assertThat(query.fetch).hasToString("10");
        SqlOrderBy mysqlLimit = parse("select * from t limit 5, 10", SqlOrderBy.class);
        assertThat(mysqlLimit.offset).hasToString("5");
        assertThat(mysqlLimit.fetch).hasToString("10");
    }

    @Test
    void doubleQuotedStringsAreLiterals()
    {
        SqlSelect select = parse("select count(*) from t where x = \"a\"", SqlSelect.class);
        SqlBasicCall where = (SqlBasicCall) select.getWhere();
        SqlNode value = where.operand(1);
        assertThat(value).isInstanceOf(SqlCharStringLiteral.class);
        assertThat(((SqlCharStringLiteral) value).getValueAs(String.class)).isEqualTo("a");
    }

    @Test
    void keywordsAsColumnNames()
    {
        SqlSelect select = parse("select timestamp, status, name, comment, date, load, properties, value, year, month, day, hour, minute, second from t "
                + "where timestamp > '2023' and (status = 'active') and name in (comment, date) and day = 1 and value > 0", SqlSelect.class);
        assertThat(select.getSelectList().getList()).extracting(node -> ((SqlIdentifier) node).getSimple())
                .containsExactly("timestamp", "status", "name", "comment", "date", "load", "properties", "value", "year", "month", "day", "hour", "minute", "second");
        // The words still work as what Calcite made them for.
        parse("select timestamp '2020-01-01 00:00:00', date '2020-01-01', cast(x as timestamp), date_add(d, interval 1 day), "
                + "interval '2' hour, extract(year from d), timestampdiff(second, a, b) from t", SqlSelect.class);
    }

    @ParameterizedTest
    @CsvSource({
            "STRING, VARCHAR",
            "JSON, VARCHAR",
            "DATETIME, TIMESTAMP",
            "LARGEINT, DECIMAL",
            "'BIGINT(20)', BIGINT",
            "'INT(11)', INTEGER",
            "INT, INTEGER",
            "SIGNED, BIGINT",
            "'SIGNED INTEGER', BIGINT",
            "DATE, DATE",
            "'DECIMAL(10, 2)', DECIMAL",
            "'VARCHAR(10)', VARCHAR",
    })
    void castTypes(String written, SqlTypeName expected)
    {
        SqlSelect select = parse("SELECT CAST(x AS " + written + ") FROM t", SqlSelect.class);
        SqlDataTypeSpec type = ((SqlBasicCall) select.getSelectList().get(0)).operand(1);
        assertThat(((SqlBasicTypeNameSpec) type.getTypeNameSpec()).getTypeName().getSimple()).isEqualTo(expected.name());
    }

    @Test
    void largeIntIsDecimal38()
    {
        SqlSelect select = parse("SELECT CAST(x AS LARGEINT) FROM t", SqlSelect.class);
        SqlDataTypeSpec type = ((SqlBasicCall) select.getSelectList().get(0)).operand(1);
        SqlBasicTypeNameSpec spec = (SqlBasicTypeNameSpec) type.getTypeNameSpec();
        assertThat(spec.getPrecision()).isEqualTo(38);
        assertThat(spec.getScale()).isEqualTo(0);
    }
}
