package io.sluice.server.statement;

import io.sluice.server.calcite.CalciteQueryEngine;
import io.sluice.server.calcite.QueryResult;
import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primary-index shortcut answers exactly what the planner would, and only for the shapes it understands.
 */
class PointLookupTest
{
    @TempDir
    Path directory;

    private Storage storage;
    private CalciteQueryEngine engine;

    @BeforeEach
    void setUp()
            throws Exception
    {
        storage = Storage.open(directory);
        storage.createDatabase("shop", false);
        WriteStatementsFixture.run(storage, "shop", List.of(
                "create table items (id bigint not null, name varchar(20), price double, added date, seen datetime, amount decimal(10, 2), flag boolean) "
                        + "primary key(id) distributed by hash(id) buckets 3",
                "insert into items values (1, 'pen', 1.5, '2024-01-02', '2024-01-02 03:04:05', 12.30, true), "
                        + "(2, null, null, null, null, null, null), (3, 'ink', 875, '1999-12-31', '1999-12-31 23:59:59', -0.05, false)",
                "create table codes (code varchar(8) not null, label string) unique key(code)",
                "insert into codes values ('a', 'first'), ('b', 'second')",
                "create table events (id bigint, kind string) duplicate key(id)",
                "insert into events values (1, 'x')"));
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
            throws Exception
    {
        for (String sql : List.of(
                "select * from items where id = 1",
                "select * from items where id = 2",
                "select * from items where 3 = id",
                "select name, price, id from items where id = 3",
                "select * from items where id = 99",
                "select label from codes where code = 'b'",
                "select * from shop.codes where code = 'zz'")) {
            Optional<QueryResult> shortcut = PointLookup.tryAnswer(SluiceSqlParser.parse(sql), storage, "shop");
            assertThat(shortcut).as(sql).isPresent();
            QueryResult planned = engine.execute(sql, "shop");
            assertThat(shortcut.get().rows()).as(sql).containsExactlyElementsOf(planned.rows());
            assertThat(shortcut.get().columns()).as(sql).hasSameSizeAs(planned.columns());
        }
    }

    @Test
    void leavesOtherShapesToThePlanner()
            throws Exception
    {
        for (String sql : List.of(
                "select * from items where id > 1",
                "select * from items where id = 1 order by id",
                "select count(*) from items where id = 1",
                "select * from items where name = 'pen'",
                "select * from events where id = 1",
                "select * from items where id = 1.5",
                "select * from items where id = '1'",
                "select * from nowhere where id = 1")) {
            assertThat(PointLookup.tryAnswer(SluiceSqlParser.parse(sql), storage, "shop")).as(sql).isEmpty();
        }
    }
}
