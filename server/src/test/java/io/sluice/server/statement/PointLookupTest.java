package io.sluice.server.statement;

import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.server.calcite.CalciteQueryEngine;
import io.sluice.server.calcite.QueryResult;
import io.sluice.server.expression.LoadExpressionCompiler;
import io.sluice.server.mysql.ConnectionInfo;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.server.mysql.MysqlRowSource;
import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.storage.Storage;
import io.sluice.storage.error.SluiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The primary-index shortcuts (from the SQL text before any parse, and from the parse tree) answer exactly what the
 * planner would, columns and rows, and only for the shapes they understand; everything else, errors included, is the
 * planner's.
 */
class PointLookupTest
{
    @TempDir
    Path directory;

    private Storage storage;
    private CalciteQueryEngine engine;

    @BeforeEach
    void setUp()
    {
        storage = Storage.open(directory);
        storage.createDatabase("shop", false);
        storage.createDatabase("other", false);
        WriteStatementsFixture.run(storage, "shop", List.of(
                "create table items (id bigint not null, name varchar(20), price double, added date, seen datetime, amount decimal(10, 2), "
                        + "flag boolean, big largeint, note string, doc json) primary key(id) distributed by hash(id) buckets 3",
                "insert into items values (1, 'pen', 1.5, '2024-01-02', '2024-01-02 03:04:05', 12.30, true, 170141183460469231731687303715884105727, "
                        + "'día ☃', '{\"a\": 1}'), (2, null, null, null, null, null, null, null, null, null), "
                        + "(3, 'ink', 875, '1999-12-31', '1999-12-31 23:59:59', -0.05, false, -5, '', '[]'), "
                        + "(-9223372036854775808, 'min', -1e300, '0001-01-01', '1970-01-01 00:00:00', 0, false, 0, 'x', 'null'), "
                        + "(9223372036854775807, 'max', 2.5e-7, '9999-12-31', '9999-12-31 23:59:59', 99999999.99, true, 1, 'y', '1')",
                "create table codes (code varchar(8) not null, label string) unique key(code)",
                "insert into codes values ('a', 'first'), ('b', 'second'), ('', 'empty'), ('A', 'upper'), ('día', 'accent')",
                "create table letters (letter char(4) not null, label string not null) primary key(letter)",
                "insert into letters values ('ab', 'two'), ('abcd', 'four')",
                "create table tiny (k tinyint not null, v int) primary key(k)",
                "insert into tiny values (-128, 1), (0, 2), (127, 3)",
                "create table small (k smallint not null, v smallint) unique key(k)",
                "insert into small values (-32768, 1), (32767, null)",
                "create table ints (k int not null, v bigint not null) primary key(k)",
                "insert into ints values (-2147483648, 1), (2147483647, 2)",
                "create table totals (k int not null, total bigint sum, most int max) aggregate key(k)",
                "insert into totals values (1, 10, 3), (1, 5, 7)",
                "create table events (id bigint, kind string) duplicate key(id)",
                "insert into events values (1, 'x')",
                "create table floats (id bigint not null, ratio float) primary key(id)",
                "insert into floats values (1, 0.1)",
                "create table pair (a int not null, b int not null, v string) primary key(a, b)",
                "insert into pair values (1, 2, 'x')",
                "create table oddly (`current_date` bigint not null, `value` string, `sysdate` int, `Mixed` string) primary key(`current_date`)",
                "insert into oddly values (1, 'v', 2, 'm')"));
        WriteStatementsFixture.run(storage, "other", List.of(
                "create table items (id bigint not null, name varchar(20)) primary key(id)",
                "insert into items values (1, 'elsewhere')"));
        engine = new CalciteQueryEngine(storage);
    }

    @AfterEach
    void tearDown()
    {
        engine.close();
        storage.close();
    }

