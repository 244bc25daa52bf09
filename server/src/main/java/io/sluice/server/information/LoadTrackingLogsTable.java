package io.sluice.server.information;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.storage.Storage;
import io.sluice.storage.load.RejectedRecord;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.sql.SqlKind;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * {@code information_schema.load_tracking_logs}: the rejected records of routine load jobs. StarRocks' columns (ID,
 * JOB_ID, LABEL, DATABASE_NAME, TRACKING_LOG, TYPE) and ours: PARTITION, OFFSET, MESSAGE_TIME, REASON, MESSAGE (the
 * raw message as UTF-8 text, at most 4 KB of it). {@code WHERE job_id = n} reads only that job's records.
 */
final class LoadTrackingLogsTable
        extends InformationTable
        implements FilterableTable
{
    static final String NAME = "load_tracking_logs";

    /** A scan returns at most this many records (the newest): retention may keep up to a million per job. */
    static final int MAX_ROWS = 100_000;

    private static final int JOB_ID_COLUMN = 1;

    static final List<InformationColumn> COLUMNS = List.of(
            InformationColumn.bigint("ID").notNull(),
            InformationColumn.bigint("JOB_ID").notNull(),
            InformationColumn.varchar("LABEL"),
            InformationColumn.varchar("DATABASE_NAME"),
            InformationColumn.varchar("TRACKING_LOG"),
            InformationColumn.varchar("TYPE"),
            InformationColumn.integer("PARTITION"),
            InformationColumn.bigint("OFFSET"),
            InformationColumn.timestamp("MESSAGE_TIME"),
            InformationColumn.varchar("REASON"),
            InformationColumn.varchar("MESSAGE"));

    private final Storage storage;
    private final RoutineLoadManager manager;
    private final Predicate<RoutineLoadJob> visibleJob;

    LoadTrackingLogsTable(Storage storage, RoutineLoadManager manager, Predicate<RoutineLoadJob> visibleJob)
    {
        super(COLUMNS);
        this.visibleJob = requireNonNull(visibleJob, "visibleJob is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.manager = requireNonNull(manager, "manager is null");
    }

    /** Filters stay with Calcite (none is removed from the list); {@code job_id = n} only narrows what is read. */
    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters)
    {
        Map<Long, RoutineLoadJob> jobs = new HashMap<>();
        for (RoutineLoadJob job : manager.jobs()) {
            jobs.put(job.id(), job);
        }
        List<Object[]> rows = new ArrayList<>();
        for (RejectedRecord record : storage.rejectedRecords(jobIdFilter(filters), MAX_ROWS)) {
            RoutineLoadJob job = jobs.get(record.jobId());
            if (visibleJob.test(job)) {
                rows.add(row(record, job));
            }
        }
        return Linq4j.asEnumerable(rows);
    }

    private static OptionalLong jobIdFilter(List<RexNode> filters)
    {
        for (RexNode filter : filters) {
            if (filter.getKind() == SqlKind.EQUALS && filter instanceof RexCall call) {
                RexNode left = call.getOperands().get(0);
                RexNode right = call.getOperands().get(1);
                RexNode literal = left instanceof RexInputRef ? right : left;
                RexNode reference = left instanceof RexInputRef ? left : right;
                if (reference instanceof RexInputRef input && input.getIndex() == JOB_ID_COLUMN && literal instanceof RexLiteral value
                        && value.getValue() instanceof BigDecimal number) {
                    try {
                        return OptionalLong.of(number.longValueExact());
                    }
                    catch (ArithmeticException e) {
                        // not a job id: let Calcite's filter find nothing
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    static Object[] row(RejectedRecord record, RoutineLoadJob job)
    {
        String message = new String(record.message(), StandardCharsets.UTF_8);
        return new Object[] {
                record.sequence(),
                record.jobId(),
                job == null ? null : job.definition().name(),
                job == null ? null : job.definition().databaseName(),
                trackingLog(record, message),
                "ROUTINE_LOAD",
                record.partition(),
                record.offset(),
                record.messageTimestampMillis() < 0 ? null : timestamp(record.messageTimestampMillis()),
                record.reason(),
                message};
    }

    /** One readable line: the reason, where the message was, and the message itself (line breaks escaped). */
    static String trackingLog(RejectedRecord record, String message)
    {
        StringBuilder line = new StringBuilder("Error: ").append(oneLine(record.reason()))
                .append(". Partition: ").append(record.partition())
                .append(", offset: ").append(record.offset())
                .append(". Message: ").append(oneLine(message));
        if (record.messageLength() > record.message().length) {
            line.append("... (").append(record.messageLength()).append(" bytes)");
        }
        return line.toString();
    }

    private static String oneLine(String text)
    {
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }
}
