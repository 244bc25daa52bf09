package io.sluice.loader.decode;

import io.sluice.loader.expression.ExpressionCompiler;
import io.sluice.loader.expression.RowExpression;
import io.sluice.loader.job.ColumnMapping;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.table.ColumnDefaults;
import io.sluice.storage.type.ColumnType;
import io.sluice.storage.type.PhysicalType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a decoded {@link SourceRow} into a table row of the batch, the way StarRocks loads do:
 * <ol>
 * <li>COLUMNS: source columns by position, computed columns by expression (over the source values and earlier
 * computed columns), temporary columns (names that are not table columns) usable in later expressions;</li>
 * <li>{@code __op} (PRIMARY KEY tables): 1 or 'delete' deletes the row's key, 0, 'upsert' or NULL upserts;</li>
 * <li>type conversion into every table column: a missing value takes the column's default; a value that cannot be
 * read as the type is NULL when strict_mode is off and an error row when on; a value that does not fit (out of range,
 * too long, too many decimals) is always an error row;</li>
 * <li>WHERE, on the converted values (temporary columns: their source or computed value); a row it does not keep is
 * unselected, not an error;</li>
 * <li>NOT NULL: NULL in a NOT NULL column is an error row. A delete row only needs valid keys; a partial update only
 * the columns it writes.</li>
 * </ol>
 * Built once per task; {@link #assemble} runs per row and allocates nothing for plain mappings: a text column gets
 * shared Strings while its values repeat and their UTF-8 bytes while they do not. Expressions and WHERE box their
 * inputs.
 */
public final class RowAssembler
{
    public static final int LOADED = 0;
    public static final int UNSELECTED = 1;
    public static final int ERROR = 2;

    /** The load column that selects upsert or delete on PRIMARY KEY tables; never a table column. */
    public static final String OPERATION_COLUMN = "__op";

    private static final int UNMAPPED = -1;
    private static final DateTimeFormatter CURRENT_TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATETIME_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    private final ColumnSchema[] columns;
    private final PhysicalType[] physicalTypes;
    private final int keyCount;
    private final boolean strictMode;
    private final boolean partialUpdate;
    private final Clock clock;

    private final int mappingCount;
    /** Per mapping: its source slot, or UNMAPPED for a computed one. */
    private final int[] slotOfMapping;
    /** Per mapping: its table column, or UNMAPPED for a temporary column or __op. */
    private final int[] columnOfMapping;
    private final RowExpression[] expressions;
    private final RowExpression where;
    /** Per mapping: whether an expression or WHERE may read its source value as an object. */
    private final boolean[] inputNeeded;
    /** Per mapping: whether WHERE may read it. */
    private final boolean[] whereNeeded;
    /** Per table column: its mapping, or UNMAPPED (default value). */
    private final int[] mappingOfColumn;
    /**
     * Per table column: the most characters of a text column taken as its source text is (CHAR, VARCHAR, STRING,
     * not read by WHERE), which may then skip the String; else -1.
     */
    private final int[] plainTextLimits;
    private final int operationMapping;
    private final Object[] inputs;
    private final Object[] whereInputs;
    private final List<String> sourceNames;
    private final Set<String> targetColumns;

    // Defaults of unmapped and missing values, converted once.
    private final boolean[] defaultIsCurrentTimestamp;
    private final Object[] defaults;
    private long currentTimestampSecond = Long.MIN_VALUE;
    private final Object[] currentTimestampDefaults;

    // The row being assembled, converted.
    private final long[] longs;
    private final double[] doubles;
    private final String[] strings;
    private final boolean[] nulls;
    private final SourceRow scratch = new SourceRow(1);

    private String errorMessage;
    private boolean lastRowDeletes;

    public RowAssembler(TableSchema schema, List<ColumnMapping> columns, Optional<String> where, boolean strictMode, ExpressionCompiler compiler, String timeZone)
    {
        this(schema, columns, where, strictMode, false, compiler, timeZone);
    }

    /**
     * @param partialUpdate the load writes only the table columns of the mapping ({@link #targetColumns()}); the others
     *         are not checked here (storage gives new keys their defaults)
     */
    public RowAssembler(TableSchema schema, List<ColumnMapping> columns, Optional<String> where, boolean strictMode, boolean partialUpdate,
            ExpressionCompiler compiler, String timeZone)
    {
        this(schema, columns, where, strictMode, partialUpdate, compiler, timeZone, Clock.systemUTC());
    }

    /** @param clock the time of CURRENT_TIMESTAMP defaults, seen in the job's time zone */
    RowAssembler(TableSchema schema, List<ColumnMapping> columns, Optional<String> where, boolean strictMode, boolean partialUpdate,
            ExpressionCompiler compiler, String timeZone, Clock clock)
    {
        try {
            this.clock = clock.withZone(ZoneId.of(timeZone));
        }
        catch (DateTimeException e) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Unknown or incorrect time zone: '" + timeZone + "'");
        }
        this.strictMode = strictMode;
        this.partialUpdate = partialUpdate;
        this.columns = schema.columns().toArray(new ColumnSchema[0]);
        int columnCount = this.columns.length;
        this.physicalTypes = new PhysicalType[columnCount];
        for (int column = 0; column < columnCount; column++) {
            physicalTypes[column] = this.columns[column].type().physicalType();
        }
        this.keyCount = schema.keyColumnCount();

        List<ColumnMapping> mappings = columns.isEmpty() ? tableColumns(schema) : columns;
        this.mappingCount = mappings.size();
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        this.slotOfMapping = new int[mappingCount];
        this.columnOfMapping = new int[mappingCount];
        int operation = UNMAPPED;
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
            if (mapping.name().equalsIgnoreCase(OPERATION_COLUMN)) {
                if (schema.keyModel() != KeyModel.PRIMARY) {
                    throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                            "__op is only supported for PRIMARY KEY tables, not for " + schema.keyModel().name() + " KEY tables");
                }
                operation = i;
                columnOfMapping[i] = UNMAPPED;
            }
            else {
                columnOfMapping[i] = schema.columnIndex(mapping.name());
            }
        }
        this.operationMapping = operation;
        this.sourceNames = List.copyOf(sources);

        this.mappingOfColumn = new int[columnCount];
        Set<String> targets = new LinkedHashSet<>();
        for (int column = 0; column < columnCount; column++) {
            mappingOfColumn[column] = UNMAPPED;
            for (int i = 0; i < mappingCount; i++) {
                if (columnOfMapping[i] == column) {
                    mappingOfColumn[column] = i;
                    targets.add(this.columns[column].name());
                }
            }
        }
        this.targetColumns = Collections.unmodifiableSet(targets);

        this.expressions = new RowExpression[mappingCount];
        this.inputNeeded = new boolean[mappingCount];
        this.whereNeeded = new boolean[mappingCount];
        List<String> expressionTexts = new ArrayList<>();
        for (int i = 0; i < mappingCount; i++) {
            Optional<String> expression = mappings.get(i).expression();
            if (expression.isPresent()) {
                expressions[i] = compiler.compile(expression.get(), names, timeZone);
                expressionTexts.add(expression.get().toLowerCase(Locale.ROOT));
            }
        }
        this.where = where.map(text -> compiler.compile(text, names, timeZone)).orElse(null);
        String whereText = where.map(text -> text.toLowerCase(Locale.ROOT)).orElse("");
        for (int i = 0; i < mappingCount; i++) {
            // A name an expression does not even mention is never read: its value is not boxed per row.
            String name = names.get(i).toLowerCase(Locale.ROOT);
            whereNeeded[i] = this.where != null && whereText.contains(name);
            for (String text : expressionTexts) {
                inputNeeded[i] |= text.contains(name);
            }
            inputNeeded[i] |= whereNeeded[i] && columnOfMapping[i] == UNMAPPED;
        }
        this.plainTextLimits = new int[columnCount];
        Arrays.fill(plainTextLimits, -1);
        for (int column = 0; column < columnCount; column++) {
            int mapping = mappingOfColumn[column];
            ColumnType type = this.columns[column].type();
            if (mapping != UNMAPPED && slotOfMapping[mapping] != UNMAPPED && !whereNeeded[mapping]
                    && (type == ColumnType.CHAR || type == ColumnType.VARCHAR || type == ColumnType.STRING)) {
                plainTextLimits[column] = ValueConverter.maximumLength(this.columns[column]);
            }
        }
        boolean anyExpression = !expressionTexts.isEmpty() || this.where != null;
        this.inputs = anyExpression ? new Object[mappingCount] : null;
        this.whereInputs = this.where != null ? new Object[mappingCount] : null;

        this.longs = new long[columnCount];
        this.doubles = new double[columnCount];
        this.strings = new String[columnCount];
        this.nulls = new boolean[columnCount];
        this.defaults = new Object[columnCount];
        this.currentTimestampDefaults = new Object[columnCount];
        this.defaultIsCurrentTimestamp = new boolean[columnCount];
        for (int column = 0; column < columnCount; column++) {
            ColumnSchema columnSchema = this.columns[column];
            Optional<String> defaultValue = columnSchema.defaultValue();
            if (defaultValue.isPresent() && defaultValue.get().trim().equalsIgnoreCase("CURRENT_TIMESTAMP")) {
                defaultIsCurrentTimestamp[column] = true;
            }
            else {
                defaults[column] = ColumnDefaults.physicalDefault(columnSchema);
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

    /** The table columns the mapping writes, in table order (all of them without COLUMNS); for partial_update. */
    public Set<String> targetColumns()
    {
        return targetColumns;
    }

    /** Whether the mapping has an {@code __op} column, so rows may be deletes. */
    public boolean hasOperation()
    {
        return operationMapping != UNMAPPED;
    }

    /** Whether the last {@link #LOADED} row deletes its key ({@code __op}) rather than upserting it. */
    public boolean lastRowDeletes()
    {
        return lastRowDeletes;
    }

    /** The reason of the last {@link #ERROR}. */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * Adds the row to the builder; returns {@link #LOADED}, {@link #UNSELECTED} (WHERE said no) or {@link #ERROR}
     * (see {@link #errorMessage()}). Only a loaded row is added.
     */
    public int assemble(SourceRow source, ColumnBatchBuilder builder)
    {
        // Values go into the builder's current row as they are converted; a row that is not loaded is discarded
        // (the builder overwrites it with the next one).
        try {
            if (inputs != null) {
                evaluateExpressions(source);
            }
            boolean delete = operationMapping != UNMAPPED && isDelete(source);
            for (int column = 0; column < columns.length; column++) {
                int mapping = mappingOfColumn[column];
                // A delete only needs its key: other values may be anything, even invalid.
                boolean lenient = delete && column >= keyCount;
                if (mapping == UNMAPPED) {
                    setDefault(column);
                }
                else if (slotOfMapping[mapping] != UNMAPPED) {
                    if (setPlainText(column, source, slotOfMapping[mapping], builder)) {
                        continue;
                    }
                    convert(column, source, slotOfMapping[mapping], lenient);
                }
                else {
                    Object value = inputs[mapping];
                    if (value == null) {
                        nulls[column] = true;
                    }
                    else {
                        ValueConverter.setObject(scratch, 0, value);
                        convert(column, scratch, 0, lenient);
                    }
                }
                if (nulls[column]) {
                    builder.setNull(column);
                }
                else {
                    switch (physicalTypes[column]) {
                        case LONG -> builder.setLong(column, longs[column]);
                        case DOUBLE -> builder.setDouble(column, doubles[column]);
                        case STRING -> builder.setString(column, strings[column]);
                    }
                }
            }
            if (where != null && !where.isTrue(whereInputs())) {
                builder.discardRow();
                return UNSELECTED;
            }
            for (int column = 0; column < columns.length; column++) {
                if (nulls[column] && !columns[column].nullable() && !(delete && column >= keyCount) && !(partialUpdate && mappingOfColumn[column] == UNMAPPED)) {
                    builder.discardRow();
                    errorMessage = "NULL value in non-nullable column " + columns[column].name();
                    return ERROR;
                }
            }
            builder.commitRow();
            lastRowDeletes = delete;
            return LOADED;
        }
        catch (ConversionException e) {
            builder.discardRow();
            errorMessage = e.getMessage();
            return ERROR;
        }
        catch (RuntimeException e) {
            // An expression that failed on this row's values (the function library reports bad input this way).
            builder.discardRow();
            errorMessage = "Expression failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            return ERROR;
        }
    }

    /**
     * Text for a text column, as it is: when the slot's texts rarely repeat, the builder keeps its bytes (no String
     * per row); otherwise it keeps Strings, which the slot's cache shares between rows. Returns whether it set the
     * value.
     */
    private boolean setPlainText(int column, SourceRow source, int slot, ColumnBatchBuilder builder)
    {
        if (source.kind(slot) != SourceRow.TEXT || source.textLength(slot) > plainTextLimits[column]) {
            return false;
        }
        boolean rarelyRepeats = source.textRarelyRepeats(slot);
        if (rarelyRepeats != builder.isUtf8(column)) {
            builder.useUtf8(column, rarelyRepeats);
        }
        if (!rarelyRepeats) {
            return false;
        }
        source.setTextInto(slot, builder, column);
        nulls[column] = false;
        return true;
    }

    private void evaluateExpressions(SourceRow source)
    {
        for (int i = 0; i < mappingCount; i++) {
            int slot = slotOfMapping[i];
            inputs[i] = slot != UNMAPPED && inputNeeded[i] ? source.objectValue(slot) : null;
        }
        for (int i = 0; i < mappingCount; i++) {
            if (expressions[i] != null) {
                inputs[i] = expressions[i].evaluate(inputs);
            }
        }
    }

    /** Converts slot's value into the column: the default if missing; NULL (when allowed) if it does not convert. */
    private void convert(int column, SourceRow row, int slot, boolean lenient)
            throws ConversionException
    {
        byte kind = row.kind(slot);
        if (kind == SourceRow.MISSING) {
            setDefault(column);
            return;
        }
        if (kind == SourceRow.NULL) {
            nulls[column] = true;
            return;
        }
        ColumnSchema schema = columns[column];
        try {
            switch (physicalTypes[column]) {
                case LONG -> longs[column] = ValueConverter.toLong(schema, row, slot);
                case DOUBLE -> doubles[column] = ValueConverter.toDouble(schema, row, slot);
                case STRING -> strings[column] = ValueConverter.toText(schema, row, slot);
            }
            nulls[column] = false;
        }
        catch (ConversionException e) {
            if (!lenient && (strictMode || !e.isInvalidValue())) {
                throw e;
            }
            nulls[column] = true;
        }
    }

    private void setDefault(int column)
            throws ConversionException
    {
        Object value = defaultIsCurrentTimestamp[column] ? currentTimestamp(column) : defaults[column];
        nulls[column] = value == null;
        if (value == null) {
            return;
        }
        switch (physicalTypes[column]) {
            case LONG -> longs[column] = (Long) value;
            case DOUBLE -> doubles[column] = (Double) value;
            case STRING -> strings[column] = (String) value;
        }
    }

    /** A CURRENT_TIMESTAMP default in physical form, in the job's time zone, to the second; made once a second. */
    private Object currentTimestamp(int column)
            throws ConversionException
    {
        long second = Math.floorDiv(clock.millis(), 1000);
        if (second != currentTimestampSecond) {
            currentTimestampSecond = second;
            Arrays.fill(currentTimestampDefaults, null);
        }
        Object value = currentTimestampDefaults[column];
        if (value == null) {
            // Always with seconds: LocalDateTime.toString() drops ":00", which no DATETIME parser accepts.
            scratch.setText(0, CURRENT_TIMESTAMP_FORMAT.format(LocalDateTime.now(clock)));
            ColumnSchema schema = columns[column];
            value = switch (physicalTypes[column]) {
                case LONG -> ValueConverter.toLong(schema, scratch, 0);
                case DOUBLE -> ValueConverter.toDouble(schema, scratch, 0);
                case STRING -> ValueConverter.toText(schema, scratch, 0);
            };
            currentTimestampDefaults[column] = value;
        }
        return value;
    }

    /** {@code __op}: 1 / 'delete' delete, 0 / 'upsert' / NULL upsert (case-insensitive), anything else is an error. */
    private boolean isDelete(SourceRow source)
            throws ConversionException
    {
        int slot = slotOfMapping[operationMapping];
        Object value;
        if (slot == UNMAPPED) {
            value = inputs[operationMapping];
        }
        else {
            value = switch (source.kind(slot)) {
                case SourceRow.LONG, SourceRow.BOOLEAN -> source.longValue(slot);
                case SourceRow.DOUBLE -> source.doubleValue(slot);
                case SourceRow.TEXT, SourceRow.JSON -> source.text(slot);
                default -> null;
            };
        }
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number number) {
            double operation = number.doubleValue();
            if (operation == 0 || operation == 1) {
                return operation == 1;
            }
        }
        else {
            String text = value.toString().trim();
            if (text.equalsIgnoreCase("delete") || text.equals("1")) {
                return true;
            }
            if (text.equalsIgnoreCase("upsert") || text.equals("0")) {
                return false;
            }
        }
        throw new ConversionException("Invalid __op value '" + ValueConverter.abbreviate(value.toString())
                + "': use 0 or 'upsert' to upsert the row, 1 or 'delete' to delete its key");
    }

    /** WHERE's inputs: table columns as converted (as SELECT sees them), temporary columns as computed or read. */
    private Object[] whereInputs()
    {
        for (int i = 0; i < mappingCount; i++) {
            if (!whereNeeded[i]) {
                whereInputs[i] = null;
                continue;
            }
            int column = columnOfMapping[i];
            whereInputs[i] = column == UNMAPPED ? inputs[i] : convertedValue(column);
        }
        return whereInputs;
    }

    private Object convertedValue(int column)
    {
        if (nulls[column]) {
            return null;
        }
        ColumnType type = columns[column].type();
        return switch (type) {
            case BOOLEAN -> longs[column] != 0;
            case TINYINT, SMALLINT, INT, BIGINT -> longs[column];
            case FLOAT, DOUBLE -> doubles[column];
            case DATE -> LocalDate.ofEpochDay(longs[column]).toString();
            case DATETIME -> dateTimeText(longs[column]);
            case DECIMAL, LARGEINT -> new BigDecimal(strings[column]);
            case CHAR, VARCHAR, STRING, JSON -> strings[column];
        };
    }

    /** A DATETIME as MySQL prints it: seconds always, microseconds when there are some. */
    private static String dateTimeText(long micros)
    {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        String text = DATETIME_FORMAT.format(LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        if (fraction == 0) {
            return text;
        }
        String digits = Integer.toString(fraction + 1_000_000).substring(1);
        return text + "." + digits;
    }
}