    @Test
    void answersLikeThePlanner()
    {
        for (String sql : List.of(
                "select * from items where id = 1",
                "select * from items where id = 2",
                "select * from items where 3 = id",
                "select * from items where id = -9223372036854775808",
                "select * from items where id = 9223372036854775807",
                "select name, price, id from items where id = 3",
                "select NAME, `Price`, ID from ITEMS where Id = 3",
                "select * from items where id = 99",
                "select * from items where id = -1",
                "select * from items where id = 0001",
                "select label from codes where code = 'b'",
                "select label from codes where code = \"b\"",
                "select * from codes where code = ''",
                "select * from codes where code = 'A'",
                "select * from codes where code = 'día'",
                "select * from codes where code = 'zz'",
                "select * from shop.codes where code = 'zz'",
                "select * from other.items where id = 1",
                "select * from `other`.`items` where `id` = 1",
                "select * from letters where letter = 'ab'",
                "select * from letters where letter = 'abcd'",
                "select * from letters where letter = 'abc'",
                "select * from letters where letter = 'ab  '",
                "select * from codes where code = 'a '",
                "select * from codes where code = 'a'",
                "select * from tiny where k = -128",
                "select * from tiny where k = 127",
                "select * from small where k = -32768",
                "select v from small where k = 32767",
                "select * from ints where k = -2147483648",
                "select * from ints where k = 2147483647",
                "select * from totals where k = 1",
                "select `current_date`, `value`, `sysdate`, mixed from oddly where `current_date` = 1",
                "select * from oddly where `current_date` = 1",
                // spacing, comments, case and trailers as clients send them
                "SELECT * FROM items WHERE id = 1;",
                "  select\n*\tfrom items\r\nwhere id=1  ",
                "/* app=web */ select * from items where id = 1 -- trailing",
                "select * from items where id = 1 # trailing",
                "select * from items where id = 1 limit 1",
                "select * from items where id = 1 LIMIT 5;")) {
            assertThat(shortcut(sql)).as(sql).isPresent();
            assertSameAnswers(sql, shortcut(sql).get());
            assertSameAnswers(sql, treeShortcut(sql));
        }
    }

    @Test
    void leavesOtherShapesToThePlanner()
            throws Exception
    {
        for (String sql : List.of(
                "select * from items where id > 1",
                "select * from items where id = 1 order by id",
                "select * from items where id = 1 limit 0",
                "select count(*) from items where id = 1",
                "select * from items where name = 'pen'",
                "select * from events where id = 1",
                "select * from pair where a = 1",
                "select * from floats where id = 1",
                "select ratio from floats where id = 1",
                "select id, id from items where id = 1",
                "select id, ID from items where id = 1",
                "select `current_date` from oddly where current_date = 1",
                "select current_date from oddly where `current_date` = 1",
                "select * from nowhere where id = 1",
                "select * from nowhere.items where id = 1",
                "select * from SHOP.items where id = 1")) {
            assertThat(shortcut(sql)).as(sql).isEmpty();
            assertThat(PointLookup.tryAnswer(SluiceSqlParser.parse(sql), storage, "shop")).as(sql).isEmpty();
        }
    }

    @Test
    void leavesLiteralsThatNeedConversionToThePlanner()
            throws Exception
    {
        for (String sql : List.of(
                "select * from items where id = 1.5",
                "select * from items where id = 1.0",
                "select * from items where id = '1'",
                "select * from items where id = 9223372036854775808",
                "select * from tiny where k = 128",
                "select * from tiny where k = -129",
                "select * from small where k = 32768",
                "select * from ints where k = 2147483648",
                "select * from codes where code = 1")) {
            assertThat(shortcut(sql)).as(sql).isEmpty();
            assertThat(PointLookup.tryAnswer(SluiceSqlParser.parse(sql), storage, "shop")).as(sql).isEmpty();
        }
    }

    @Test
    void answersFromTheParseTreeWhatTheRecognizerLeaves()
    {
        for (String sql : List.of(
                "select * from items where id = - 1",
                "select * from items where id = - 3",
                "select * from items where id = /*! 9 */ 3",
                "select * from items where id = 3 // comment")) {
            assertThat(shortcut(sql)).as(sql).isEmpty();
            assertSameAnswers(sql, treeShortcut(sql));
        }
    }

