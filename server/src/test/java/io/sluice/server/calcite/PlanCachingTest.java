package io.sluice.server.calcite;

import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.sluice.server.calcite.TestDatabase.DATABASE;
import static io.sluice.server.calcite.TestDatabase.column;
import static io.sluice.server.calcite.TestDatabase.key;
import static io.sluice.server.calcite.TestDatabase.row;
import static io.sluice.storage.type.ColumnType.BIGINT;
import static io.sluice.storage.type.ColumnType.INT;
import static io.sluice.storage.type.ColumnType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's plan cache: a repeated statement reuses its plan but always reads the current data, and any catalog
 * change plans it again.
 */
class PlanCachingTest
{
    @TempDir
    Path directory;

    private TestDatabase database;

    @BeforeEach
    void setUp()
    {
        database = new TestDatabase(directory);
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    @Test
    void repeatedStatementReadsTheCurrentSnapshot()
    {
        TableInfo table = database.createTable("t", KeyModel.DUPLICATE, key("id", BIGINT), column("quantity", INT));
        String sql = "select count(*), sum(quantity) from t where quantity > 1";
        assertThat(database.rows(sql)).containsExactly("0 | NULL");
        database.insert(table, row(1, 5), row(2, 1));
        assertThat(database.rows(sql)).containsExactly("1 | 5");
        database.insert(table, row(3, 7));
        assertThat(database.rows(sql)).containsExactly("2 | 12");
        assertThat(database.engine().cachedPlanCount()).isEqualTo(1);
    }

    @Test
    void primaryKeyUpsertsAreSeenByACachedPlan()
    {
        TableInfo table = database.createTable("t", KeyModel.PRIMARY, key("id", BIGINT), column("name", VARCHAR));
        database.insert(table, row(1, "old"), row(2, "two"));
        String sql = "select id, name from t order by id";
        assertThat(database.rows(sql)).containsExactly("1 | old", "2 | two");
        database.insert(table, row(1, "new"));
        assertThat(database.rows(sql)).containsExactly("1 | new", "2 | two");
    }

    @Test
    void catalogChangePlansAgain()
    {
        TableInfo first = database.createTable("t", KeyModel.DUPLICATE, key("id", BIGINT), column("quantity", INT));
        database.insert(first, row(1, 5));
        assertThat(database.rows("select * from t")).containsExactly("1 | 5");

        database.storage().dropTable(DATABASE, "t", false);
        TableInfo second = database.createTable("t", KeyModel.DUPLICATE, key("id", BIGINT), column("name", VARCHAR), column("quantity", INT));
        database.insert(second, row(2, "two", 20));
        assertThat(database.rows("select * from t")).containsExactly("2 | two | 20");
        assertThat(database.engine().cachedPlanCount()).isEqualTo(1);
    }

    @Test
    void currentDatabaseIsPartOfTheKey()
    {
        TableInfo here = database.createTable("t", KeyModel.DUPLICATE, key("id", BIGINT));
        database.insert(here, row(1));
        database.storage().createDatabase("other", false);
        database.engine().execute("select 1", DATABASE);
        TableInfo there = database.storage().createTable("other", "t", here.schema(), false);
        database.insert(there, row(2), row(3));
        assertThat(database.engine().execute("select count(*) from t", DATABASE).rows().get(0)).containsExactly("1");
        assertThat(database.engine().execute("select count(*) from t", "other").rows().get(0)).containsExactly("2");
        assertThat(database.engine().execute("select count(*) from t", DATABASE).rows().get(0)).containsExactly("1");
    }

    @Test
    void executorErrorsKeepTheirCode()
    {
        TableInfo table = database.createTable("t", KeyModel.DUPLICATE, key("id", BIGINT), column("amount", BIGINT));
        database.insert(table, row(1, Long.MAX_VALUE), row(2, Long.MAX_VALUE));
        assertThatThrownBy(() -> database.query("select sum(amount) from t"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_OUT_OF_RANGE))
                .hasMessageContaining("out of range");
        // the plan stays usable
        assertThat(database.rows("select max(amount) from t")).containsExactly(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void failedStatementsAreNotCached()
    {
        database.createTable("t", KeyModel.DUPLICATE, key("id", BIGINT));
        assertThatThrownBy(() -> database.query("select missing from t")).isInstanceOf(SluiceException.class);
        assertThatThrownBy(() -> database.query("select missing from t")).isInstanceOf(SluiceException.class);
        assertThat(database.engine().cachedPlanCount()).isZero();
    }
}
