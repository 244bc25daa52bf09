package io.sluice.sql.parser;

import io.sluice.sql.ast.SqlAlterRoutineLoad;
import io.sluice.sql.ast.SqlCreateRoutineLoad;
import io.sluice.sql.ast.SqlLoadColumn;
import io.sluice.sql.ast.SqlPauseRoutineLoad;
import io.sluice.sql.ast.SqlResumeRoutineLoad;
import io.sluice.sql.ast.SqlShowCreateRoutineLoad;
import io.sluice.sql.ast.SqlShowRoutineLoad;
import io.sluice.sql.ast.SqlShowRoutineLoadTask;
import io.sluice.sql.ast.SqlStopRoutineLoad;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.junit.jupiter.api.Test;

import static io.sluice.sql.parser.ParserAssertions.assertRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.parse;
import static io.sluice.sql.parser.ParserAssertions.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class TestRoutineLoadStatements
{
    @Test
    void everyLoadPropertyInAnyOrder()
    {
        SqlCreateRoutineLoad load = parse("""
                CREATE ROUTINE LOAD example_db.csv_job ON orders
                WHERE score > 0 AND `status` IS NOT NULL,
                COLUMNS TERMINATED BY '|',
                PARTITION (p1, p2),
                ROWS TERMINATED BY "\\n",
                COLUMNS (id, temp, score, `status`,
                         __op = CASE WHEN temp = 'delete' THEN 1 ELSE 0 END,
                         dt = CAST(from_unixtime(temp) AS DATE))
                PROPERTIES ('format' = 'csv')
                FROM KAFKA ('kafka_topic' = 'orders', "kafka_broker_list" = 'b:9092')
                """, SqlCreateRoutineLoad.class);

        assertThat(load.databaseName()).isEqualTo("example_db");
        assertThat(load.jobName()).isEqualTo("csv_job");
        assertThat(load.tableName()).isEqualTo("orders");
        assertThat(load.where().getKind()).isEqualTo(SqlKind.AND);
        assertThat(load.columnSeparator()).isEqualTo("|");
        assertThat(load.rowDelimiter()).isEqualTo("\n");
        assertThat(load.partitions()).containsExactly("p1", "p2");
        assertThat(load.columns()).extracting(SqlLoadColumn::name).containsExactly("id", "temp", "score", "status", "__op", "dt");
        assertThat(load.columns().get(4).expression()).isInstanceOf(SqlCase.class);
        assertThat(load.columns().get(5).expression().getKind()).isEqualTo(SqlKind.CAST);
        assertThat(load.jobProperties()).containsExactly(entry("format", "csv"));
        assertThat(load.dataSourceProperties()).containsExactly(entry("kafka_topic", "orders"), entry("kafka_broker_list", "b:9092"));
        assertRoundTrip(load);
    }

    @Test
    void propertyMapsAreOrderedAndUnmodifiable()
    {
        SqlCreateRoutineLoad load = parse(
                "CREATE ROUTINE LOAD j ON t FROM KAFKA (\"z\" = \"1\", \"a\" = \"2\", \"m\" = \"3\")", SqlCreateRoutineLoad.class);
        assertThat(load.dataSourceProperties().keySet()).containsExactly("z", "a", "m");
        assertThat(load.jobProperties()).isEmpty();
        assertThat(load.columns()).isEmpty();
        assertThat(load.where()).isNull();
        assertThatThrownBy(() -> load.dataSourceProperties().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void deleteFlagAsLiteral()
    {
        SqlCreateRoutineLoad load = parse(
                "CREATE ROUTINE LOAD j ON t COLUMNS (id, __op = 'delete') FROM KAFKA ('kafka_topic' = 't')",
                SqlCreateRoutineLoad.class);
        SqlLiteral flag = (SqlLiteral) load.columns().get(1).expression();
        assertThat(flag.getValueAs(String.class)).isEqualTo("delete");
    }

    @Test
    void repeatedLoadProperties()
    {
        SqlSyntaxException columns = syntaxError("""
                CREATE ROUTINE LOAD j ON t
                COLUMNS (a, b),
                  COLUMNS (c)
                FROM KAFKA ("kafka_topic" = "x")""");
        assertThat(columns.detail()).isEqualTo("repeat setting of columns info");
        assertThat(columns.getMessage()).contains("repeat setting of columns info");
        assertThat(columns.line()).isEqualTo(3);
        assertThat(columns.column()).isEqualTo(3);
        assertThat(columns.near()).isEqualTo("COLUMNS (c)\nFROM KAFKA (\"kafka_topic\" = \"x\")");

        assertThat(syntaxError("CREATE ROUTINE LOAD j ON t WHERE a > 1, WHERE a < 9 FROM KAFKA ('k' = 'v')").detail())
                .isEqualTo("repeat setting of where predicate");
        assertThat(syntaxError("CREATE ROUTINE LOAD j ON t COLUMNS TERMINATED BY ',', COLUMNS TERMINATED BY ';' FROM KAFKA ('k' = 'v')").detail())
                .isEqualTo("repeat setting of column separator");
        assertThat(syntaxError("ALTER ROUTINE LOAD FOR j ROWS TERMINATED BY 'a', ROWS TERMINATED BY 'b'").detail())
                .isEqualTo("repeat setting of row delimiter");
        assertThat(syntaxError("ALTER ROUTINE LOAD FOR j PARTITION (p), PARTITION (q)").detail())
                .isEqualTo("repeat setting of partition names");
    }

    @Test
    void otherCreateErrors()
    {
        assertThat(syntaxError("CREATE ROUTINE LOAD j ON t FROM KAFKA ('a' = 'b', 'a' = 'c')").detail())
                .isEqualTo("Duplicate property 'a'");
        assertThat(syntaxError("CREATE ROUTINE LOAD j ON t FROM PULSAR ('a' = 'b')").near()).startsWith("PULSAR");
        assertThat(syntaxError("CREATE ROUTINE LOAD j ON t PROPERTIES ('a' = 'b')").detail()).isEqualTo("unexpected end of statement");
        assertThat(syntaxError("CREATE ROUTINE LOAD a.b.c ON t FROM KAFKA ('a' = 'b')").detail()).contains("Invalid job name");
    }

    @Test
    void alterRoutineLoad()
    {
        SqlAlterRoutineLoad alter = parse("""
                ALTER ROUTINE LOAD FOR example_db.job1
                COLUMNS (a, b = a * 2), WHERE b > 10
                PROPERTIES ("desired_concurrent_number" = "1", "max_error_number" = 5)
                FROM KAFKA ("kafka_partitions" = "0, 1", "kafka_offsets" = "OFFSET_BEGINNING, 100")
                """, SqlAlterRoutineLoad.class);
        assertThat(alter.databaseName()).isEqualTo("example_db");
        assertThat(alter.jobName()).isEqualTo("job1");
        assertThat(alter.columns()).extracting(SqlLoadColumn::name).containsExactly("a", "b");
        assertThat(alter.where()).hasToString("`b` > 10");
        assertThat(alter.jobProperties()).containsExactly(entry("desired_concurrent_number", "1"), entry("max_error_number", "5"));
        assertThat(alter.dataSourceType()).isEqualTo("KAFKA");
        assertThat(alter.dataSourceProperties()).containsExactly(
                entry("kafka_partitions", "0, 1"), entry("kafka_offsets", "OFFSET_BEGINNING, 100"));
        assertRoundTrip(alter);

        SqlAlterRoutineLoad propertiesOnly = parse("alter routine load for job1 properties ('max_batch_rows' = '300000')",
                SqlAlterRoutineLoad.class);
        assertThat(propertiesOnly.databaseName()).isNull();
        assertThat(propertiesOnly.dataSourceType()).isNull();
        assertThat(propertiesOnly.dataSourceProperties()).isEmpty();
        assertThat(propertiesOnly.columns()).isEmpty();
        assertThat(propertiesOnly.rowDelimiter()).isNull();
        assertRoundTrip(propertiesOnly);
    }

    @Test
    void pauseResumeStop()
    {
        SqlPauseRoutineLoad pause = parse("PAUSE ROUTINE LOAD FOR example_db.job1", SqlPauseRoutineLoad.class);
        assertThat(pause.databaseName()).isEqualTo("example_db");
        assertThat(pause.jobName()).isEqualTo("job1");
        assertThat(pause.all()).isFalse();
        assertRoundTrip(pause);

        SqlPauseRoutineLoad pauseAll = parse("pause all routine load", SqlPauseRoutineLoad.class);
        assertThat(pauseAll.all()).isTrue();
        assertThat(pauseAll.jobName()).isNull();
        assertRoundTrip(pauseAll);

        SqlResumeRoutineLoad resume = parse("RESUME ROUTINE LOAD FOR job1", SqlResumeRoutineLoad.class);
        assertThat(resume.databaseName()).isNull();
        assertThat(resume.jobName()).isEqualTo("job1");
        assertRoundTrip(resume);
        assertThat(parse("RESUME ALL ROUTINE LOAD", SqlResumeRoutineLoad.class).all()).isTrue();

        SqlStopRoutineLoad stop = parse("STOP ROUTINE LOAD FOR d.job1", SqlStopRoutineLoad.class);
        assertThat(stop.databaseName()).isEqualTo("d");
        assertThat(stop.jobName()).isEqualTo("job1");
        assertRoundTrip(stop);
        syntaxError("STOP ALL ROUTINE LOAD");
    }

    @Test
    void showRoutineLoad()
    {
        SqlShowRoutineLoad plain = parse("SHOW ROUTINE LOAD", SqlShowRoutineLoad.class);
        assertThat(plain.all()).isFalse();
        assertThat(plain.databaseName()).isNull();
        assertThat(plain.jobName()).isNull();
        assertThat(plain.fromDatabase()).isNull();
        assertThat(plain.where()).isNull();
        assertThat(plain.orderBy()).isNull();
        assertThat(plain.limit()).isNull();
        assertThat(plain.offset()).isNull();

        SqlShowRoutineLoad full = parse(
                "SHOW ALL ROUTINE LOAD FOR d.job1 FROM d WHERE State = \"RUNNING\" ORDER BY CreateTime DESC LIMIT 5, 10",
                SqlShowRoutineLoad.class);
        assertThat(full.all()).isTrue();
        assertThat(full.databaseName()).isEqualTo("d");
        assertThat(full.jobName()).isEqualTo("job1");
        assertThat(full.fromDatabase()).isEqualTo("d");
        assertThat(full.where()).hasToString("`State` = 'RUNNING'");
        assertThat(full.orderBy()).hasSize(1);
        assertThat(full.orderBy().get(0).getKind()).isEqualTo(SqlKind.DESCENDING);
        assertThat(((SqlNumericLiteral) full.limit()).intValue(true)).isEqualTo(10);
        assertThat(((SqlNumericLiteral) full.offset()).intValue(true)).isEqualTo(5);
        assertRoundTrip(full);

        SqlShowRoutineLoad limitOffset = parse("show routine load from d limit 3 offset 1", SqlShowRoutineLoad.class);
        assertThat(((SqlNumericLiteral) limitOffset.limit()).intValue(true)).isEqualTo(3);
        assertThat(((SqlNumericLiteral) limitOffset.offset()).intValue(true)).isEqualTo(1);
    }

    @Test
    void showRoutineLoadTaskAndCreate()
    {
        SqlShowRoutineLoadTask task = parse("SHOW ROUTINE LOAD TASK FROM d WHERE JobName = \"job1\"", SqlShowRoutineLoadTask.class);
        assertThat(task.fromDatabase()).isEqualTo("d");
        assertThat(task.where()).hasToString("`JobName` = 'job1'");
        assertRoundTrip(task);
        assertThat(parse("show routine load task where JobName = 'x'", SqlShowRoutineLoadTask.class).fromDatabase()).isNull();

        SqlShowCreateRoutineLoad create = parse("SHOW CREATE ROUTINE LOAD d.job1", SqlShowCreateRoutineLoad.class);
        assertThat(create.databaseName()).isEqualTo("d");
        assertThat(create.jobName()).isEqualTo("job1");
        assertRoundTrip(create);
    }
}