    @Test
    void unknownNamesGetThePlannersErrors()
    {
        SluiceSession session = new SluiceSession(storage, new RoutineLoadManager(storage, new LoadExpressionCompiler()),
                new ConnectionInfo(1, "root", "127.0.0.1", "shop", 0));
        try {
            for (String sql : List.of(
                    "select nope from items where id = 1",
                    "select * from items where nope = 1",
                    "select * from missing where id = 1",
                    "select * from missing.items where id = 1")) {
                assertThat(shortcut(sql)).as(sql).isEmpty();
                MysqlResponse response = session.query(sql);
                assertThat(response).as(sql).isInstanceOf(MysqlResponse.Error.class);
                assertThatThrownBy(() -> engine.execute(sql, "shop"))
                        .as(sql)
                        .isInstanceOfSatisfying(SluiceException.class, e -> {
                            MysqlResponse.Error error = (MysqlResponse.Error) response;
                            assertThat(error.code()).isEqualTo(e.errorCode().mysqlCode());
                            assertThat(error.message()).isEqualTo(e.getMessage());
                        });
            }
        }
        finally {
            session.close();
        }
    }

    @Test
    void followsSchemaChangesAndDrops()
    {
        PointSelectShortcut shortcut = new PointSelectShortcut(storage);
        String sql = "select * from items where id = 1";
        assertThat(((MysqlResponse.ResultSet) shortcut.tryAnswer(sql, "other").orElseThrow()).columns()).hasSize(2);

        WriteStatementsFixture.run(storage, "other", List.of("alter table items add column extra int default '7'"));
        MysqlResponse.ResultSet altered = (MysqlResponse.ResultSet) shortcut.tryAnswer(sql, "other").orElseThrow();
        assertThat(altered.columns()).hasSize(3);
        assertThat(rows(altered.rows())).containsExactly(new String[] {"1", "elsewhere", "7"});

        WriteStatementsFixture.run(storage, "other", List.of(
                "drop table items",
                "create table items (id bigint not null, label string) primary key(id)",
                "insert into items values (1, 'recreated')"));
        MysqlResponse.ResultSet recreated = (MysqlResponse.ResultSet) shortcut.tryAnswer(sql, "other").orElseThrow();
        assertThat(recreated.columns().get(1).name()).isEqualTo("label");
        assertThat(rows(recreated.rows())).containsExactly(new String[] {"1", "recreated"});

        // the same text in another database is another table
        assertThat(rows(((MysqlResponse.ResultSet) shortcut.tryAnswer(sql, "shop").orElseThrow()).rows()).get(0)[1]).isEqualTo("pen");
    }

    private Optional<MysqlResponse> shortcut(String sql)
    {
        return new PointSelectShortcut(storage).tryAnswer(sql, "shop");
    }

    private MysqlResponse treeShortcut(String sql)
    {
        try {
            QueryResult result = PointLookup.tryAnswer(SluiceSqlParser.parse(sql), storage, "shop").orElseThrow(() -> new AssertionError(sql));
            return new MysqlResponse.ResultSet(result.columns(), result.rows());
        }
        catch (Exception e) {
            throw new AssertionError(sql, e);
        }
    }

    private void assertSameAnswers(String sql, MysqlResponse answer)
    {
        // the engine takes one statement without its terminator, as the session hands it over
        String statement = sql.strip();
        QueryResult planned = engine.execute(statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : sql, "shop");
        assertThat(answer).as(sql).isInstanceOf(MysqlResponse.ResultSet.class);
        MysqlResponse.ResultSet resultSet = (MysqlResponse.ResultSet) answer;
        assertThat(resultSet.columns()).as(sql).containsExactlyElementsOf(planned.columns());
        assertThat(rows(resultSet.rows())).as(sql).containsExactlyElementsOf(planned.rows());
    }

    private static List<String[]> rows(MysqlRowSource source)
    {
        return TestSession.drain(source);
    }
}
