package io.sluice.loader.decode;

import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.expression.RowExpression;
import io.sluice.loader.job.ColumnMapping;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a decoded {@link SourceRow} into a table row of the batch: applies the COLUMNS mapping (source columns by
 * position, computed columns by expression), the WHERE filter, type conversion, strict mode and NOT NULL checks.
 * Built once per job; {@link #assemble} runs per row and allocates only when expressions are involved.
 */
public final class RowAssembler
{
    public static final int LOADED = 0;
    public static final int UNSELECTED = 1;
    public static final int ERROR = 2;

    private static final int UNMAPPED = -1;
    private static final DateTimeFormatter CURRENT_TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final TableSchema schema;
    private final List<String> sourceNames;
    private final int mappingCount;
    private final int[] sourceSlotOfColumn;
    private final int[] mappingOfColumn;
    private final RowExpression[] expressions;
    private final RowExpression where;
    private final boolean strictMode;
    private final Object[] inputs;
    private final Clock clock;
    private String errorMessage;

    public RowAssembler(TableSchema schema, List<ColumnMapping> columns, Optional<String> where, boolean strictMode, ExpressionCompiler compiler, String timeZone)
    {
        this(schema, columns, where, strictMode, compiler, timeZone, Clock.systemUTC());
    }

    /** @param clock the time of CURRENT_TIMESTAMP defaults, seen in the job's time zone */
    RowAssembler(TableSchema schema, List<ColumnMapping> columns, Optional<String> where, boolean strictMode, ExpressionCompiler compiler, String timeZone, Clock clock)
    {
        this.schema = schema;
        try {
            this.clock = clock.withZone(ZoneId.of(timeZone));
        }
        catch (DateTimeException e) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Unknown or incorrect time zone: '" + timeZone + "'");
        }
        this.strictMode = strictMode;
        List<ColumnMapping> mappings = columns.isEmpty() ? tableColumns(schema) : columns;
        this.mappingCount = mappings.size();
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        int[] slotOfMapping = new int[mappingCount];
        for (int i = 0; i < mappingCount; i++) {
            ColumnMapping mapping = mappings.get(i);
            for (String seen : names) {
                if (seen.equalsIgnoreCase(mapping.name())) {
                    throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Duplicate column: " + mapping.name());
                }
            }
            names.add(mapping.name());
            slotOfMapping[i] = mapping.isSource() ? sources.size() : UNMAPPED;
            if (mapping.isSource()) {
                sources.add(mapping.name());
            }
        }
        this.sourceNames = List.copyOf(sources);

        boolean anyExpression = where.isPresent();
        this.expressions = new RowExpression[mappingCount];
        for (int i = 0; i < mappingCount; i++) {
            Optional<String> expression = mappings.get(i).expression();
            if (expression.isPresent()) {
                expressions[i] = compiler.compile(expression.get(), names, timeZone);
                anyExpression = true;
            }
        }
        this.where = where.map(text -> compiler.compile(text, names, timeZone)).orElse(null);
        this.inputs = anyExpression ? new Object[mappingCount] : null;

        int columnCount = schema.columns().size();
        this.sourceSlotOfColumn = new int[columnCount];
        this.mappingOfColumn = new int[columnCount];
        for (int column = 0; column < columnCount; column++) {
            sourceSlotOfColumn[column] = UNMAPPED;
            mappingOfColumn[column] = UNMAPPED;
            for (int i = 0; i < mappingCount; i++) {
                if (names.get(i).equalsIgnoreCase(schema.column(column).name())) {
                    mappingOfColumn[column] = i;
                    sourceSlotOfColumn[column] = slotOfMapping[i];
                }
            }
        }
    }

    private static List<ColumnMapping> tableColumns(TableSchema schema)
    {
        List<ColumnMapping> mappings = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            mappings.add(new ColumnMapping(column.name(), Optional.empty()));
        }
        return mappings;
    }

    /** Names of the source columns, in slot order: what a decoder extracts from each message. */
    public List<String> sourceNames()
    {
        return sourceNames;
    }

    /** The reason of the last {@link #ERROR}. */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * Adds the row to the builder; returns {@link #LOADED}, {@link #UNSELECTED} (WHERE said no) or {@link #ERROR}
     * (nothing added; see {@link #errorMessage()}).
     */
    public int assemble(SourceRow source, ColumnBatchBuilder builder)
    {
        try {
            if (inputs != null && !evaluateExpressions(source)) {
                builder.discardRow();
                return UNSELECTED;
            }
            for (int column = 0; column < sourceSlotOfColumn.length; column++) {
                ColumnSchema columnSchema = schema.column(column);
                int slot = sourceSlotOfColumn[column];
                boolean isNull;
                if (slot != UNMAPPED) {
                    isNull = storeSource(builder, column, columnSchema, source, slot);
                }
                else if (mappingOfColumn[column] != UNMAPPED) {
                    isNull = storeComputed(builder, column, columnSchema, inputs[mappingOfColumn[column]]);
                }
                else {
                    isNull = storeDefault(builder, column, columnSchema);
                }
                if (isNull && !columnSchema.nullable()) {
                    throw new ConversionException("NULL value in non-nullable column " + columnSchema.name());
                }
            }
            builder.commitRow();
            return LOADED;
        }
        catch (ConversionException e) {
            builder.discardRow();
            errorMessage = e.getMessage();
            return ERROR;
        }
        catch (RuntimeException e) {
            builder.discardRow();
            errorMessage = "Expression failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            return ERROR;
        }
    }

    private boolean evaluateExpressions(SourceRow source)
    {
        for (int i = 0, slot = 0; i < mappingCount; i++) {
            inputs[i] = expressions[i] == null ? source.objectValue(slot++) : null;
        }
        for (int i = 0; i < mappingCount; i++) {
            if (expressions[i] != null) {
                inputs[i] = expressions[i].evaluate(inputs);
            }
        }
        return where == null || Boolean.TRUE.equals(where.evaluate(inputs));
    }

    private boolean storeSource(ColumnBatchBuilder builder, int column, ColumnSchema columnSchema, SourceRow source, int slot)
            throws ConversionException
    {
        byte kind = source.kind(slot);
        if (kind == SourceRow.NULL || kind == SourceRow.MISSING) {
            builder.setNull(column);
            return true;
        }
        try {
            ValueConverter.store(builder, column, columnSchema, source, slot);
            return false;
        }
        catch (ConversionException e) {
            if (strictMode) {
                throw e;
            }
            builder.setNull(column);
            return true;
        }
    }

    private boolean storeComputed(ColumnBatchBuilder builder, int column, ColumnSchema columnSchema, Object value)
            throws ConversionException
    {
        try {
            ValueConverter.storeObject(builder, column, columnSchema, value);
            return value == null;
        }
        catch (ConversionException e) {
            if (strictMode) {
                throw e;
            }
            builder.setNull(column);
            return true;
        }
    }

    private boolean storeDefault(ColumnBatchBuilder builder, int column, ColumnSchema columnSchema)
            throws ConversionException
    {
        Optional<String> defaultValue = columnSchema.defaultValue();
        if (defaultValue.isEmpty()) {
            builder.setNull(column);
            return true;
        }
        String text = defaultValue.get();
        if (text.equalsIgnoreCase("CURRENT_TIMESTAMP")) {
            // Always with seconds: LocalDateTime.toString() drops ":00", which no DATETIME parser accepts.
            text = CURRENT_TIMESTAMP_FORMAT.format(LocalDateTime.now(clock));
        }
        ValueConverter.storeObject(builder, column, columnSchema, text);
        return false;
    }
}
