package io.sluice.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.loader.job.RoutineLoadShow;
import io.sluice.loader.kafka.KafkaSourceProperties;
import io.sluice.storage.Storage;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.load.RejectedRecord;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The JSON endpoints: health, jobs (with the sampled history the console draws), tables and a job's rejected
 * records. Secret source properties (SASL/SSL passwords...) are masked exactly as SHOW ROUTINE LOAD masks them.
 */
final class ConsoleApi
{
    /** The newest rejected records a request returns at most. */
    static final int REJECTED_LIMIT = 200;

    private static final JsonFactory JSON = new JsonFactory();

    private final Storage storage;
    private final RoutineLoadManager manager;
    private final ServerMetrics serverMetrics;
    private final JobSampler sampler;
    private final BooleanSupplier mysqlListening;
    private final BooleanSupplier storageOpen;

    ConsoleApi(Storage storage, RoutineLoadManager manager, ServerMetrics serverMetrics, JobSampler sampler, BooleanSupplier mysqlListening,
            BooleanSupplier storageOpen)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.manager = requireNonNull(manager, "manager is null");
        this.serverMetrics = requireNonNull(serverMetrics, "serverMetrics is null");
        this.sampler = requireNonNull(sampler, "sampler is null");
        this.mysqlListening = requireNonNull(mysqlListening, "mysqlListening is null");
        this.storageOpen = requireNonNull(storageOpen, "storageOpen is null");
    }

    HttpResponse health(HttpRouter.Request request)
    {
        boolean mysql = mysqlListening.getAsBoolean();
        boolean storageUp = storageOpen.getAsBoolean();
        boolean up = mysql && storageUp;
        String body = write(json -> {
            json.writeStartObject();
            json.writeStringField("status", up ? "UP" : "DOWN");
            json.writeObjectFieldStart("components");
            json.writeStringField("mysql", mysql ? "UP" : "DOWN");
            json.writeStringField("storage", storageUp ? "UP" : "DOWN");
            json.writeEndObject();
            json.writeNumberField("uptimeSeconds", Math.max(0, System.currentTimeMillis() - serverMetrics.startMillis()) / 1000);
            json.writeEndObject();
        });
        return HttpResponse.json(up ? 200 : 503, body);
    }

    HttpResponse jobs(HttpRouter.Request request)
    {
        long now = System.currentTimeMillis();
        List<RoutineLoadJob> jobs = manager.jobs();
        String body = write(json -> {
            json.writeStartObject();
            json.writeNumberField("sampleIntervalSeconds", sampler.intervalMillis() / 1000.0);
            json.writeArrayFieldStart("jobs");
            for (RoutineLoadJob job : jobs) {
                writeJob(json, job, now);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
        return HttpResponse.json(200, body);
    }

    private void writeJob(JsonGenerator json, RoutineLoadJob job, long now)
            throws IOException
    {
        LoadJobCounters counters = job.counters();
        JobLag lag = JobLag.of(job, now, serverMetrics.startMillis());
        Optional<SampleRing.Samples> samples = sampler.samples(job.id());
        json.writeStartObject();
        json.writeNumberField("id", job.id());
        json.writeStringField("name", job.definition().name());
        json.writeStringField("database", job.definition().databaseName());
        json.writeStringField("table", job.definition().tableName());
        json.writeStringField("state", job.displayState());
        json.writeStringField("stateReason", job.stateReason().orElse(""));
        json.writeStringField("otherMessage", job.otherMessage());
        json.writeStringField("topic", job.source().topic());
        json.writeStringField("brokerList", job.source().brokerList());
        json.writeNumberField("loadedRows", counters.loadedRows());
        json.writeNumberField("errorRows", counters.errorRows());
        json.writeNumberField("unselectedRows", counters.unselectedRows());
        json.writeNumberField("totalRows", counters.totalRows());
        json.writeNumberField("receivedBytes", counters.receivedBytes());
        json.writeNumberField("rowsPerSecond", samples.map(ConsoleApi::lastRate).orElse(0.0));
        json.writeNumberField("offsetLag", lag.totalOffsetLag());
        json.writeNumberField("lagSeconds", lag.lagSeconds());
        json.writeObjectFieldStart("partitionOffsetLag");
        for (Map.Entry<Integer, Long> entry : lag.offsetLag().entrySet()) {
            json.writeNumberField(Integer.toString(entry.getKey()), entry.getValue());
        }
        json.writeEndObject();
        // Kafka client properties, secrets masked as in SHOW ROUTINE LOAD's CustomProperties.
        json.writeObjectFieldStart("customProperties");
        for (Map.Entry<String, String> entry : job.definition().dataSourceProperties().entrySet()) {
            String key = entry.getKey().trim();
            if (key.toLowerCase(Locale.ROOT).startsWith(KafkaSourceProperties.PROPERTY_PREFIX)) {
                String name = key.substring(KafkaSourceProperties.PROPERTY_PREFIX.length());
                json.writeStringField(name, KafkaSourceProperties.displayValue(name, entry.getValue().trim()));
            }
        }
        json.writeEndObject();
        json.writeStringField("trackingSql", RoutineLoadShow.trackingSql(job));
        json.writeObjectFieldStart("history");
        SampleRing.Samples history = samples.orElse(new SampleRing(1).snapshot());
        writeArray(json, "timesMillis", history.timesMillis());
        writeArray(json, "rowsPerSecond", history.rowsPerSecond());
        writeArray(json, "offsetLag", history.offsetLag());
        writeArray(json, "lagSeconds", history.lagSeconds());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static double lastRate(SampleRing.Samples samples)
    {
        return samples.size() == 0 ? 0 : samples.rowsPerSecond()[samples.size() - 1];
    }

    private static void writeArray(JsonGenerator json, String name, long[] values)
            throws IOException
    {
        json.writeArrayFieldStart(name);
        for (long value : values) {
            json.writeNumber(value);
        }
        json.writeEndArray();
    }

    private static void writeArray(JsonGenerator json, String name, double[] values)
            throws IOException
    {
        json.writeArrayFieldStart(name);
        for (double value : values) {
            // two decimals are plenty for a graph, and keep the answer small
            json.writeNumber(Math.round(value * 100) / 100.0);
        }
        json.writeEndArray();
    }

    HttpResponse tables(HttpRouter.Request request)
    {
        List<TableStatistics> tables = TableStatistics.all(storage);
        String body = write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("tables");
            for (TableStatistics table : tables) {
                json.writeStartObject();
                json.writeStringField("database", table.database());
                json.writeStringField("table", table.table());
                json.writeNumberField("rows", table.rows());
                json.writeNumberField("segments", table.segments());
                json.writeNumberField("bytes", table.bytes());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
        return HttpResponse.json(200, body);
    }

    /** {@code /api/jobs/{name}/rejected[?database=db]}: the database may be left out when the name is unique. */
    HttpResponse rejected(HttpRouter.Request request)
    {
        String name = request.pathParameter(0);
        String database = request.query().get("database");
        List<RoutineLoadJob> matches = new ArrayList<>();
        for (RoutineLoadJob job : manager.jobs()) {
            if (job.definition().name().equals(name) && (database == null || job.definition().databaseName().equals(database))) {
                matches.add(job);
            }
        }
        if (matches.isEmpty()) {
            return HttpResponse.error(404, "Not Found: no routine load job " + name + (database == null ? "" : " in database " + database));
        }
        if (matches.size() > 1) {
            return HttpResponse.error(400, "Bad Request: jobs named " + name + " exist in several databases; add ?database=");
        }
        RoutineLoadJob job = matches.get(0);
        List<RejectedRecord> records = storage.rejectedRecords(OptionalLong.of(job.id()), REJECTED_LIMIT);
        String body = write(json -> {
            json.writeStartObject();
            json.writeStringField("job", job.definition().name());
            json.writeStringField("database", job.definition().databaseName());
            json.writeNumberField("errorRows", job.counters().errorRows());
            json.writeArrayFieldStart("records");
            // newest first: what someone looking at a failing job wants to see
            for (int i = records.size() - 1; i >= 0; i--) {
                RejectedRecord record = records.get(i);
                json.writeStartObject();
                json.writeNumberField("id", record.sequence());
                json.writeNumberField("partition", record.partition());
                json.writeNumberField("offset", record.offset());
                if (record.messageTimestampMillis() >= 0) {
                    json.writeNumberField("messageTimeMillis", record.messageTimestampMillis());
                }
                else {
                    json.writeNullField("messageTimeMillis");
                }
                json.writeStringField("reason", record.reason());
                json.writeStringField("message", new String(record.message(), StandardCharsets.UTF_8));
                json.writeNumberField("messageLength", record.messageLength());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
        return HttpResponse.json(200, body);
    }

    @FunctionalInterface
    private interface JsonBody
    {
        void write(JsonGenerator json)
                throws IOException;
    }

    private static String write(JsonBody body)
    {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            body.write(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
