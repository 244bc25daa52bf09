package io.sluice.server.expression;

import io.sluice.loader.decode.JsonMessageDecoder;
import io.sluice.loader.decode.RowAssembler;
import io.sluice.loader.decode.RowConsumer;
import io.sluice.loader.decode.SourceRow;
import io.sluice.loader.expression.RowExpression;
import io.sluice.loader.job.ColumnMapping;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.table.TableData;
import io.sluice.storage.type.ColumnType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadExpressionCompilerTest
{
    /** Story B's aggregate table. */
    private static final TableSchema PURCHASES = new TableSchema(List.of(
            column("commodity_id", ColumnType.VARCHAR, 26, true, AggregationFunction.NONE),
            column("customer_name", ColumnType.VARCHAR, 26, true, AggregationFunction.NONE),
            column("country", ColumnType.VARCHAR, 26, true, AggregationFunction.NONE),
            column("pay_time", ColumnType.BIGINT, 0, true, AggregationFunction.NONE),
            column("pay_dt", ColumnType.DATE, 0, true, AggregationFunction.NONE),
            column("price", ColumnType.DOUBLE, 0, false, AggregationFunction.SUM)),
            KeyModel.AGGREGATE, List.of("commodity_id"), 5, Map.of());
    private static final List<String> STORY_B_PATHS = List.of("$.commodity_id", "$.customer_name", "$.country", "$.pay_time", "$.price");

    private final LoadExpressionCompiler compiler = new LoadExpressionCompiler();

    @Test
    void storyBMappingComputesThePaymentDate()
    {
        List<List<Object>> rows = load(storyBColumns(), Optional.empty(), "Asia/Shanghai",
                "{\"commodity_id\": \"1\", \"customer_name\": \"Mark Twain\", \"country\": \"US\",\"pay_time\": 1589191487,\"price\": 875}");

        assertThat(rows).containsExactly(List.of("1", "Mark Twain", "US", 1589191487L, LocalDate.of(2020, 5, 11).toEpochDay(), 875.0));
    }

    @Test
    void timeZoneOfTheJobDecidesTheDate()
    {
        // 2020-05-11 20:00:00 UTC is already May 12 in Shanghai.
        String message = "{\"commodity_id\": \"1\", \"pay_time\": 1589227200, \"price\": 1}";

        assertThat(load(storyBColumns(), Optional.empty(), "UTC", message)).extracting(row -> row.get(4)).containsExactly(LocalDate.of(2020, 5, 11).toEpochDay());
        assertThat(load(storyBColumns(), Optional.empty(), "Asia/Shanghai", message)).extracting(row -> row.get(4)).containsExactly(LocalDate.of(2020, 5, 12).toEpochDay());
    }

    @Test
    void whereRunsOnConvertedValues()
    {
        String first = "{\"commodity_id\": \"1\", \"pay_time\": 1589191487, \"price\": \"875.5\"}";
        String second = "{\"commodity_id\": \"2\", \"pay_time\": 1589091487, \"price\": 12}";

        // price arrives as text but WHERE sees the DOUBLE column; pay_dt is compared as a date.
        assertThat(load(storyBColumns(), Optional.of("price > 100 and pay_dt >= '2020-05-11'"), "UTC", first, second))
                .extracting(row -> row.get(0)).containsExactly("1");
        assertThat(load(storyBColumns(), Optional.of("pay_dt = date '2020-05-10'"), "UTC", first, second))
                .extracting(row -> row.get(0)).containsExactly("2");
    }

    @Test
    void whereTruthIsSqlTruth()
    {
        RowExpression where = compiler.compile("x", List.of("x"), "UTC");

        assertThat(Arrays.asList(1L, 0L, "1", "abc", true, false, 2.5, null))
                .extracting(value -> where.isTrue(new Object[] {value}))
                .containsExactly(true, false, true, false, true, false, true, false);
    }

    @Test
    void compileErrorsAreCleanSluiceExceptions()
    {
        assertThatThrownBy(() -> compiler.compile("nothere + 1", List.of("x"), "UTC"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_COLUMN));
        assertThatThrownBy(() -> compiler.compile("no_such_function(x)", List.of("x"), "UTC"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_FUNCTION));
        assertThatThrownBy(() -> compiler.compile("x +", List.of("x"), "UTC"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY));
    }

    @Test
    void failingFunctionMakesAnErrorRowNotAFailedTask()
    {
        List<ColumnMapping> columns = List.of(source("commodity_id"), source("pay_time"), computed("pay_dt", "str_to_date(pay_time, '%Y-%m-%d')"), source("price"));
        RowAssembler assembler = new RowAssembler(PURCHASES, columns, Optional.empty(), true, compiler, "UTC");
        ColumnBatchBuilder builder = new ColumnBatchBuilder(TableData.physicalTypes(PURCHASES));
        JsonMessageDecoder decoder = new JsonMessageDecoder(assembler.sourceNames(), List.of(), Optional.empty(), false);
        List<Integer> results = new ArrayList<>();

        decoder.decode("{\"commodity_id\": \"1\", \"pay_time\": \"not a date\", \"price\": 1}".getBytes(StandardCharsets.UTF_8), consumer(assembler, builder, results));

        assertThat(results).hasSize(1).allSatisfy(result -> assertThat(result).isIn(RowAssembler.LOADED, RowAssembler.ERROR));
    }

    private List<ColumnMapping> storyBColumns()
    {
        return List.of(source("commodity_id"), source("customer_name"), source("country"), source("pay_time"), source("price"),
                computed("pay_dt", "from_unixtime(pay_time, '%Y%m%d')"));
    }

    private List<List<Object>> load(List<ColumnMapping> columns, Optional<String> where, String timeZone, String... messages)
    {
        RowAssembler assembler = new RowAssembler(PURCHASES, columns, where, true, compiler, timeZone);
        JsonMessageDecoder decoder = new JsonMessageDecoder(assembler.sourceNames(), STORY_B_PATHS, Optional.empty(), false);
        ColumnBatchBuilder builder = new ColumnBatchBuilder(TableData.physicalTypes(PURCHASES));
        List<Integer> results = new ArrayList<>();
        for (String message : messages) {
            decoder.decode(message.getBytes(StandardCharsets.UTF_8), consumer(assembler, builder, results));
        }
        assertThat(results).doesNotContain(RowAssembler.ERROR);
        ColumnBatch batch = builder.build();
        List<List<Object>> rows = new ArrayList<>();
        for (int position = 0; position < batch.rowCount(); position++) {
            List<Object> row = new ArrayList<>();
            for (int column = 0; column < batch.columns().size(); column++) {
                row.add(batch.column(column).objectValue(position));
            }
            rows.add(row);
        }
        return rows;
    }

    private static RowConsumer consumer(RowAssembler assembler, ColumnBatchBuilder builder, List<Integer> results)
    {
        return new RowConsumer()
        {
            @Override
            public void accept(SourceRow row)
            {
                int result = assembler.assemble(row, builder);
                if (result == RowAssembler.ERROR) {
                    System.err.println(assembler.errorMessage());
                }
                results.add(result);
            }

            @Override
            public void reject(String reason)
            {
                throw new AssertionError(reason);
            }
        };
    }

    private static ColumnSchema column(String name, ColumnType type, int length, boolean key, AggregationFunction aggregation)
    {
        return new ColumnSchema(name, type, length, 0, true, key, aggregation, Optional.empty(), "");
    }

    private static ColumnMapping source(String name)
    {
        return new ColumnMapping(name, Optional.empty());
    }

    private static ColumnMapping computed(String name, String expression)
    {
        return new ColumnMapping(name, Optional.of(expression));
    }
}
