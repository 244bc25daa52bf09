package io.sluice.server.calcite;

import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.sluice.server.calcite.TestDatabase.column;
import static io.sluice.server.calcite.TestDatabase.decimal;
import static io.sluice.server.calcite.TestDatabase.key;
import static io.sluice.server.calcite.TestDatabase.row;
import static io.sluice.storage.type.ColumnType.BIGINT;
import static io.sluice.storage.type.ColumnType.LARGEINT;
import static io.sluice.storage.type.ColumnType.TINYINT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AVG of exact numbers that the executor does not average (LARGEINT, DECIMAL, or any AVG beside them) is the exact sum
 * divided by the count, rounded half up to the average's decimals, as in MySQL. Found by the SQL differential test:
 * Calcite divided to 16 significant digits, and cast the SUM to the AVG's type first, which overflowed.
 */
class ExactAverageTest
{
    @TempDir
    Path directory;

    private TestDatabase database;

    @BeforeEach
    void setUp()
    {
        database = new TestDatabase(directory);
        TableInfo table = database.createTable("big", KeyModel.DUPLICATE,
                key("id", BIGINT), column("huge", LARGEINT), decimal("wide", 38, 2), column("tiny", TINYINT));
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(1, new BigDecimal("12345678901234567890123"), new BigDecimal("123456789012345678901234567890.01"), 100));
        for (int id = 2; id <= 10; id++) {
            rows.add(row(id, BigDecimal.ZERO, BigDecimal.ZERO, 100));
        }
        rows.add(row(11, null, null, null));
        database.insert(table, rows);
    }

    @AfterEach
    void tearDown()
    {
        database.close();
    }

    @Test
    void averagesOfWideNumbersKeepEveryDigit()
    {
        assertThat(database.rows("select avg(huge), avg(wide) from big"))
                .containsExactly("1234567890123456789012.3000 | 12345678901234567890123456789.001000");
    }

    @Test
    void averagesBesideThemDoNotOverflow()
    {
        // the sum of the TINYINTs (1000) does not fit the DECIMAL(7, 4) of their average
        assertThat(database.rows("select avg(tiny), avg(huge) from big")).containsExactly("100.0000 | 1234567890123456789012.3000");
        assertThat(database.rows("select id > 5, avg(tiny), avg(wide) from big where id <= 10 group by id > 5 order by 1"))
                .containsExactly("0 | 100.0000 | 24691357802469135780246913578.002000", "1 | 100.0000 | 0.000000");
    }

    @Test
    void dividesToTheAverageDecimals()
    {
        assertThat(database.rows("select avg(wide), avg(huge) from big where id in (1, 2, 3)"))
                .containsExactly("41152263004115226300411522630.003333 | 4115226300411522630041.0000");
        assertThat(database.rows("select avg(wide) from big where id in (1, 2, 3, 4, 5, 6)"))
                .containsExactly("20576131502057613150205761315.001667");
    }
}
