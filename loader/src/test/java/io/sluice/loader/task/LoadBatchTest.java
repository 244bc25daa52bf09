package io.sluice.loader.task;

import io.sluice.loader.decode.JsonMessageDecoder;
import io.sluice.loader.decode.RowAssembler;
import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.job.ColumnMapping;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.RejectedRecord;
import io.sluice.storage.type.ColumnType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LoadBatchTest
{
    private static final ExpressionCompiler NO_EXPRESSIONS = (expression, inputs, timeZone) -> {
        throw new SluiceException(ErrorCode.SYNTAX_ERROR, "No expressions here: " + expression);
    };
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new ColumnSchema("id", ColumnType.BIGINT, 0, 0, false, true, AggregationFunction.NONE, Optional.empty(), ""),
            new ColumnSchema("name", ColumnType.STRING, 0, 0, false, false, AggregationFunction.NONE, Optional.empty(), "")),
            KeyModel.PRIMARY, List.of("id"), 1, Map.of());

    @Test
    void countsRowsAndKeepsTheNewestRejections()
    {
        LoadBatch batch = batch(List.of(), new LoadBatch.BatchOptions(false, Optional.empty(), Optional.empty(), 2, false));

        assertThat(batch.add(0, 10, 1000, message("{\"id\": 1, \"name\": \"a\"}"))).isTrue();
        assertThat(batch.add(0, 11, 1001, message("{\"id\": 2}"))).isTrue();
        assertThat(batch.add(1, 5, 1002, message("not json"))).isTrue();
        assertThat(batch.add(1, 6, 1003, message("{\"id\": \"x\", \"name\": \"b\"}"))).isTrue();
        assertThat(batch.add(0, 12, 1004, null)).isTrue();
        assertThat(batch.totalRows()).isEqualTo(5);

        LoadBatch.SealedBatch sealed = batch.seal();
        assertThat(sealed.messages()).isEqualTo(5);
        // No name for a NOT NULL column, not JSON, not a number, no value at all: one row loads.
        assertThat(sealed.loadedRows()).isEqualTo(1);
        assertThat(sealed.errorRows()).isEqualTo(4);
        assertThat(sealed.write().rows().rowCount()).isEqualTo(1);
        assertThat(sealed.write().deletes()).isNull();
        assertThat(sealed.timestamps()).isEqualTo(Map.of(0, 1004L, 1, 1003L));
        assertThat(sealed.oldestTimestamp()).isEqualTo(1000);
        // Retention 2: the newest two of the four rejections.
        assertThat(sealed.rejected()).extracting(RejectedRecord::offset).containsExactly(6L, 12L);
        assertThat(sealed.rejected().get(1).fatal()).isTrue();
        assertThat(sealed.lastRejection()).contains("partition 0, offset 12: The message value is null");
        assertThat(sealed.receivedBytes()).isEqualTo(message("{\"id\": 1, \"name\": \"a\"}").remaining() + message("{\"id\": 2}").remaining()
                + message("not json").remaining() + message("{\"id\": \"x\", \"name\": \"b\"}").remaining());
        // A rejected record keeps the message's own bytes, not the buffer around them.
        assertThat(new String(sealed.rejected().get(0).message(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": \"x\", \"name\": \"b\"}");

        // Sealing starts an empty batch.
        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.seal().rejected()).isEmpty();
    }

    @Test
    void deletesAndPrimaryKeyOptionsGoWithTheWrite()
    {
        List<ColumnMapping> columns = List.of(new ColumnMapping("id", Optional.empty()), new ColumnMapping("name", Optional.empty()),
                new ColumnMapping("__op", Optional.empty()));
        LoadBatch batch = batch(columns, new LoadBatch.BatchOptions(true, Optional.of(Set.of("name")), Optional.of("name"), 10, false));

        batch.add(0, 0, 0, message("{\"id\": 1, \"name\": \"a\", \"__op\": 0}"));
        batch.add(0, 1, 0, message("{\"id\": 1, \"name\": \"a\", \"__op\": \"delete\"}"));
        batch.add(0, 2, 0, message("{\"id\": 2, \"name\": \"b\"}"));
        LoadBatch.SealedBatch sealed = batch.seal();

        assertThat(sealed.write().deletes()).containsExactly(false, true, false);
        assertThat(sealed.write().partialColumns()).contains(Set.of("name"));
        assertThat(sealed.write().mergeCondition()).contains("name");
        assertThat(sealed.write().columnNames()).containsExactly("id", "name");

        // A batch without deletes sends none, even when the mapping has __op.
        batch.add(0, 3, 0, message("{\"id\": 3, \"name\": \"c\", \"__op\": 0}"));
        assertThat(batch.seal().write().deletes()).isNull();
    }

    @Test
    void fatalParseErrorStopsTheBatchWhenAskedTo()
    {
        LoadBatch batch = batch(List.of(), new LoadBatch.BatchOptions(false, Optional.empty(), Optional.empty(), 10, true));

        assertThat(batch.add(0, 0, 0, message("{\"id\": 1, \"name\": \"a\"}"))).isTrue();
        assertThat(batch.add(0, 1, 0, message("{\"id\": 2, \"name\"}"))).isFalse();

        assertThat(batch.fatalReason()).startsWith("partition 0, offset 1: ");
        LoadBatch.SealedBatch sealed = batch.seal();
        assertThat(sealed.messages()).isEqualTo(1);
        assertThat(sealed.errorRows()).isZero();
        assertThat(sealed.loadedRows()).isEqualTo(1);
        assertThat(sealed.fatalReason()).isPresent();
        assertThat(batch.fatalReason()).isNull();
    }

    private static LoadBatch batch(List<ColumnMapping> columns, LoadBatch.BatchOptions options)
    {
        RowAssembler assembler = new RowAssembler(SCHEMA, columns, Optional.empty(), true, NO_EXPRESSIONS, "UTC");
        return new LoadBatch(7, SCHEMA, assembler, new JsonMessageDecoder(assembler.sourceNames(), List.of(), Optional.empty(), false), options);
    }

    /** The message as Kafka hands it out: a slice in the middle of a larger buffer. */
    private static ByteBuffer message(String text)
    {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[bytes.length + 7];
        Arrays.fill(buffer, (byte) '}');
        System.arraycopy(bytes, 0, buffer, 3, bytes.length);
        return ByteBuffer.wrap(buffer, 3, bytes.length).slice();
    }
}
