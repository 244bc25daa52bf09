package io.sluice.loader.decode;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
import java.util.regex.Pattern;

/**
 * JSON messages. Without jsonpaths, fields of the row object are matched to source columns by name (ignoring case);
 * with jsonpaths, each path (relative to the row object) gives one source column. json_root selects the row object
 * inside the message; strip_outer_array loads every element of an array (the message, or the json_root value).
 *
 * <p>Plain field paths ({@code $.a.b}) are matched in a single streaming pass with Jackson; other paths (array
 * indexes, filters, wildcards) fall back to json-path on a document that Jackson parsed, so both accept exactly
 * the same (strict) JSON. On that fallback a path that matches nothing gives NULL rather than a missing value.
 * A message that is not well-formed JSON is rejected as a whole: none of its rows is accepted.
 */
public final class JsonMessageDecoder
        implements MessageDecoder
{
    private static final Pattern SIMPLE_PATH = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    // Bounds the nesting (and our recursion on the json-path fallback): deeper messages are rejected, not a StackOverflowError.
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
            .build();
    private static final Configuration JSON_PATH_CONFIGURATION = Configuration.defaultConfiguration()
            .addOptions(Option.SUPPRESS_EXCEPTIONS, Option.DEFAULT_PATH_LEAF_TO_NULL);

    private static final String EMPTY_MESSAGE = "Empty message";
    private static final String TRAILING_DATA = "Unexpected data after the JSON value";
    private static final String ARRAY_MESSAGE = "The JSON message is an array; set strip_outer_array to true to load its elements";
    private static final String ELEMENT_NOT_OBJECT = "An element of the outer array is not a JSON object";

    private final boolean stripOuterArray;
    private final SourceRow row;
    private final List<String> sourceNames;
    private final Optional<String> jsonRoot;
    private final boolean ignoreCase;

    // Streaming path; null on the json-path fallback.
    /** The json_root field names, empty without json_root. */
    private final String[] rootFields;
    /** Field tree of the source paths, below json_root. */
    private final PathNode fields;

    // json-path fallback; null on the streaming path.
    private final JsonPath rootPath;
    /** Compiled jsonpaths; null when matching by name. */
    private final List<JsonPath> slowPaths;

    public JsonMessageDecoder(List<String> sourceNames, List<String> jsonPaths, Optional<String> jsonRoot, boolean stripOuterArray)
    {
        this.stripOuterArray = stripOuterArray;
        this.sourceNames = List.copyOf(sourceNames);
        this.row = new SourceRow(sourceNames.size());
        this.ignoreCase = jsonPaths.isEmpty();
        if (!jsonPaths.isEmpty() && jsonPaths.size() != sourceNames.size()) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                    "jsonpaths has " + jsonPaths.size() + " paths but COLUMNS has " + sourceNames.size() + " source columns");
        }
        this.jsonRoot = jsonRoot.map(String::trim).filter(root -> !root.isEmpty() && !root.equals("$"));
        List<String> paths = new ArrayList<>();
        for (String path : jsonPaths) {
            String trimmed = path.trim();
            paths.add(trimmed.startsWith("$") ? trimmed : "$." + trimmed);
        }

        boolean simple = this.jsonRoot.map(JsonMessageDecoder::isSimple).orElse(true);
        for (String path : paths) {
            simple &= isSimple(path);
        }
        if (simple) {
            rootFields = this.jsonRoot.map(JsonMessageDecoder::fieldNames).orElse(new String[0]);
            fields = new PathNode();
            for (int slot = 0; slot < sourceNames.size(); slot++) {
                PathNode node = fields;
                // Without jsonpaths a column name is one field name, whatever characters it has.
                String[] names = paths.isEmpty() ? new String[] {sourceNames.get(slot).toLowerCase(Locale.ROOT)} : fieldNames(paths.get(slot));
                for (String name : names) {
                    node = node.child(name);
                }
                node.addSlot(slot);
            }
            rootPath = null;
            slowPaths = null;
        }
        else {
            rootFields = null;
            fields = null;
            rootPath = this.jsonRoot.map(root -> compile(root, "json_root")).orElse(null);
            if (paths.isEmpty()) {
                slowPaths = null;
            }
            else {
                slowPaths = new ArrayList<>();
                for (String path : paths) {
                    slowPaths.add(compile(path, "json path"));
                }
            }
        }
    }

    private static boolean isSimple(String path)
    {
        return SIMPLE_PATH.matcher(path).matches();
    }

    private static String[] fieldNames(String simplePath)
    {
        return simplePath.substring(2).split("\\.");
    }

    private static JsonPath compile(String path, String what)
    {
        try {
            return JsonPath.compile(path);
        }
        catch (InvalidPathException | IllegalArgumentException e) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Invalid " + what + " '" + path + "': " + e.getMessage());
        }
    }

    @Override
    public void decode(byte[] message, RowConsumer consumer)
    {
        if (fields == null) {
            decodeDocument(message, consumer);
            return;
        }
        try (JsonParser parser = JSON_FACTORY.createParser(message)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                consumer.reject(EMPTY_MESSAGE);
                return;
            }
            if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                consumer.reject(notAnObject(message));
                return;
            }
            // Rows accepted before the end of the message is read (array elements, a json_root object) need the whole
            // message checked first, so that a broken one loads none of its rows. A single object is checked as it is read.
            boolean checked = rootFields.length > 0 || (stripOuterArray && token == JsonToken.START_ARRAY);
            if (checked) {
                String error = syntaxError(message);
                if (error != null) {
                    consumer.reject(error);
                    return;
                }
            }
            if (rootFields.length == 0) {
                decodeRows(parser, message, token, checked, consumer);
                return;
            }
            JsonToken root = token == JsonToken.START_OBJECT ? seekRoot(parser, 0) : null;
            if (root == null) {
                consumer.reject(rootNotFound());
            }
            else if (root != JsonToken.START_OBJECT && root != JsonToken.START_ARRAY) {
                consumer.reject(rootNotAnObject());
            }
            else {
                decodeRows(parser, message, root, true, consumer);
            }
        }
        catch (JsonProcessingException e) {
            consumer.reject("Invalid JSON: " + e.getOriginalMessage());
        }
        catch (IOException e) {
            consumer.reject("Unreadable message: " + e.getMessage());
        }
    }

    /** Why the message is not one well-formed JSON value, or null. */
    private static String syntaxError(byte[] message)
    {
        try (JsonParser parser = JSON_FACTORY.createParser(message)) {
            if (parser.nextToken() == null) {
                return EMPTY_MESSAGE;
            }
            parser.skipChildren();
            return parser.nextToken() == null ? null : TRAILING_DATA;
        }
        catch (JsonProcessingException e) {
            return "Invalid JSON: " + e.getOriginalMessage();
        }
        catch (IOException e) {
            return "Unreadable message: " + e.getMessage();
        }
    }

    /** Moves the parser (at the start of an object) to the json_root value; returns its first token, or null if absent. */
    private JsonToken seekRoot(JsonParser parser, int depth)
            throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean match = parser.currentName().equals(rootFields[depth]);
            JsonToken token = parser.nextToken();
            if (match && depth == rootFields.length - 1) {
                return token;
            }
            if (match && token == JsonToken.START_OBJECT) {
                JsonToken found = seekRoot(parser, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            else {
                parser.skipChildren();
            }
        }
        return null;
    }

    /**
     * The rows of the value starting at token: an object, or an array of objects with strip_outer_array.
     * @param checked whether the whole message is known to be well-formed
     */
    private void decodeRows(JsonParser parser, byte[] message, JsonToken token, boolean checked, RowConsumer consumer)
            throws IOException
    {
        if (token == JsonToken.START_ARRAY) {
            if (!stripOuterArray) {
                consumer.reject(ARRAY_MESSAGE);
                return;
            }
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    consumer.reject(ELEMENT_NOT_OBJECT);
                    parser.skipChildren();
                    continue;
                }
                row.clear();
                readObject(parser, message, fields);
                consumer.accept(row);
            }
            return;
        }
        row.clear();
        readObject(parser, message, fields);
        if (!checked && parser.nextToken() != null) {
            consumer.reject(TRAILING_DATA);
            return;
        }
        consumer.accept(row);
    }

    private void readObject(JsonParser parser, byte[] message, PathNode node)
            throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            PathNode child = node.children == null ? null : node.children.get(ignoreCase ? name.toLowerCase(Locale.ROOT) : name);
            JsonToken token = parser.nextToken();
            if (child == null) {
                parser.skipChildren();
            }
            else if (child.slots != null) {
                if (token == JsonToken.START_OBJECT && child.children != null) {
                    // Both this object (as text) and paths below it are wanted.
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    readObject(parser, message, child);
                    setRawText(message, start, parser, child.slots);
                }
                else {
                    readValue(parser, message, token, child.slots);
                }
            }
            else if (token == JsonToken.START_OBJECT) {
                readObject(parser, message, child);
            }
            else {
                parser.skipChildren();
            }
        }
    }

    private void readValue(JsonParser parser, byte[] message, JsonToken token, int[] slots)
            throws IOException
    {
        int slot = slots[0];
        switch (token) {
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    row.setLong(slot, parser.getLongValue());
                }
                else {
                    row.setText(slot, parser.getText());
                }
            }
            // Kept as text so DECIMAL columns stay exact; DOUBLE columns parse it.
            case VALUE_NUMBER_FLOAT, VALUE_STRING -> row.setText(slot, parser.getText());
            case VALUE_TRUE -> row.setBoolean(slot, true);
            case VALUE_FALSE -> row.setBoolean(slot, false);
            case VALUE_NULL -> row.setNull(slot);
            case START_OBJECT, START_ARRAY -> {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                setRawText(message, start, parser, slots);
                return;
            }
            default -> throw new IOException("unexpected token " + token);
        }
        copyToOtherSlots(slots);
    }

    /** The value that started at byte start and ended at the parser's current token, as written in the message. */
    private void setRawText(byte[] message, int start, JsonParser parser, int[] slots)
    {
        int end = (int) parser.currentLocation().getByteOffset();
        row.setText(slots[0], new String(message, start, end - start, StandardCharsets.UTF_8));
        copyToOtherSlots(slots);
    }

    private void copyToOtherSlots(int[] slots)
    {
        for (int i = 1; i < slots.length; i++) {
            row.copy(slots[0], slots[i]);
        }
    }

    // ---- json-path fallback

    private void decodeDocument(byte[] message, RowConsumer consumer)
    {
        Object document;
        try (JsonParser parser = JSON_FACTORY.createParser(message)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                consumer.reject(EMPTY_MESSAGE);
                return;
            }
            document = readTree(parser, token);
            if (parser.nextToken() != null) {
                consumer.reject(TRAILING_DATA);
                return;
            }
        }
        catch (JsonProcessingException e) {
            consumer.reject("Invalid JSON: " + e.getOriginalMessage());
            return;
        }
        catch (IOException e) {
            consumer.reject("Unreadable message: " + e.getMessage());
            return;
        }
        if (!(document instanceof Map<?, ?>) && !(document instanceof List<?>)) {
            consumer.reject(notAnObject(message));
            return;
        }
        Object rows = document;
        if (rootPath != null) {
            rows = rootPath.read(document, JSON_PATH_CONFIGURATION);
            if (rows == null) {
                consumer.reject(rootNotFound());
                return;
            }
            if (!(rows instanceof Map<?, ?>) && !(rows instanceof List<?>)) {
                consumer.reject(rootNotAnObject());
                return;
            }
        }
        if (rows instanceof List<?> elements) {
            if (!stripOuterArray) {
                consumer.reject(ARRAY_MESSAGE);
                return;
            }
            for (Object element : elements) {
                if (element instanceof Map<?, ?> object) {
                    readDocument(object, consumer);
                }
                else {
                    consumer.reject(ELEMENT_NOT_OBJECT);
                }
            }
            return;
        }
        readDocument((Map<?, ?>) rows, consumer);
    }

    /** The value starting at token as maps, lists, Long, BigInteger, BigDecimal (exact), String, Boolean or null. */
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
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
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
                return null;
            }
            default -> throw new IOException("unexpected token " + token);
        }
    }

    private void readDocument(Map<?, ?> object, RowConsumer consumer)
    {
        row.clear();
        if (slowPaths == null) {
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                String name = (String) entry.getKey();
                for (int slot = 0; slot < sourceNames.size(); slot++) {
                    if (sourceNames.get(slot).equalsIgnoreCase(name)) {
                        setValue(slot, entry.getValue());
                    }
                }
            }
        }
        else {
            for (int slot = 0; slot < slowPaths.size(); slot++) {
                setValue(slot, slowPaths.get(slot).read(object, JSON_PATH_CONFIGURATION));
            }
        }
        consumer.accept(row);
    }

    private void setValue(int slot, Object value)
    {
        if (value == null) {
            row.setNull(slot);
        }
        else if (value instanceof Long || value instanceof Integer) {
            row.setLong(slot, ((Number) value).longValue());
        }
        else if (value instanceof Boolean bool) {
            row.setBoolean(slot, bool);
        }
        else if (value instanceof Map<?, ?> || value instanceof List<?>) {
            StringBuilder json = new StringBuilder();
            writeJson(json, value);
            row.setText(slot, json.toString());
        }
        else {
            row.setText(slot, value.toString());
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
        else if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Integer
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

    private static String notAnObject(byte[] message)
    {
        return "The JSON message is not a JSON object: " + ValueConverter.abbreviate(new String(message, StandardCharsets.UTF_8).trim());
    }

    private String rootNotFound()
    {
        return "The json_root " + jsonRoot.orElseThrow() + " is not in the message";
    }

    private String rootNotAnObject()
    {
        return "The json_root " + jsonRoot.orElseThrow() + " value is not a JSON object";
    }

    /** A field of the streaming path tree: the slots it fills and the fields below it. */
    private static final class PathNode
    {
        private Map<String, PathNode> children;
        private int[] slots;

        PathNode child(String name)
        {
            if (children == null) {
                children = new HashMap<>();
            }
            return children.computeIfAbsent(name, ignored -> new PathNode());
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
    }
}
