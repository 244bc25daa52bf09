package io.sluice.server.statement;

import io.sluice.server.mysql.MysqlResponse;
import io.sluice.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Column defaults in CREATE TABLE and ALTER TABLE: one a column cannot hold is MySQL's error 1067, DEFAULT NULL on a
 * NOT NULL column included (the parser tells it apart from no default).
 */
class TableDefinitionsTest
{
    @TempDir
    Path directory;

    private Storage storage;
    private TestSession session;

    @BeforeEach
    void setUp()
    {
        storage = Storage.open(directory);
        storage.createDatabase("db", false);
        session = new TestSession(storage, "db");
    }

    @AfterEach
    void tearDown()
    {
        session.close();
        storage.close();
    }

    @Test
    void notNullDefaultNullIsAnInvalidDefault()
    {
        assertInvalidDefault("create table t (id int, c int not null default null) duplicate key(id)", "c");
        assertInvalidDefault("create table t (id int, c int default null not null) duplicate key(id)", "c");
        assertInvalidDefault("create table t (id int not null default null, v int) primary key(id)", "id");
        // PRIMARY KEY columns are NOT NULL even when not written so
        assertInvalidDefault("create table t (id int default null, v int) primary key(id)", "id");
        assertThat(session.rows("show tables")).isEmpty();
    }

    @Test
    void nullableDefaultNullIsNoDefault()
    {
        session.execute("create table t (id int, c int default null, s varchar(4) null default null) duplicate key(id)");
        session.execute("insert into t (id) values (1)");
        assertThat(session.rows("select * from t")).containsExactly("1 | NULL | NULL");
        assertThat(session.rows("desc t")).containsExactly(
                "id | int | YES | true | NULL | ",
                "c | int | YES | false | NULL | ",
                "s | varchar(4) | YES | false | NULL | ");
    }

    @Test
    void addAndModifyColumnCheckTheDefault()
    {
        session.execute("create table t (id int, v int not null default '1') duplicate key(id)");
        assertInvalidDefault("alter table t add column c int not null default null", "c");
        assertInvalidDefault("alter table t modify column v int not null default null", "v");
        assertInvalidDefault("alter table t add column c tinyint default 300", "c");
        session.execute("alter table t add column c int null default null");
        assertThat(session.rows("select * from t")).isEmpty();
        assertThat(session.rows("desc t")).hasSize(3);
    }

    @Test
    void defaultsTheColumnCannotHold()
    {
        for (String column : List.of(
                "c int default 'abc'",
                "c tinyint default 128",
                "c varchar(2) default 'abc'",
                "c char(1) default 'ab'",
                "c date default '2024-13-01'",
                "c datetime default 'yesterday'",
                "c decimal(5, 2) default 'x'",
                "c boolean default 2")) {
            assertInvalidDefault("create table t (id int, " + column + ") duplicate key(id)", "c");
        }
        session.execute("create table t (id int, a varchar(2) default 'ab', b char(3) default '中文字', c tinyint default -128) duplicate key(id)");
        session.execute("insert into t (id) values (1)");
        assertThat(session.rows("select * from t")).containsExactly("1 | ab | 中文字 | -128");
    }

    private void assertInvalidDefault(String sql, String column)
    {
        MysqlResponse.Error error = session.error(sql);
        assertThat(error.code()).as(sql).isEqualTo(1067);
        assertThat(error.sqlState()).as(sql).isEqualTo("42000");
        assertThat(error.message()).as(sql).isEqualTo("Invalid default value for '" + column + "'");
    }
}
