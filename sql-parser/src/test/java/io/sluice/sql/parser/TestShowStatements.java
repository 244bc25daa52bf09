package io.sluice.sql.parser;

import io.sluice.sql.ast.SqlShowCreateTable;
import io.sluice.sql.ast.SqlShowDatabases;
import io.sluice.sql.ast.SqlShowErrors;
import io.sluice.sql.ast.SqlShowTables;
import io.sluice.sql.ast.SqlShowVariables;
import io.sluice.sql.ast.SqlShowWarnings;
import org.junit.jupiter.api.Test;

import static io.sluice.sql.parser.ParserAssertions.assertRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.parse;
import static org.assertj.core.api.Assertions.assertThat;

class TestShowStatements
{
    @Test
    void showDatabases()
    {
        assertThat(parse("SHOW DATABASES", SqlShowDatabases.class).likePattern()).isNull();
        SqlShowDatabases like = parse("show schemas like 'auto%'", SqlShowDatabases.class);
        assertThat(like.likePattern()).isEqualTo("auto%");
        assertRoundTrip(like);
    }

    @Test
    void showTables()
    {
        SqlShowTables plain = parse("show tables", SqlShowTables.class);
        assertThat(plain.full()).isFalse();
        assertThat(plain.databaseName()).isNull();
        assertThat(plain.likePattern()).isNull();
        assertThat(plain.where()).isNull();

        SqlShowTables full = parse("SHOW FULL TABLES FROM automq_db LIKE 'u%'", SqlShowTables.class);
        assertThat(full.full()).isTrue();
        assertThat(full.databaseName()).isEqualTo("automq_db");
        assertThat(full.likePattern()).isEqualTo("u%");
        assertRoundTrip(full);

        SqlShowTables where = parse("SHOW FULL TABLES IN d WHERE Table_type = 'BASE TABLE'", SqlShowTables.class);
        assertThat(where.databaseName()).isEqualTo("d");
        assertThat(where.where()).hasToString("`Table_type` = 'BASE TABLE'");
    }

    @Test
    void showCreateTable()
    {
        SqlShowCreateTable show = parse("SHOW CREATE TABLE automq_db.users", SqlShowCreateTable.class);
        assertThat(show.databaseName()).isEqualTo("automq_db");
        assertThat(show.tableName()).isEqualTo("users");
        assertRoundTrip(show);
        assertThat(parse("show create table users", SqlShowCreateTable.class).databaseName()).isNull();
    }

    @Test
    void showVariables()
    {
        SqlShowVariables plain = parse("SHOW VARIABLES", SqlShowVariables.class);
        assertThat(plain.global()).isFalse();
        assertThat(plain.likePattern()).isNull();
        assertThat(plain.where()).isNull();

        SqlShowVariables global = parse("SHOW GLOBAL VARIABLES LIKE 'version%'", SqlShowVariables.class);
        assertThat(global.global()).isTrue();
        assertThat(global.likePattern()).isEqualTo("version%");
        assertRoundTrip(global);

        SqlShowVariables session = parse("show session variables where Variable_name = 'sql_mode'", SqlShowVariables.class);
        assertThat(session.global()).isFalse();
        assertThat(session.where()).hasToString("`Variable_name` = 'sql_mode'");
        assertRoundTrip(session);
    }

    @Test
    void showWarningsAndErrors()
    {
        assertRoundTrip(parse("SHOW WARNINGS", SqlShowWarnings.class));
        assertRoundTrip(parse("show errors;", SqlShowErrors.class));
    }
}
