package io.sluice.loader.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JSON messages. Without jsonpaths, fields of the row object are matched to source columns by name (ignoring case);
 * with jsonpaths, each path (relative to the row object) gives one source column. json_root selects the row object
 * inside the message; strip_outer_array loads every element of an array (the message, or the json_root value).
 *
 * <p>Each message is parsed once, by Jackson's streaming parser. Paths made of field names and array indexes
 * ({@code $.a.b[2].c}, {@code $['x y'][0]}) are compiled into one tree matched in that single pass. Other paths
 * (wildcards, filters, deep scans, slices) make the decoder read the message into a document that json-path evaluates.
 * Both accept exactly the same strict JSON, and both tell a missing field (the column's default) from JSON null (NULL).
 * Nested objects and arrays become compact JSON text.
 *
 * <p>A message that cannot be parsed, or has no row object where one is expected, is a fatal parse error
 * ({@link RowConsumer#rejectMessage}) and loads none of its rows; an element of an outer array that is not an object is
 * rejected alone. Rows are handed to the consumer only once the whole message has been read.
 */
public final class JsonMessageDecoder
        implements MessageDecoder
{
    private static final Configuration JSON_PATH_CONFIGURATION = Configuration.defaultConfiguration()
            .addOptions(Option.SUPPRESS_EXCEPTIONS);
    /** JSON null in a document read for json-path, so that json-path's null can mean "not found". */
    private static final Object JSON_NULL = new Object()
    {
        @Override
        public String toString()
        {
            return "null";
        }
    };
    /** Rows kept for reuse after a message with many rows; more are dropped so one huge message does not pin memory. */
    private static final int RETAINED_ROWS = 1024;
    private static final int REASON_EXCERPT_BYTES = 100;

    private static final String EMPTY_MESSAGE = "Empty message";
    private static final String ARRAY_MESSAGE = "The JSON message is an array; set strip_outer_array to true to load its elements";
    private static final String ELEMENT_NOT_OBJECT = "An element of the outer array is not a JSON object";

    private final int slotCount;
    private final boolean stripOuterArray;
    private final Optional<String> jsonRoot;

    // Streaming path; null on the json-path path.
    /** The json_root steps; empty without json_root. */
    private final PathStep[] rootSteps;
    /** Tree of the source paths below the row object. */
    private final PathNode fields;

    // json-path path; null on the streaming path.
    private final JsonPath rootPath;
    /** Compiled jsonpaths; null when matching by name. */
    private final List<JsonPath> slowPaths;
    private final List<String> sourceNames;

    private final CompactJsonWriter writer = new CompactJsonWriter();
    /** One per source column for all rows (an outer array's elements share them). */
    private final StringCache[] stringCaches;
    /** The streaming parser, reused from message to message; null until made, and after an error. */
    private JsonParsing.ReusableParser reusableParser;
    private SourceRow[] rows = new SourceRow[1];
    /** Per row of the message, why it is rejected, or null. */
    private String[] rowErrors = new String[1];
    private int rowCount;

    public JsonMessageDecoder(List<String> sourceNames, List<String> jsonPaths, Optional<String> jsonRoot, boolean stripOuterArray)
    {
        this.sourceNames = List.copyOf(sourceNames);
        this.slotCount = sourceNames.size();
        this.stringCaches = StringCache.forSlots(slotCount);
        // Made up front for the same reason as the caches: first-use branches only a new job takes.
        this.rows[0] = new SourceRow(slotCount, true, stringCaches);
        this.reusableParser = JsonParsing.reusableParser();
        this.stripOuterArray = stripOuterArray;
        if (!jsonPaths.isEmpty() && jsonPaths.size() != sourceNames.size()) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                    "jsonpaths has " + jsonPaths.size() + " paths but COLUMNS has " + sourceNames.size() + " source columns");
        }
        this.jsonRoot = jsonRoot.map(String::trim).filter(root -> !root.isEmpty() && !root.equals("$"));
        List<String> paths = new ArrayList<>();
        for (String path : jsonPaths) {
            paths.add(normalize(path));
        }

        // null when json-path must find the root.
        PathStep[] compiledRoot = this.jsonRoot.isPresent() ? PathStep.parse(normalize(this.jsonRoot.get())) : new PathStep[0];
        List<PathStep[]> compiledPaths = new ArrayList<>();
        boolean simple = compiledRoot != null;
        for (String path : paths) {
            PathStep[] steps = PathStep.parse(path);
            simple &= steps != null;
            compiledPaths.add(steps);
        }
        if (simple) {
            rootSteps = compiledRoot;
            boolean byName = paths.isEmpty();
            fields = new PathNode(byName);
            for (int slot = 0; slot < slotCount; slot++) {
                PathNode node = fields;
                if (byName) {
                    // Without jsonpaths a column name is one field name, whatever characters it has.
                    node = node.fieldChild(sourceNames.get(slot));
                }
                else {
                    for (PathStep step : compiledPaths.get(slot)) {
                        node = step.name() != null ? node.fieldChild(step.name()) : node.indexChild(step.index());
                    }
                }
                node.addSlot(slot);
            }
            rootPath = null;
            slowPaths = null;
        }
        else {
            rootSteps = null;
            fields = null;
            rootPath = this.jsonRoot.map(root -> compile(normalize(root), "json_root")).orElse(null);
            if (paths.isEmpty()) {
                slowPaths = null;
            }
            else {
                List<JsonPath> compiled = new ArrayList<>();
                for (String path : paths) {
                    compiled.add(compile(path, "json path"));
                }
                slowPaths = List.copyOf(compiled);
            }
        }
        // Fail at CREATE time on paths json-path would reject, also those the streaming path handles.
        for (String path : paths) {
            compile(path, "json path");
        }
        this.jsonRoot.ifPresent(root -> compile(normalize(root), "json_root"));
    }

    private static String normalize(String path)
    {
        String trimmed = path.trim();
        return trimmed.startsWith("$") ? trimmed : "$." + trimmed;
    }

    private static JsonPath compile(String path, String what)
    {
        if (!bracketsBalance(path)) {
            // json-path accepts "$.a[" as if it were "$.a"; a typo must not silently read another field
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Invalid " + what + " '" + path + "': unbalanced brackets");
        }
        try {
            return JsonPath.compile(path);
        }
        catch (RuntimeException e) {
            // json-path reports some mistakes ("$.[") as a wrapped Java exception, whose text means nothing to a user.
            boolean ownMessage = (e instanceof InvalidPathException || e instanceof IllegalArgumentException) && e.getCause() == null && e.getMessage() != null;
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Invalid " + what + " '" + path + "': " + (ownMessage ? e.getMessage() : "not a valid JSON path"));
        }
    }

    private static boolean bracketsBalance(String path)
    {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                }
                else if (c == quote) {
                    quote = 0;
                }
            }
            else if (c == '\'' || c == '"') {
                quote = c;
            }
            else if (c == '[') {
                depth++;
            }
            else if (c == ']' && --depth < 0) {
                return false;
            }
        }
        return depth == 0 && quote == 0;
    }

    /** Whether the paths are matched in Jackson's single streaming pass (rather than evaluated by json-path). */
    public boolean isStreaming()
    {
        return fields != null;
    }

    @Override
    public void decode(byte[] buffer, int offset, int length, RowConsumer consumer)
    {
        rowCount = 0;
        String fatal;
        try {
            fatal = fields != null ? readStreaming(buffer, offset, length) : readDocument(buffer, offset, length);
        }
        catch (JsonProcessingException e) {
            fatal = JsonParsing.describe(e);
        }
        catch (IOException | RuntimeException e) {
            // Jackson reports malformed input as JsonProcessingException; anything else is still this message's fault.
            fatal = "Unreadable JSON message: " + e;
        }
        if (fatal != null) {
            consumer.rejectMessage(fatal);
        }
        else {
            for (int i = 0; i < rowCount; i++) {
                if (rowErrors[i] != null) {
                    consumer.reject(rowErrors[i]);
                }
                else {
                    consumer.accept(rows[i]);
                }
            }
        }
        if (rows.length > RETAINED_ROWS) {
            rows = Arrays.copyOf(rows, RETAINED_ROWS);
            rowErrors = new String[RETAINED_ROWS];
        }
    }

    private SourceRow addRow()
    {
        if (rowCount == rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
            rowErrors = Arrays.copyOf(rowErrors, rows.length);
        }
        SourceRow row = rows[rowCount];
        if (row == null) {
            row = new SourceRow(slotCount, true, stringCaches);
            rows[rowCount] = row;
        }
        row.clear();
        rowErrors[rowCount] = null;
        rowCount++;
        return row;
    }

    private void addRejectedRow(String reason)
    {
        addRow();
        rowErrors[rowCount - 1] = reason;
    }

    // ---- streaming path

    /** Reads the message's rows; returns why the message is unusable, or null. */
    private String readStreaming(byte[] buffer, int offset, int length)
            throws IOException
    {
        JsonParsing.ReusableParser parser = reusableParser != null ? reusableParser : JsonParsing.reusableParser();
        // Kept for the next message only if this one raises nothing.
        reusableParser = null;
        parser.reset(buffer, offset, length);
        String fatal = readStreaming(parser, buffer, offset, length);
        reusableParser = parser;
        return fatal;
    }

    private String readStreaming(JsonParser parser, byte[] buffer, int offset, int length)
            throws IOException
    {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return EMPTY_MESSAGE;
        }
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return notAnObject(buffer, offset, length);
        }
        if (rootSteps.length > 0) {
            token = seekRoot(parser, token);
            if (token == null) {
                return finish(parser, rootNotFound());
            }
            if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                return finish(parser, rootNotAnObject());
            }
        }
        if (token == JsonToken.START_ARRAY) {
            if (!stripOuterArray) {
                return rootSteps.length > 0 ? finish(parser, rootIsArray()) : ARRAY_MESSAGE;
            }
            while ((token = next(parser)) != JsonToken.END_ARRAY) {
                if (token == JsonToken.START_OBJECT) {
                    readValue(parser, token, fields, addRow());
                }
                else {
                    addRejectedRow(ELEMENT_NOT_OBJECT);
                    parser.skipChildren();
                }
            }
        }
        else {
            readValue(parser, token, fields, addRow());
        }
        return finish(parser, null);
    }

    /**
     * Reads the rest of the message, which must be well-formed JSON too (the rows wait until it is), with nothing
     * after the top-level value; returns why not, else reason.
     */
    private static String finish(JsonParser parser, String reason)
            throws IOException
    {
        while (!parser.getParsingContext().inRoot()) {
            JsonToken token = next(parser);
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
        }
        if (parser instanceof JsonParsing.ReusableParser reusable && reusable.onlyWhitespaceLeft()) {
            return reason;
        }
        if (parser.nextToken() != null) {
            return "Unexpected data after the JSON value at byte " + parser.currentTokenLocation().getByteOffset();
        }
        return reason;
    }

    /** From the message's first token, moves to the json_root value; returns its first token, or null if absent. */
    private JsonToken seekRoot(JsonParser parser, JsonToken token)
            throws IOException
    {
        for (PathStep step : rootSteps) {
            if (step.name() != null) {
                if (token != JsonToken.START_OBJECT) {
                    return null;
                }
                token = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean match = parser.currentName().equals(step.name());
                    JsonToken value = parser.nextToken();
                    if (match) {
                        token = value;
                        break;
                    }
                    parser.skipChildren();
                }
            }
            else {
                if (token != JsonToken.START_ARRAY) {
                    return null;
                }
                token = null;
                JsonToken element;
                for (int index = 0; (element = next(parser)) != JsonToken.END_ARRAY; index++) {
                    if (index == step.index()) {
                        token = element;
                        break;
                    }
                    parser.skipChildren();
                }
            }
            if (token == null) {
                return null;
            }
        }
        return token;
    }

    /** The value starting at token (current in the parser) for the paths of node. */
    private void readValue(JsonParser parser, JsonToken token, PathNode node, SourceRow row)
            throws IOException
    {
        boolean container = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
        if (node.slots == null) {
            if (container) {
                readContainer(parser, token, node, row);
            }
            // A scalar where the path goes deeper: the columns below stay missing.
            return;
        }
        if (!container || !node.hasChildren()) {
            setValue(parser, token, node.slots, row);
            return;
        }
        // Both this value (as text) and paths below it are wanted (rare): keep the text, then read it again.
        writer.reset();
        writer.copyValue(parser, token);
        String text = writer.toString();
        setSlots(row, node.slots, text);
        try (JsonParser again = JsonParsing.parser(text)) {
            readContainer(again, again.nextToken(), node, row);
        }
    }

    private void readContainer(JsonParser parser, JsonToken token, PathNode node, SourceRow row)
            throws IOException
    {
        if (token == JsonToken.START_OBJECT) {
            if (!node.hasFieldChildren()) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                PathNode child = node.field(parser.currentName());
                JsonToken value = parser.nextToken();
                if (child == null) {
                    parser.skipChildren();
                }
                else {
                    readValue(parser, value, child, row);
                }
            }
            return;
        }
        if (node.indexes == null) {
            parser.skipChildren();
            return;
        }
        JsonToken element;
        for (int index = 0; (element = next(parser)) != JsonToken.END_ARRAY; index++) {
            PathNode child = node.element(index);
            if (child == null) {
                parser.skipChildren();
            }
            else {
                readValue(parser, element, child, row);
            }
        }
    }

    private void setValue(JsonParser parser, JsonToken token, int[] slots, SourceRow row)
            throws IOException
    {
        int slot = slots[0];
        switch (token) {
            case VALUE_STRING -> {
                JsonParsing.ReusableParser streaming = parser instanceof JsonParsing.ReusableParser reusable ? reusable : null;
                int start = streaming == null ? -1 : streaming.takePlainAsciiString();
                if (start >= 0) {
                    row.setAsciiText(slot, streaming.input(), start, streaming.plainStringLength());
                }
                else {
                    row.setText(slot, parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                }
            }
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    row.setLong(slot, parser.getLongValue());
                }
                else {
                    row.setJson(slot, parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                }
            }
            // The digits as written, so DECIMAL columns stay exact; DOUBLE columns parse them.
            case VALUE_NUMBER_FLOAT -> row.setJson(slot, parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            case VALUE_TRUE -> row.setBoolean(slot, true);
            case VALUE_FALSE -> row.setBoolean(slot, false);
            case VALUE_NULL -> row.setNull(slot);
            case START_OBJECT, START_ARRAY -> {
                writer.reset();
                writer.copyValue(parser, token);
                row.setJson(slot, writer.chars(), 0, writer.length());
            }
            default -> throw new IOException("Unexpected JSON token " + token);
        }
        for (int i = 1; i < slots.length; i++) {
            row.copy(slot, slots[i]);
        }
    }

    /** The next token inside a value: the end of input there is an error (Jackson reports it; this guards the loops). */
    private static JsonToken next(JsonParser parser)
            throws IOException
    {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new IOException("Unexpected end of the message inside a JSON value");
        }
        return token;
    }

    private static void setSlots(SourceRow row, int[] slots, String json)
    {
        for (int slot : slots) {
            row.setJson(slot, json);
        }
    }

    // ---- json-path path

    private String readDocument(byte[] buffer, int offset, int length)
            throws IOException
    {
        Object document;
        try (JsonParser parser = JsonParsing.parser(buffer, offset, length)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return EMPTY_MESSAGE;
            }
            if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                return notAnObject(buffer, offset, length);
            }
            document = readTree(parser, token);
            if (parser.nextToken() != null) {
                return "Unexpected data after the JSON value at byte " + parser.currentTokenLocation().getByteOffset();
            }
        }
        Object value = document;
        if (rootPath != null) {
            value = rootPath.read(document, JSON_PATH_CONFIGURATION);
            if (value == null) {
                return rootNotFound();
            }
            if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
                return rootNotAnObject();
            }
        }
        if (value instanceof List<?> elements) {
            if (!stripOuterArray) {
                return rootPath != null ? rootIsArray() : ARRAY_MESSAGE;
            }
            for (Object element : elements) {
                if (element instanceof Map<?, ?> object) {
                    readObject(object);
                }
                else {
                    addRejectedRow(ELEMENT_NOT_OBJECT);
                }
            }
            return null;
        }
        readObject((Map<?, ?>) value);
        return null;
    }

    /**
     * The value starting at token as maps, lists, Long, BigInteger, BigDecimal (exact), String, Boolean or
     * {@link #JSON_NULL}. Recursion is bounded by the parser's nesting limit.
     */
    private static Object readTree(JsonParser parser, JsonToken token)
            throws IOException
    {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, readTree(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken element;
                while ((element = next(parser)) != JsonToken.END_ARRAY) {
                    array.add(readTree(parser, element));
                }
                return array;
            }
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = parser.getNumberType();
                return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG ? (Object) parser.getLongValue() : parser.getBigIntegerValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDecimalValue();
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return JSON_NULL;
            }
            default -> throw new IOException("Unexpected JSON token " + token);
        }
    }

    private void readObject(Map<?, ?> object)
    {
        SourceRow row = addRow();
        if (slowPaths == null) {
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                String name = (String) entry.getKey();
                for (int slot = 0; slot < slotCount; slot++) {
                    if (sourceNames.get(slot).equalsIgnoreCase(name)) {
                        setValue(row, slot, entry.getValue());
                    }
                }
            }
            return;
        }
        for (int slot = 0; slot < slowPaths.size(); slot++) {
            setValue(row, slot, slowPaths.get(slot).read(object, JSON_PATH_CONFIGURATION));
        }
    }

    private static void setValue(SourceRow row, int slot, Object value)
    {
        if (value == null) {
            // json-path found nothing: the column is missing.
            return;
        }
        if (value == JSON_NULL) {
            row.setNull(slot);
        }
        else if (value instanceof Long number) {
            row.setLong(slot, number);
        }
        else if (value instanceof Integer number) {
            // json-path functions such as length() give ints.
            row.setLong(slot, number);
        }
        else if (value instanceof Boolean bool) {
            row.setBoolean(slot, bool);
        }
        else if (value instanceof String text) {
            row.setText(slot, text);
        }
        else {
            StringBuilder json = new StringBuilder();
            writeJson(json, value);
            row.setJson(slot, json.toString());
        }
    }

    /** Compact JSON text of a document part (json-path gives values, not their text). */
    private static void writeJson(StringBuilder json, Object value)
    {
        if (value instanceof Map<?, ?> object) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                writeString(json, String.valueOf(entry.getKey()));
                json.append(':');
                writeJson(json, entry.getValue());
            }
            json.append('}');
        }
        else if (value instanceof List<?> array) {
            json.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                writeJson(json, array.get(i));
            }
            json.append(']');
        }
        else if (value instanceof String text) {
            writeString(json, text);
        }
        else if (value == null || value == JSON_NULL || value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Double) {
            json.append(value);
        }
        else {
            writeString(json, value.toString());
        }
    }

    private static void writeString(StringBuilder json, String text)
    {
        json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }

    // ---- reasons

    private static String notAnObject(byte[] buffer, int offset, int length)
    {
        // Only the start: the message may be megabytes.
        String start = new String(buffer, offset, Math.min(length, REASON_EXCERPT_BYTES + 4), StandardCharsets.UTF_8).trim();
        return "The JSON message is not a JSON object: " + ValueConverter.abbreviate(start);
    }

    private String rootNotFound()
    {
        return "The json_root " + jsonRoot.orElseThrow() + " is not in the message";
    }

    private String rootNotAnObject()
    {
        return "The json_root " + jsonRoot.orElseThrow() + " value is not a JSON object";
    }

    private String rootIsArray()
    {
        return "The json_root " + jsonRoot.orElseThrow() + " value is an array; set strip_outer_array to true to load its elements";
    }

    /** One step of a simple path: a field name, or an array index (name null). */
    private record PathStep(String name, int index)
    {
        /**
         * The steps of a path made only of {@code .name}, {@code ['name']} and {@code [n]} after {@code $}, or null
         * for anything else (wildcards, filters, deep scans, slices, unions, functions, negative indexes).
         */
        static PathStep[] parse(String path)
        {
            if (!path.startsWith("$")) {
                return null;
            }
            List<PathStep> steps = new ArrayList<>();
            int position = 1;
            while (position < path.length()) {
                char character = path.charAt(position);
                if (character == '.') {
                    int start = position + 1;
                    int end = start;
                    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                        if (!isPlainNameCharacter(path.charAt(end))) {
                            return null;
                        }
                        end++;
                    }
                    if (end == start) {
                        // "$..a" (deep scan) or a trailing dot
                        return null;
                    }
                    steps.add(new PathStep(path.substring(start, end), -1));
                    position = end;
                }
                else if (character == '[') {
                    int close = path.indexOf(']', position);
                    if (close < 0) {
                        return null;
                    }
                    String inside = path.substring(position + 1, close);
                    if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"') && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
                        String name = inside.substring(1, inside.length() - 1);
                        // Escapes, a second quote or a comma (a union) are json-path's business.
                        if (name.indexOf('\\') >= 0 || name.indexOf(inside.charAt(0)) >= 0) {
                            return null;
                        }
                        steps.add(new PathStep(name, -1));
                    }
                    else if (!inside.isEmpty() && inside.length() <= 9 && inside.chars().allMatch(digit -> digit >= '0' && digit <= '9')) {
                        steps.add(new PathStep(null, Integer.parseInt(inside)));
                    }
                    else {
                        return null;
                    }
                    position = close + 1;
                }
                else {
                    return null;
                }
            }
            return steps.toArray(new PathStep[0]);
        }

        private static boolean isPlainNameCharacter(char character)
        {
            return character != '*' && character != '(' && character != ')' && character != '?' && character != '@' && character != ','
                    && character != '\'' && character != '"' && character != ']' && character != '\\' && !Character.isWhitespace(character);
        }
    }

    /**
     * A node of the path tree: the slots the value here fills, and the fields and elements below it wanted by
     * longer paths. Field lookups first compare Jackson's canonical (interned) name instances by identity, so the
     * usual message, whose fields come in the same order every time, costs one reference comparison per field.
     */
    private static final class PathNode
    {
        private static final PathNode NO_MATCH = new PathNode(false);
        private static final int CACHE_SIZE = 32;

        private final boolean ignoreCase;
        private int[] slots;
        private Map<String, PathNode> fields;
        private int[] indexes;
        private PathNode[] indexChildren;

        // Names as Jackson hands them out, and what they matched (or NO_MATCH).
        private final String[] cachedNames = new String[CACHE_SIZE];
        private final PathNode[] cachedChildren = new PathNode[CACHE_SIZE];
        private int cachedCount;
        private int nextProbe;

        PathNode(boolean ignoreCase)
        {
            this.ignoreCase = ignoreCase;
        }

        PathNode fieldChild(String name)
        {
            if (fields == null) {
                fields = new HashMap<>();
            }
            // Children never ignore case: only the row object's fields are matched by column name.
            return fields.computeIfAbsent(key(name), ignored -> new PathNode(false));
        }

        PathNode indexChild(int index)
        {
            if (indexes == null) {
                indexes = new int[0];
                indexChildren = new PathNode[0];
            }
            for (int i = 0; i < indexes.length; i++) {
                if (indexes[i] == index) {
                    return indexChildren[i];
                }
            }
            indexes = Arrays.copyOf(indexes, indexes.length + 1);
            indexChildren = Arrays.copyOf(indexChildren, indexChildren.length + 1);
            indexes[indexes.length - 1] = index;
            PathNode child = new PathNode(false);
            indexChildren[indexChildren.length - 1] = child;
            return child;
        }

        void addSlot(int slot)
        {
            if (slots == null) {
                slots = new int[] {slot};
            }
            else {
                // Two columns with the same path.
                slots = Arrays.copyOf(slots, slots.length + 1);
                slots[slots.length - 1] = slot;
            }
        }

        boolean hasChildren()
        {
            return fields != null || indexes != null;
        }

        boolean hasFieldChildren()
        {
            return fields != null;
        }

        /** The child for a field name of the message, or null. */
        PathNode field(String name)
        {
            int count = cachedCount;
            int probe = nextProbe;
            for (int i = 0; i < count; i++) {
                if (cachedNames[probe] == name) {
                    PathNode child = cachedChildren[probe];
                    nextProbe = probe + 1 == count ? 0 : probe + 1;
                    return child == NO_MATCH ? null : child;
                }
                probe = probe + 1 == count ? 0 : probe + 1;
            }
            PathNode child = fields.get(key(name));
            if (count < CACHE_SIZE) {
                cachedNames[count] = name;
                cachedChildren[count] = child == null ? NO_MATCH : child;
                cachedCount = count + 1;
            }
            return child;
        }

        /** The child for an array element, or null. */
        PathNode element(int index)
        {
            for (int i = 0; i < indexes.length; i++) {
                if (indexes[i] == index) {
                    return indexChildren[i];
                }
            }
            return null;
        }

        private String key(String name)
        {
            return ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
        }
    }
}
