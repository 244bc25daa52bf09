package io.sluice.sql.parser;

import io.sluice.sql.ast.DistributionKind;
import io.sluice.sql.ast.KeysType;
import io.sluice.sql.ast.SqlColumnDefinition;
import io.sluice.sql.ast.SqlCreateDatabase;
import io.sluice.sql.ast.SqlCreateTable;
import io.sluice.sql.ast.SqlDescribeTable;
import io.sluice.sql.ast.SqlDropDatabase;
import io.sluice.sql.ast.SqlDropTable;
import io.sluice.sql.ast.SqlUseDatabase;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.sluice.sql.parser.ParserAssertions.assertRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.parse;
import static io.sluice.sql.parser.ParserAssertions.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class TestTableStatements
{
    @ParameterizedTest
    @CsvSource({
            "DUPLICATE, DUPLICATE",
            "AGGREGATE, AGGREGATE",
            "UNIQUE, UNIQUE",
            "PRIMARY, PRIMARY",
            "duplicate, DUPLICATE",
    })
    void keyKinds(String written, KeysType expected)
    {
        SqlCreateTable table = parse("CREATE TABLE t (k1 INT NOT NULL, k2 VARCHAR(8), v BIGINT) " + written + " KEY (k1, k2)",
                SqlCreateTable.class);
        assertThat(table.keysType()).isEqualTo(expected);
        assertThat(table.keyColumns()).containsExactly("k1", "k2");
        assertThat(table.distributionKind()).isEqualTo(DistributionKind.NONE);
        assertThat(table.distributionColumns()).isEmpty();
        assertRoundTrip(table);
    }

    @Test
    void noKeyClause()
    {
        SqlCreateTable table = parse("create table t (a int)", SqlCreateTable.class);
        assertThat(table.keysType()).isNull();
        assertThat(table.keyColumns()).isEmpty();
        assertThat(table.properties()).isEmpty();
        assertThat(table.columns().get(0).nullable()).isNull();
    }

    @Test
    void everyClause()
    {
        SqlCreateTable table = parse("""
                CREATE TABLE IF NOT EXISTS shop.orders (
                  id BIGINT(20) NOT NULL AUTO_INCREMENT COMMENT 'order id',
                  `status` VARCHAR(16) NOT NULL DEFAULT "new",
                  amount DECIMAL(10, 2) DEFAULT '0.00',
                  created DATETIME DEFAULT CURRENT_TIMESTAMP
                ) ENGINE = OLAP
                DUPLICATE KEY (id)
                COMMENT "orders of the shop"
                DISTRIBUTED BY RANDOM BUCKETS 8
                ORDER BY (id, created)
                PROPERTIES ("replication_num" = "1", 'compression' = 'LZ4')
                """, SqlCreateTable.class);

        assertThat(table.databaseName()).isEqualTo("shop");
        assertThat(table.tableName()).isEqualTo("orders");
        assertThat(table.ifNotExists()).isTrue();
        assertThat(table.engine()).isEqualTo("OLAP");
        assertThat(table.comment()).isEqualTo("orders of the shop");
        assertThat(table.distributionKind()).isEqualTo(DistributionKind.RANDOM);
        assertThat(table.distributionColumns()).isEmpty();
        assertThat(table.buckets()).isEqualTo(8);
        assertThat(table.orderByColumns()).containsExactly("id", "created");
        assertThat(table.properties()).containsExactly(entry("replication_num", "1"), entry("compression", "LZ4"));

        SqlColumnDefinition id = table.columns().get(0);
        assertThat(id.typeName()).isEqualTo("BIGINT");
        assertThat(id.length()).isNull();
        assertThat(id.nullable()).isFalse();
        assertThat(id.autoIncrement()).isTrue();
        assertThat(id.comment()).isEqualTo("order id");
        assertThat(id.defaultValue()).isNull();

        SqlColumnDefinition status = table.columns().get(1);
        assertThat(status.name()).isEqualTo("status");
        assertThat(status.defaultValue()).isEqualTo("new");

        SqlColumnDefinition amount = table.columns().get(2);
        assertThat(amount.typeName()).isEqualTo("DECIMAL");
        assertThat(amount.length()).isEqualTo(10);
        assertThat(amount.scale()).isEqualTo(2);
        assertThat(amount.defaultValue()).isEqualTo("0.00");

        SqlColumnDefinition created = table.columns().get(3);
        assertThat(created.typeName()).isEqualTo("DATETIME");
        assertThat(created.defaultValue()).isEqualTo(SqlColumnDefinition.CURRENT_TIMESTAMP);

        assertRoundTrip(table);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "BOOLEAN | BOOLEAN | |",
            "bool | BOOLEAN | |",
            "TINYINT | TINYINT | |",
            "tinyint(4) | TINYINT | |",
            "SMALLINT | SMALLINT | |",
            "INT | INT | |",
            "int(11) | INT | |",
            "INTEGER | INT | |",
            "mediumint(9) | INT | |",
            "BIGINT | BIGINT | |",
            "bigint(20) | BIGINT | |",
            "LARGEINT | LARGEINT | |",
            "FLOAT | FLOAT | |",
            "DOUBLE | DOUBLE | |",
            "DECIMAL | DECIMAL | |",
            "decimal(27, 9) | DECIMAL | 27 | 9",
            "DECIMALV3(10,2) | DECIMAL | 10 | 2",
            "decimal64(18) | DECIMAL | 18 |",
            "CHAR | CHAR | |",
            "char(10) | CHAR | 10 |",
            "VARCHAR(65533) | VARCHAR | 65533 |",
            "STRING | STRING | |",
            "text | STRING | |",
            "DATE | DATE | |",
            "DATETIME | DATETIME | |",
            "timestamp | DATETIME | |",
            "JSON | JSON | |",
    })
    void columnTypes(String written, String typeName, Integer length, Integer scale)
    {
        SqlColumnDefinition column = parse("CREATE TABLE t (c " + written + ")", SqlCreateTable.class).columns().get(0);
        assertThat(column.typeName()).isEqualTo(typeName);
        assertThat(column.length()).isEqualTo(length);
        assertThat(column.scale()).isEqualTo(scale);
    }

    /** SHOW CREATE TABLE prints unparse(): it must re-create the same table, clause for clause. */
    @Test
    void unparsedCreateTableRecreatesTheSameTable()
    {
        SqlCreateTable table = parse("""
                create table if not exists `shop`.`all types` (
                  k1 bigint(20) not null comment 'key',
                  `select` int(11) null default '7',
                  b boolean default true,
                  t tinyint(4), s smallint, i integer default -1, l largeint,
                  f float, d double default 1.5e0,
                  d1 decimal, d2 decimal(10), d3 decimal(27, 9) default "0.000000001", d4 decimalv3(10, 2),
                  c char(3), v varchar(65533) default '', st string comment 'It''s a "string"\\twith\\\\escapes',
                  dt date default '2024-01-05', ts datetime default current_timestamp, j json,
                  agg bigint sum default '0'
                ) engine = olap
                aggregate key (k1, `select`, b, t, s, i, l, f, d, d1, d2, d3, d4, c, v, st, dt, ts, j)
                comment = 'every type'
                distributed by hash(k1) buckets 16
                order by (k1)
                properties ("replication_num" = "1", "b" = "2", "a" = "3")
                """, SqlCreateTable.class);
        String sql = assertRoundTrip(table);
        assertThat(sql).contains("`all types`", "ENGINE = OLAP", "COMMENT 'every type'", "DISTRIBUTED BY HASH (`k1`) BUCKETS 16",
                "DEFAULT CURRENT_TIMESTAMP", "`d2` DECIMAL(10)", "`d4` DECIMAL(10, 2)", "`agg` BIGINT SUM DEFAULT '0'");
        SqlColumnDefinition string = table.columns().get(15);
        assertThat(string.comment()).isEqualTo("It's a \"string\"\twith\\escapes");

        SqlCreateTable random = parse("CREATE TABLE t (a INT COMMENT 'x', b STRING NOT NULL) DUPLICATE KEY (a) DISTRIBUTED BY RANDOM",
                SqlCreateTable.class);
        assertThat(random.buckets()).isNull();
        assertRoundTrip(random);
        assertRoundTrip(parse("CREATE TABLE t (a INT) PRIMARY KEY (a) DISTRIBUTED BY HASH (a)", SqlCreateTable.class));
    }

    @Test
    void createTableEqualitySeesEveryClause()
    {
        String base = "CREATE TABLE t (a INT NOT NULL, b STRING) DUPLICATE KEY (a) COMMENT 'c' DISTRIBUTED BY HASH (a) BUCKETS 2 "
                + "PROPERTIES ('x' = '1', 'y' = '2')";
        SqlCreateTable table = parse(base, SqlCreateTable.class);
        assertThat(table.equalsDeep(parse(base, SqlCreateTable.class), Litmus.IGNORE)).isTrue();
        for (String changed : new String[] {
                base.replace("a INT NOT NULL", "a INT NULL"),
                base.replace("b STRING", "b STRING COMMENT 'b'"),
                base.replace("COMMENT 'c'", "COMMENT 'd'"),
                base.replace("BUCKETS 2", "BUCKETS 3"),
                base.replace("DUPLICATE", "UNIQUE"),
                base.replace("('x' = '1', 'y' = '2')", "('y' = '2', 'x' = '1')"),
                base.replace("TABLE t", "TABLE d.t"),
        }) {
            assertThat(table.equalsDeep(parse(changed, SqlCreateTable.class), Litmus.IGNORE)).as(changed).isFalse();
        }
    }

    @Test
    void aggregateFunctions()
    {
        SqlCreateTable table = parse("""
                CREATE TABLE t (
                  k INT,
                  a BIGINT SUM, b INT MAX NOT NULL, c INT MIN DEFAULT "0", d VARCHAR(5) REPLACE,
                  e VARCHAR(5) REPLACE_IF_NOT_NULL NULL, f VARCHAR(5) HLL_UNION, g VARCHAR(5) BITMAP_UNION,
                  h VARCHAR(5) PERCENTILE_UNION
                ) AGGREGATE KEY (k)
                """, SqlCreateTable.class);
        assertThat(table.columns()).extracting(SqlColumnDefinition::aggregateFunction).containsExactly(
                null, "SUM", "MAX", "MIN", "REPLACE", "REPLACE_IF_NOT_NULL", "HLL_UNION", "BITMAP_UNION", "PERCENTILE_UNION");
        assertThat(table.columns().get(2).nullable()).isFalse();
        assertThat(table.columns().get(3).defaultValue()).isEqualTo("0");
        assertRoundTrip(table);
    }

    @Test
    void columnAttributesInMysqlOrder()
    {
        SqlColumnDefinition column = parse("CREATE TABLE t (c INT DEFAULT -1 NOT NULL COMMENT 'x')", SqlCreateTable.class)
                .columns().get(0);
        assertThat(column.defaultValue()).isEqualTo("-1");
        assertThat(column.nullable()).isFalse();
        assertThat(column.comment()).isEqualTo("x");
    }

    @Test
    void defaultNullIsToldApartFromNoDefault()
    {
        SqlCreateTable table = parse("CREATE TABLE t (a INT DEFAULT NULL, b INT NOT NULL DEFAULT NULL, c INT, d VARCHAR(4) DEFAULT 'NULL')",
                SqlCreateTable.class);
        assertThat(table.columns()).extracting(SqlColumnDefinition::nullDefault).containsExactly(true, true, false, false);
        assertThat(table.columns()).extracting(SqlColumnDefinition::defaultValue).containsExactly(null, null, null, "NULL");
        assertThat(table.columns().get(1).nullable()).isFalse();
        assertThat(assertRoundTrip(table)).contains("`a` INT DEFAULT NULL", "`b` INT NOT NULL DEFAULT NULL", "`c` INT,", "`d` VARCHAR(4) DEFAULT 'NULL'");
        assertThat(table.columns().get(0)).isNotEqualTo(parse("CREATE TABLE t (a INT)", SqlCreateTable.class).columns().get(0));
    }

    @Test
    void keywordsAsColumnNames()
    {
        SqlCreateTable table = parse(
                "CREATE TABLE t (timestamp STRING NULL, status STRING, name STRING, comment STRING COMMENT 'c', "
                        + "load INT, properties INT, date DATE, type INT, `key` INT, `value` INT) DUPLICATE KEY (timestamp)",
                SqlCreateTable.class);
        assertThat(table.columns()).extracting(SqlColumnDefinition::name)
                .containsExactly("timestamp", "status", "name", "comment", "load", "properties", "date", "type", "key", "value");
        assertThat(table.columns().get(3).comment()).isEqualTo("c");
        assertThat(table.keyColumns()).containsExactly("timestamp");
    }

    @Test
    void tableErrors()
    {
        assertThat(syntaxError("CREATE TABLE t (a INT, A BIGINT)").detail()).isEqualTo("Duplicate column name 'A'");
        assertThat(syntaxError("CREATE TABLE t (a HYPERLOGLOG)").detail()).isEqualTo("Unknown data type 'HYPERLOGLOG'");
        assertThat(syntaxError("CREATE TABLE t (a INT NULL NOT NULL)").detail()).contains("repeats NULL / NOT NULL");
        assertThat(syntaxError("CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a) BUCKETS 0").detail())
                .isEqualTo("BUCKETS must be a positive number");
        assertThat(syntaxError("CREATE OR REPLACE TABLE t (a INT)").detail()).isEqualTo("CREATE OR REPLACE is not supported");
        assertThat(syntaxError("CREATE TABLE a.b.c (a INT)").detail()).contains("Invalid table name 'a.b.c'");
        SqlSyntaxException partitioned = syntaxError("CREATE TABLE t (d DATE) DUPLICATE KEY (d) PARTITION BY RANGE (d) ()");
        assertThat(partitioned.near()).startsWith("PARTITION BY RANGE");
        assertThat(partitioned.detail()).isEqualTo("PARTITION BY is not supported: tables are not partitioned");
        SqlSyntaxException noColumns = syntaxError("CREATE TABLE t ()");
        assertThat(noColumns.near()).isEqualTo(")");
        assertThat(noColumns.column()).isEqualTo(17);
    }

    @Test
    void dropTable()
    {
        SqlDropTable drop = parse("DROP TABLE IF EXISTS d.t FORCE", SqlDropTable.class);
        assertThat(drop.databaseName()).isEqualTo("d");
        assertThat(drop.tableName()).isEqualTo("t");
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.force()).isTrue();
        assertRoundTrip(drop);

        SqlDropTable plain = parse("drop table t", SqlDropTable.class);
        assertThat(plain.databaseName()).isNull();
        assertThat(plain.ifExists()).isFalse();
        assertThat(plain.force()).isFalse();
    }

    @Test
    void databases()
    {
        SqlCreateDatabase create = parse("CREATE DATABASE IF NOT EXISTS automq_db", SqlCreateDatabase.class);
        assertThat(create.databaseName()).isEqualTo("automq_db");
        assertThat(create.ifNotExists()).isTrue();
        assertRoundTrip(create);
        assertThat(parse("create schema d", SqlCreateDatabase.class).ifNotExists()).isFalse();

        SqlDropDatabase drop = parse("DROP DATABASE IF EXISTS automq_db FORCE", SqlDropDatabase.class);
        assertThat(drop.databaseName()).isEqualTo("automq_db");
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.force()).isTrue();
        assertRoundTrip(drop);
        assertThat(parse("drop schema d", SqlDropDatabase.class).ifExists()).isFalse();

        assertThat(parse("USE `automq_db`", SqlUseDatabase.class).databaseName()).isEqualTo("automq_db");
        assertThat(syntaxError("USE a.b").near()).isEqualTo(".b");
    }

    @Test
    void describe()
    {
        SqlDescribeTable desc = parse("DESC automq_db.users", SqlDescribeTable.class);
        assertThat(desc.databaseName()).isEqualTo("automq_db");
        assertThat(desc.tableName()).isEqualTo("users");
        assertThat(desc.full()).isFalse();
        assertRoundTrip(desc);

        assertThat(parse("DESCRIBE users", SqlDescribeTable.class).tableName()).isEqualTo("users");
        assertThat(parse("describe table users", SqlDescribeTable.class).tableName()).isEqualTo("users");

    }
}
