package io.sluice.loader.task;

import io.sluice.loader.decode.MessageDecoder;
import io.sluice.loader.decode.RowAssembler;
import io.sluice.loader.decode.RowConsumer;
import io.sluice.loader.decode.SourceRow;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.load.RejectedRecord;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableWrite;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The open batch of one task: decodes messages into table rows and keeps what the batch's commit accounts for
 * (counters, rejected records, per partition the last message timestamp). {@link #seal()} hands the rows over and
 * starts the next batch. Used by one thread; {@link #add} is the per-message hot path and allocates nothing of its
 * own for a message that loads.
 */
public final class LoadBatch
        implements RowConsumer
{
    private final long jobId;
    private final TableSchema schema;
    private final List<String> columnNames;
    private final RowAssembler assembler;
    private final MessageDecoder decoder;
    private final BatchOptions options;

    private ColumnBatchBuilder builder;
    private boolean[] deletes;
    private boolean anyDelete;
    private long messages;
    private long loadedRows;
    private long errorRows;
    private long unselectedRows;
    private long receivedBytes;
    private long startNanos;
    private final ArrayDeque<RejectedRecord> rejected = new ArrayDeque<>();
    private String lastRejection;
    // Indexed by partition number, so recording a message's position boxes nothing.
    // Room for the partition numbers of most topics from the start: growing is a branch only a new job would take,
    // which the JIT compiles away.
    private long[] timestamps = new long[64];
    private boolean[] touched = new boolean[64];
    private long oldestTimestamp = Long.MAX_VALUE;

    // The message being decoded.
    private int partition;
    private long offset;
    private long timestamp;
    // buffer[valueOffset, valueOffset + valueLength), a slice of Kafka's fetch buffer; null for a null value
    private byte[] valueBuffer;
    private int valueOffset;
    private int valueLength;
    private String fatalReason;

    /**
     * What a batch does beyond decoding: the PRIMARY KEY write options and rejected record handling.
     *
     * @param partialColumns for partial_update, the table columns the load maps (keys implied)
     * @param rejectedRetention how many rejected records a batch keeps at most (the newest); the job keeps as many
     * @param pauseOnFatalParseError a message that cannot be parsed stops the batch instead of being skipped
     */
    public record BatchOptions(boolean tracksDeletes, Optional<Set<String>> partialColumns, Optional<String> mergeCondition, int rejectedRetention,
            boolean pauseOnFatalParseError)
    {
        public BatchOptions
        {
            requireNonNull(partialColumns, "partialColumns is null");
            partialColumns = partialColumns.map(Set::copyOf);
            requireNonNull(mergeCondition, "mergeCondition is null");
            if (rejectedRetention < 0) {
                throw new IllegalArgumentException("rejectedRetention is negative");
            }
        }
    }

    /**
     * The rows and accounting of a closed batch, ready to commit.
     *
     * @param timestamps per partition that had messages, the timestamp of its last message
     * @param oldestTimestamp the smallest message timestamp of the batch, -1 when no message had one
     * @param lastRejection the newest rejection as OtherMsg shows it, if the batch rejected anything
     * @param fatalReason set when the batch stopped at a message that cannot be parsed (pause_on_fatal_parse_error)
     */
    public record SealedBatch(TableWrite write, long messages, long totalRows, long loadedRows, long errorRows, long unselectedRows, long receivedBytes,
            long startNanos, List<RejectedRecord> rejected, Map<Integer, Long> timestamps, long oldestTimestamp, Optional<String> lastRejection,
            Optional<String> fatalReason)
    {
        public SealedBatch
        {
            requireNonNull(write, "write is null");
            rejected = List.copyOf(rejected);
            timestamps = Map.copyOf(timestamps);
            requireNonNull(lastRejection, "lastRejection is null");
            requireNonNull(fatalReason, "fatalReason is null");
        }
    }

    public LoadBatch(long jobId, TableSchema schema, RowAssembler assembler, MessageDecoder decoder, BatchOptions options)
    {
        this.jobId = jobId;
        this.schema = requireNonNull(schema, "schema is null");
        this.assembler = requireNonNull(assembler, "assembler is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.options = requireNonNull(options, "options is null");
        List<String> names = new ArrayList<>(schema.columns().size());
        for (ColumnSchema column : schema.columns()) {
            names.add(column.name());
        }
        this.columnNames = List.copyOf(names);
        this.builder = new ColumnBatchBuilder(TableData.physicalTypes(schema));
        this.deletes = options.tracksDeletes() ? new boolean[1024] : null;
    }

    /**
     * Decodes one message into the batch. Returns false, adding nothing, when the message cannot be parsed at all and
     * pause_on_fatal_parse_error is set: the batch must then close before this message (see {@link #fatalReason()}).
     */
    public boolean add(int partition, long offset, long timestamp, ByteBuffer value)
    {
        if (messages == 0) {
            startNanos = System.nanoTime();
        }
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        if (value == null) {
            valueBuffer = null;
            valueLength = 0;
            rejectMessage("The message value is null");
        }
        else {
            if (value.hasArray()) {
                valueBuffer = value.array();
                valueOffset = value.arrayOffset() + value.position();
            }
            else {
                valueBuffer = new byte[value.remaining()];
                valueOffset = 0;
                value.duplicate().get(valueBuffer);
            }
            valueLength = value.remaining();
            receivedBytes += valueLength;
            decoder.decode(valueBuffer, valueOffset, valueLength, this);
        }
        // Kafka's fetch buffer is not held past this message.
        valueBuffer = null;
        if (fatalReason != null) {
            receivedBytes -= valueLength;
            return false;
        }
        messages++;
        if (partition >= touched.length) {
            int size = Math.max(partition + 1, touched.length * 2);
            timestamps = Arrays.copyOf(timestamps, size);
            touched = Arrays.copyOf(touched, size);
        }
        timestamps[partition] = timestamp;
        touched[partition] = true;
        if (timestamp >= 0 && timestamp < oldestTimestamp) {
            oldestTimestamp = timestamp;
        }
        return true;
    }

    @Override
    public void accept(SourceRow row)
    {
        switch (assembler.assemble(row, builder)) {
            case RowAssembler.LOADED -> {
                loadedRows++;
                if (deletes != null) {
                    recordDelete(assembler.lastRowDeletes());
                }
            }
            case RowAssembler.UNSELECTED -> unselectedRows++;
            default -> reject(assembler.errorMessage());
        }
    }

    private void recordDelete(boolean delete)
    {
        int row = builder.rowCount() - 1;
        if (row >= deletes.length) {
            deletes = Arrays.copyOf(deletes, Math.max(row + 1, deletes.length * 2));
        }
        deletes[row] = delete;
        anyDelete |= delete;
    }

    @Override
    public void reject(String reason)
    {
        errorRows++;
        keepRejected(reason, false);
    }

    @Override
    public void rejectMessage(String reason)
    {
        if (options.pauseOnFatalParseError()) {
            // Not counted: the batch stops before this message and the job pauses, so it will be read again.
            fatalReason = "partition " + partition + ", offset " + offset + ": " + reason;
            return;
        }
        errorRows++;
        keepRejected(reason, true);
    }

    private void keepRejected(String reason, boolean fatal)
    {
        lastRejection = "partition " + partition + ", offset " + offset + ": " + reason;
        if (options.rejectedRetention() == 0) {
            return;
        }
        if (rejected.size() == options.rejectedRetention()) {
            rejected.removeFirst();
        }
        rejected.addLast(valueBuffer == null
                ? RejectedRecord.of(jobId, partition, offset, timestamp, reason, null, fatal)
                : RejectedRecord.of(jobId, partition, offset, timestamp, reason, valueBuffer, valueOffset, valueLength, fatal));
    }

    public boolean isEmpty()
    {
        return messages == 0;
    }

    public long messages()
    {
        return messages;
    }

    /** Rows the batch has seen: loaded, filtered out by WHERE, or in error (what max_batch_rows counts). */
    public long totalRows()
    {
        return loadedRows + errorRows + unselectedRows;
    }

    /** System.nanoTime() of the batch's first message (meaningless while empty). */
    public long startNanos()
    {
        return startNanos;
    }

    /** Why the last {@link #add} refused its message, or null. */
    public String fatalReason()
    {
        return fatalReason;
    }

    /** Closes the batch: its rows and accounting, then starts an empty one. */
    public SealedBatch seal()
    {
        int rowCount = builder.rowCount();
        TableWrite write = new TableWrite(columnNames, builder.build(), anyDelete ? Arrays.copyOf(deletes, rowCount) : null,
                options.partialColumns(), options.mergeCondition());
        Map<Integer, Long> lastTimestamps = new HashMap<>();
        for (int i = 0; i < touched.length; i++) {
            if (touched[i]) {
                lastTimestamps.put(i, timestamps[i]);
            }
        }
        SealedBatch sealed = new SealedBatch(write, messages, totalRows(), loadedRows, errorRows, unselectedRows, receivedBytes, startNanos,
                new ArrayList<>(rejected), lastTimestamps, oldestTimestamp == Long.MAX_VALUE ? -1 : oldestTimestamp, Optional.ofNullable(lastRejection), Optional.ofNullable(fatalReason));
        clear();
        return sealed;
    }

    private void clear()
    {
        if (anyDelete) {
            Arrays.fill(deletes, false);
            anyDelete = false;
        }
        messages = 0;
        loadedRows = 0;
        errorRows = 0;
        unselectedRows = 0;
        receivedBytes = 0;
        rejected.clear();
        lastRejection = null;
        fatalReason = null;
        Arrays.fill(touched, false);
        oldestTimestamp = Long.MAX_VALUE;
    }

    /** Forgets the open batch (its messages will be read again). */
    public void discard()
    {
        builder.build();
        clear();
    }
}
