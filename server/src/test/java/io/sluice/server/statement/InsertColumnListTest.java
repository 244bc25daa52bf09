package io.sluice.server.statement;

import io.sluice.server.mysql.MysqlResponse;
import io.sluice.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Column lists of INSERT that name no column of the table are 1054, whatever their shape. */
class InsertColumnListTest
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
        session.execute("create table t (id bigint, s varchar(10)) duplicate key(id)");
    }

    @AfterEach
    void tearDown()
    {
        session.close();
        storage.close();
    }

    @Test
    void qualifiedNameInColumnListIsUnknownColumn()
    {
        // found by ProtocolFuzzIT: "(id. s)" failed an assertion inside Calcite and closed the connection
        MysqlResponse.Error error = session.error("insert into t (id. s) select 1, 'a'");
        assertThat(error.code()).isEqualTo(1054);
        assertThat(error.sqlState()).isEqualTo("42S22");
        assertThat(error.message()).isEqualTo("Unknown column 'id.s' in 'field list'");
        assertThat(session.error("insert into t (t.id, s) values (1, 'a')").code()).isEqualTo(1054);

        session.execute("insert into t (id, s) values (1, 'a')");
        assertThat(session.rows("select * from t")).containsExactly("1 | a");
    }
}
