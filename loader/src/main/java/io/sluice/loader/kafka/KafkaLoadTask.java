package io.sluice.loader.kafka;

import io.sluice.loader.decode.CsvMessageDecoder;
import io.sluice.loader.decode.JsonMessageDecoder;
import io.sluice.loader.decode.MessageDecoder;
import io.sluice.loader.decode.RowAssembler;
import io.sluice.loader.decode.RowConsumer;
import io.sluice.loader.decode.SourceRow;
import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.job.JobProperties;
import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.StateChangeReason;
import io.sluice.loader.job.TaskListener;
import io.sluice.storage.Storage;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.table.TableData;
import io.sluice.storage.table.TableWrite;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Consumes a job's partitions and commits batches through storage until stopped. Each commit publishes the rows,
 * the next offsets and the counters atomically under the job generation the task was started with, so a task the
 * job no longer owns cannot commit, and a restart resumes exactly after the last commit.
 *
 * <p>A batch closes when it holds max_batch_rows rows, when the consumer has caught up, or after
 * {@link #MAX_BATCH_LATENCY_MILLIS} (or max_batch_interval, if lower), so rows become visible within a second.
 */
public final class KafkaLoadTask
        implements Runnable
{
    private static final Logger log = LoggerFactory.getLogger(KafkaLoadTask.class);

    static final long MAX_BATCH_LATENCY_MILLIS = 500;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long LATEST_OFFSETS_REFRESH_MILLIS = 2000;
    private static final long RETRY_BACKOFF_MILLIS = 1000;

    private final RoutineLoadJob job;
    private final long generation;
    private final Storage storage;
    private final ExpressionCompiler expressionCompiler;
    private final TaskListener listener;
    private volatile boolean stopped;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public KafkaLoadTask(RoutineLoadJob job, long generation, Storage storage, ExpressionCompiler expressionCompiler, TaskListener listener)
    {
        this.job = requireNonNull(job, "job is null");
        this.generation = generation;
        this.storage = requireNonNull(storage, "storage is null");
        this.expressionCompiler = requireNonNull(expressionCompiler, "expressionCompiler is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Asks the task to end; it discards its open batch (its generation is stale anyway). */
    public void stop()
    {
        stopped = true;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run()
    {
        try {
            TableData table = storage.tableData(job.tableId())
                    .orElseThrow(() -> new SluiceException(ErrorCode.NO_SUCH_TABLE, "Table " + job.definition().tableName() + " does not exist any more"));
            JobProperties properties = job.properties();
            RowAssembler assembler = new RowAssembler(table.table().schema(), job.definition().columns(), job.definition().where(),
                    properties.strictMode(), expressionCompiler, properties.timeZone());
            MessageDecoder decoder = decoder(properties, assembler);
            while (!stopped) {
                try (KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerProperties())) {
                    consumer = kafkaConsumer;
                    if (stopped) {
                        return;
                    }
                    consume(kafkaConsumer, table, assembler, decoder);
                }
                catch (WakeupException e) {
                    return;
                }
                catch (SluiceException e) {
                    if (e.errorCode() == ErrorCode.STALE_LOAD_COMMIT || stopped) {
                        return;
                    }
                    throw e;
                }
                catch (org.apache.kafka.common.KafkaException e) {
                    if (stopped) {
                        return;
                    }
                    // Broker trouble: keep retrying and say so in SHOW ROUTINE LOAD, never stall silently.
                    job.recordOtherMessage("Kafka error, retrying: " + e.getMessage());
                    log.warn("Routine load job {}: Kafka error, retrying: {}", job.definition().name(), e.toString());
                    sleep(RETRY_BACKOFF_MILLIS);
                }
            }
        }
        catch (SluiceException e) {
            if (!stopped && e.errorCode() != ErrorCode.STALE_LOAD_COMMIT) {
                listener.pauseJob(job, generation, new StateChangeReason(StateChangeReason.TASKS_ABORT, e.getMessage()));
            }
        }
        catch (RuntimeException e) {
            if (!stopped) {
                log.error("Routine load job {} failed", job.definition().name(), e);
                listener.pauseJob(job, generation, new StateChangeReason(StateChangeReason.TASKS_ABORT, "Task failed: " + e));
            }
        }
        finally {
            consumer = null;
            job.recordTaskCount(0);
        }
    }

    private MessageDecoder decoder(JobProperties properties, RowAssembler assembler)
    {
        int sourceCount = assembler.sourceNames().size();
        if (properties.format().equals("json")) {
            return new JsonMessageDecoder(assembler.sourceNames(), properties.jsonPaths(), properties.jsonRoot(), properties.stripOuterArray());
        }
        return new CsvMessageDecoder(sourceCount,
                job.definition().columnSeparator().orElse("\t"),
                job.definition().rowDelimiter().orElse("\n"),
                properties.trimSpace());
    }

    private Properties consumerProperties()
    {
        KafkaSourceProperties source = job.source();
        Properties properties = new Properties();
        properties.putAll(source.consumerProperties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source.brokerList());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, source.groupId().orElse(job.definition().name() + "_" + job.id()));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-" + job.definition().name());
        properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        return properties;
    }

    private void consume(KafkaConsumer<byte[], byte[]> kafkaConsumer, TableData table, RowAssembler assembler, MessageDecoder decoder)
    {
        KafkaSourceProperties source = job.source();
        List<TopicPartition> partitions = partitions(kafkaConsumer, source);
        if (partitions.isEmpty()) {
            return;
        }
        kafkaConsumer.assign(partitions);
        Map<Integer, Long> committed = job.committedOffsets();
        List<TopicPartition> unpinned = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long next = committed.get(partition.partition());
            if (next != null) {
                kafkaConsumer.seek(partition, next);
                continue;
            }
            unpinned.add(partition);
            String start = source.startOffset(partition.partition());
            if (start.equals(KafkaSourceProperties.OFFSET_BEGINNING)) {
                kafkaConsumer.seekToBeginning(List.of(partition));
            }
            else if (start.equals(KafkaSourceProperties.OFFSET_END)) {
                kafkaConsumer.seekToEnd(List.of(partition));
            }
            else {
                kafkaConsumer.seek(partition, Long.parseLong(start));
            }
        }
        // Positions only once every partition has one: position() resolves all pending seeks of the assignment.
        Map<Integer, Long> startOffsets = new TreeMap<>();
        for (TopicPartition partition : unpinned) {
            startOffsets.put(partition.partition(), kafkaConsumer.position(partition));
        }
        if (!startOffsets.isEmpty()) {
            // Pin OFFSET_BEGINNING/OFFSET_END to numbers now, so a restart before the first batch starts at the same place.
            storage.commitLoad(job.tableId(), new LoadCommit(job.id(), generation, TableWrite.rows(table.table().schema(), new ColumnBatchBuilder(table.physicalTypes()).build()), startOffsets, LoadJobCounters.ZERO));
            job.recordCommit(LoadJobCounters.ZERO, startOffsets, Map.of());
        }
        job.recordTaskCount(Math.min(partitions.size(), job.properties().desiredConcurrentNumber()));
        job.recordOtherMessage("");

        BatchState batch = new BatchState(table, assembler, decoder);
        long lastLatestRefresh = 0;
        long maxBatchRows = job.properties().maxBatchRows();
        long maxLatency = Math.min(MAX_BATCH_LATENCY_MILLIS, job.properties().maxBatchIntervalSeconds() * 1000);
        while (!stopped) {
            ConsumerRecords<byte[], byte[]> records = kafkaConsumer.poll(POLL_TIMEOUT);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                batch.add(record);
            }
            long now = System.currentTimeMillis();
            if (now - lastLatestRefresh >= LATEST_OFFSETS_REFRESH_MILLIS) {
                refreshLatestOffsets(kafkaConsumer, partitions);
                lastLatestRefresh = now;
            }
            if (batch.messages > 0 && (records.isEmpty() || batch.totalRows() >= maxBatchRows || now - batch.startMillis >= maxLatency)) {
                commit(kafkaConsumer, batch);
                if (batch.windowErrorRows > job.properties().maxErrorNumber()) {
                    listener.pauseJob(job, generation, new StateChangeReason(StateChangeReason.TOO_MANY_FAILURE_ROWS,
                            "Current error rows: " + batch.windowErrorRows + " is more than max error num: " + job.properties().maxErrorNumber()
                                    + ". Check the 'TrackingSQL' field for detailed information. If you are sure that the data has many errors, "
                                    + "you can set 'max_error_number' property to a greater value through ALTER ROUTINE LOAD and RESUME the job"));
                    return;
                }
                if (batch.windowTotalRows > 10 * maxBatchRows) {
                    batch.windowTotalRows = 0;
                    batch.windowErrorRows = 0;
                }
            }
        }
    }

    /** The partitions to consume; empty (after saying why in OtherMsg and backing off) while the topic is not there. */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> kafkaConsumer, KafkaSourceProperties source)
    {
        List<PartitionInfo> infos = kafkaConsumer.partitionsFor(source.topic(), Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            job.recordOtherMessage("Topic " + source.topic() + " does not exist or has no partitions yet; retrying");
            sleep(RETRY_BACKOFF_MILLIS);
            return List.of();
        }
        List<Integer> existing = new ArrayList<>();
        for (PartitionInfo info : infos) {
            existing.add(info.partition());
        }
        List<Integer> wanted = source.partitions().isEmpty() ? existing : source.partitions();
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition : wanted) {
            if (!existing.contains(partition)) {
                job.recordOtherMessage("Partition " + partition + " of topic " + source.topic() + " does not exist; retrying");
                sleep(RETRY_BACKOFF_MILLIS);
                return List.of();
            }
            partitions.add(new TopicPartition(source.topic(), partition));
        }
        partitions.sort((left, right) -> Integer.compare(left.partition(), right.partition()));
        return partitions;
    }

    private void refreshLatestOffsets(KafkaConsumer<byte[], byte[]> kafkaConsumer, List<TopicPartition> partitions)
    {
        Map<TopicPartition, Long> ends = kafkaConsumer.endOffsets(partitions, Duration.ofSeconds(5));
        Map<Integer, Long> latest = new TreeMap<>();
        ends.forEach((partition, offset) -> latest.put(partition.partition(), offset));
        job.recordLatestOffsets(latest);
    }

    private void commit(KafkaConsumer<byte[], byte[]> kafkaConsumer, BatchState batch)
    {
        long elapsed = System.currentTimeMillis() - batch.startMillis;
        LoadJobCounters increments = new LoadJobCounters(batch.totalRows(), batch.loadedRows, batch.errorRows, batch.unselectedRows,
                batch.receivedBytes, 1, 0, elapsed);
        Map<Integer, Long> nextOffsets = batch.consumedPartitions(batch.nextOffsets);
        storage.commitLoad(job.tableId(), new LoadCommit(job.id(), generation, TableWrite.rows(batch.schema, batch.builder.build()), nextOffsets, increments));
        job.recordCommit(increments, nextOffsets, batch.consumedPartitions(batch.timestamps));
        if (batch.errorRows > 0) {
            job.recordOtherMessage("Last rejected row: " + batch.lastError);
        }
        // Consumer-group offsets are for monitoring tools only; the truth is in the storage commit.
        Map<TopicPartition, OffsetAndMetadata> groupOffsets = new HashMap<>();
        nextOffsets.forEach((partition, offset) -> groupOffsets.put(new TopicPartition(job.source().topic(), partition), new OffsetAndMetadata(offset)));
        kafkaConsumer.commitAsync(groupOffsets, null);
        batch.reset();
    }

    private static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The open batch: rows built so far and what they account for. */
    private static final class BatchState
            implements RowConsumer
    {
        private final ColumnBatchBuilder builder;
        // The schema the builder's columns follow; if ALTER TABLE changes the table meanwhile, storage maps by name.
        private final TableSchema schema;
        private final RowAssembler assembler;
        private final MessageDecoder decoder;
        // Indexed by partition number, so recording a message's position boxes nothing.
        private long[] nextOffsets = new long[0];
        private long[] timestamps = new long[0];
        private boolean[] consumed = new boolean[0];
        private long startMillis;
        private long messages;
        private long loadedRows;
        private long errorRows;
        private long unselectedRows;
        private long receivedBytes;
        private long windowTotalRows;
        private long windowErrorRows;
        private String lastError = "";

        private ConsumerRecord<byte[], byte[]> currentRecord;

        BatchState(TableData table, RowAssembler assembler, MessageDecoder decoder)
        {
            this.schema = table.table().schema();
            this.builder = new ColumnBatchBuilder(TableData.physicalTypes(schema));
            this.assembler = assembler;
            this.decoder = decoder;
        }

        void add(ConsumerRecord<byte[], byte[]> record)
        {
            if (messages == 0) {
                startMillis = System.currentTimeMillis();
            }
            messages++;
            currentRecord = record;
            byte[] value = record.value();
            if (value == null) {
                reject("The message value is null");
            }
            else {
                receivedBytes += value.length;
                decoder.decode(value, this);
            }
            int partition = record.partition();
            if (partition >= consumed.length) {
                int size = partition + 1;
                nextOffsets = Arrays.copyOf(nextOffsets, size);
                timestamps = Arrays.copyOf(timestamps, size);
                consumed = Arrays.copyOf(consumed, size);
            }
            nextOffsets[partition] = record.offset() + 1;
            timestamps[partition] = record.timestamp();
            consumed[partition] = true;
        }

        @Override
        public void accept(SourceRow row)
        {
            switch (assembler.assemble(row, builder)) {
                case RowAssembler.LOADED -> loadedRows++;
                case RowAssembler.UNSELECTED -> unselectedRows++;
                default -> reject(assembler.errorMessage());
            }
        }

        @Override
        public void reject(String reason)
        {
            errorRows++;
            lastError = "partition " + currentRecord.partition() + ", offset " + currentRecord.offset() + ": " + reason;
        }

        /** The values of the partitions this batch consumed, by partition. */
        Map<Integer, Long> consumedPartitions(long[] values)
        {
            Map<Integer, Long> result = new HashMap<>();
            for (int partition = 0; partition < consumed.length; partition++) {
                if (consumed[partition]) {
                    result.put(partition, values[partition]);
                }
            }
            return result;
        }

        long totalRows()
        {
            return loadedRows + errorRows + unselectedRows;
        }

        void reset()
        {
            windowTotalRows += totalRows();
            windowErrorRows += errorRows;
            Arrays.fill(consumed, false);
            messages = 0;
            loadedRows = 0;
            errorRows = 0;
            unselectedRows = 0;
            receivedBytes = 0;
        }
    }
}
