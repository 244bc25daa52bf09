package io.sluice.loader.decode;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSON messages. Paths made of plain field names ({@code $.a.b}) are matched in a single streaming pass with
 * Jackson; other paths (array indexes, filters, wildcards) fall back to json-path on a parsed document.
 * Without jsonpaths, top-level fields are matched to source columns by name (ignoring case).
 */
public final class JsonMessageDecoder
        implements MessageDecoder
{
    private static final Pattern SIMPLE_PATH = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
            .build();

    private final boolean stripOuterArray;
    private final SourceRow row;
    /** Field tree of the fast path, or null when json-path is needed. */
    private final PathNode root;
    private final boolean ignoreCase;
    private final List<JsonPath> slowPaths;
    private final Configuration slowConfiguration;

    public JsonMessageDecoder(List<String> sourceNames, List<String> jsonPaths, Optional<String> jsonRoot, boolean stripOuterArray)
    {
        this.stripOuterArray = stripOuterArray;
        this.row = new SourceRow(sourceNames.size());
        List<String> paths = new ArrayList<>();
        if (jsonPaths.isEmpty()) {
            for (String name : sourceNames) {
                paths.add("$." + name);
            }
        }
        else {
            if (jsonPaths.size() != sourceNames.size()) {
                throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                        "jsonpaths has " + jsonPaths.size() + " paths but COLUMNS has " + sourceNames.size() + " source columns");
            }
            paths.addAll(jsonPaths);
        }
        String rootPath = jsonRoot.map(String::trim).orElse("$");
        List<String> fullPaths = new ArrayList<>();
        for (String path : paths) {
            String relative = path.trim();
            if (!relative.startsWith("$")) {
                relative = "$." + relative;
            }
            fullPaths.add(rootPath + relative.substring(1));
        }
        this.ignoreCase = jsonPaths.isEmpty();
        boolean simple = true;
        for (String path : fullPaths) {
            simple &= SIMPLE_PATH.matcher(path).matches();
        }
        if (simple) {
            root = new PathNode();
            for (int slot = 0; slot < fullPaths.size(); slot++) {
                PathNode node = root;
                for (String field : fullPaths.get(slot).substring(2).split("\\.")) {
                    node = node.child(ignoreCase ? field.toLowerCase() : field);
                }
                node.slot = slot;
            }
            slowPaths = null;
            slowConfiguration = null;
        }
        else {
            root = null;
            slowPaths = new ArrayList<>();
            for (String path : fullPaths) {
                try {
                    slowPaths.add(JsonPath.compile(path));
                }
                catch (InvalidPathException e) {
                    throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, "Invalid json path '" + path + "': " + e.getMessage());
                }
            }
            slowConfiguration = Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS, Option.DEFAULT_PATH_LEAF_TO_NULL);
        }
    }

    @Override
    public void decode(byte[] message, RowConsumer consumer)
    {
        if (root == null) {
            decodeWithJsonPath(message, consumer);
            return;
        }
        try (JsonParser parser = JSON_FACTORY.createParser(message)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                consumer.reject("Empty message");
                return;
            }
            if (token == JsonToken.START_ARRAY) {
                if (!stripOuterArray) {
                    consumer.reject("The JSON message is an array; set strip_outer_array to true to load its elements");
                    return;
                }
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token != JsonToken.START_OBJECT) {
                        consumer.reject("An element of the outer array is not a JSON object");
                        parser.skipChildren();
                        continue;
                    }
                    row.clear();
                    readObject(parser, message, root);
                    consumer.accept(row);
                }
            }
            else if (token == JsonToken.START_OBJECT) {
                row.clear();
                readObject(parser, message, root);
                if (parser.nextToken() != null) {
                    consumer.reject("Unexpected data after the JSON object");
                    return;
                }
                consumer.accept(row);
            }
            else {
                consumer.reject("The JSON message is not an object: " + ValueConverter.abbreviate(new String(message, StandardCharsets.UTF_8)));
            }
        }
        catch (JsonProcessingException e) {
            consumer.reject("Invalid JSON: " + e.getOriginalMessage());
        }
        catch (IOException e) {
            consumer.reject("Unreadable message: " + e.getMessage());
        }
    }

    private void readObject(JsonParser parser, byte[] message, PathNode node)
            throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            PathNode child = node.children == null ? null : node.children.get(ignoreCase ? name.toLowerCase() : name);
            JsonToken token = parser.nextToken();
            if (child == null) {
                parser.skipChildren();
            }
            else if (child.slot >= 0) {
                readValue(parser, message, token, child.slot);
            }
            else if (token == JsonToken.START_OBJECT) {
                readObject(parser, message, child);
            }
            else {
                parser.skipChildren();
            }
        }
    }

    private void readValue(JsonParser parser, byte[] message, JsonToken token, int slot)
            throws IOException
    {
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
            case VALUE_NUMBER_FLOAT -> row.setText(slot, parser.getText());
            case VALUE_STRING -> row.setText(slot, parser.getText());
            case VALUE_TRUE -> row.setBoolean(slot, true);
            case VALUE_FALSE -> row.setBoolean(slot, false);
            case VALUE_NULL -> row.setNull(slot);
            case START_OBJECT, START_ARRAY -> {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getByteOffset();
                row.setText(slot, new String(message, start, end - start, StandardCharsets.UTF_8));
            }
            default -> throw new IOException("unexpected token " + token);
        }
    }

    private void decodeWithJsonPath(byte[] message, RowConsumer consumer)
    {
        Object document;
        try {
            document = slowConfiguration.jsonProvider().parse(new String(message, StandardCharsets.UTF_8));
        }
        catch (RuntimeException e) {
            consumer.reject("Invalid JSON: " + e.getMessage());
            return;
        }
        if (document instanceof List<?> elements) {
            if (!stripOuterArray) {
                consumer.reject("The JSON message is an array; set strip_outer_array to true to load its elements");
                return;
            }
            for (Object element : elements) {
                readDocument(element, consumer);
            }
            return;
        }
        if (!(document instanceof Map<?, ?>)) {
            consumer.reject("The JSON message is not an object");
            return;
        }
        readDocument(document, consumer);
    }

    private void readDocument(Object document, RowConsumer consumer)
    {
        row.clear();
        for (int slot = 0; slot < slowPaths.size(); slot++) {
            Object value = slowPaths.get(slot).read(document, slowConfiguration);
            if (value == null) {
                row.setNull(slot);
            }
            else if (value instanceof Integer || value instanceof Long) {
                row.setLong(slot, ((Number) value).longValue());
            }
            else if (value instanceof Boolean bool) {
                row.setBoolean(slot, bool);
            }
            else if (value instanceof Map<?, ?> || value instanceof List<?>) {
                row.setText(slot, slowConfiguration.jsonProvider().toJson(value));
            }
            else {
                row.setText(slot, value.toString());
            }
        }
        consumer.accept(row);
    }

    private static final class PathNode
    {
        private Map<String, PathNode> children;
        private int slot = -1;

        PathNode child(String name)
        {
            if (children == null) {
                children = new HashMap<>();
            }
            return children.computeIfAbsent(name, ignored -> new PathNode());
        }
    }
}
