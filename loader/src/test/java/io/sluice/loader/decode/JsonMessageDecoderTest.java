package io.sluice.loader.decode;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.sluice.loader.decode.RecordingRowConsumer.MISSING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonMessageDecoderTest
{
    /** Jsonpaths that need json-path (an array index), so the same cases run on the slow path. */
    private static final List<String> SLOW_PATHS = List.of("$.id", "$.items[0]");

    @Test
    void storyAMessageWithJsonPaths()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id", "name", "timestamp", "status"),
                List.of("$.id", "$.name", "$.timestamp", "$.status"), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder, "{\"id\": 1, \"name\": \"testuser\", \"timestamp\": \"2023-11-10T12:00:00\", \"status\": \"active\"}");

        assertThat(consumer.singleRow()).containsExactly(1L, "testuser", "2023-11-10T12:00:00", "active");
    }

    @Test
    void storyBMessageWithJsonPathsInAnotherOrder()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("commodity_id", "customer_name", "country", "pay_time", "price"),
                List.of("$.commodity_id", "$.customer_name", "$.country", "$.pay_time", "$.price"), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder, "{\"commodity_id\": \"1\", \"customer_name\": \"Mark Twain\", \"country\": \"US\",\"pay_time\": 1589191487,\"price\": 875}");

        assertThat(consumer.singleRow()).containsExactly("1", "Mark Twain", "US", 1589191487L, 875L);
    }

    @Test
    void jsonPathsMayChooseAnyFieldForAnySlot()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("a", "b"), List.of("$.y", "x"), Optional.empty(), false);

        assertThat(decode(decoder, "{\"x\": 1, \"y\": 2}").singleRow()).containsExactly(2L, 1L);
    }

    @Test
    void jsonPathsAreCaseSensitive()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id"), List.of("$.Id"), Optional.empty(), false);

        assertThat(decode(decoder, "{\"id\": 1}").singleRow()).containsExactly(MISSING);
        assertThat(decode(decoder, "{\"Id\": 1}").singleRow()).containsExactly(1L);
    }

    @Test
    void withoutJsonPathsFieldsMatchColumnNamesIgnoringCase()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("Id", "NAME", "absent"), List.of(), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder, "{\"other\": {\"id\": 99, \"deep\": [1, {\"name\": 2}]}, \"iD\": 7, \"name\": \"x\"}");

        assertThat(consumer.singleRow()).containsExactly(7L, "x", MISSING);
    }

    @Test
    void withoutJsonPathsColumnNamesNeedNotBeIdentifiers()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("user-id", "名字", "a.b", "x[0]"), List.of(), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder, "{\"USER-ID\": 3, \"名字\": \"张三\", \"a.b\": true, \"x[0]\": null, \"a\": {\"b\": false}}");

        assertThat(consumer.singleRow()).containsExactly(3L, "张三", true, null);
    }

    @Test
    void nestedPaths()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id", "city", "zip"),
                List.of("$.user.id", "$.user.address.city", "$.user.address.zip"), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder,
                "{\"user\": {\"address\": {\"city\": \"Oslo\", \"zip\": {\"code\": \"0150\"}}, \"id\": 5}, \"id\": 6, \"address\": {\"city\": \"no\"}}");

        assertThat(consumer.singleRow()).containsExactly(5L, "Oslo", "{\"code\": \"0150\"}");
    }

    @Test
    void nestedPathThroughAScalarOrArrayIsMissing()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("a", "b"), List.of("$.a.x", "$.b.x"), Optional.empty(), false);

        assertThat(decode(decoder, "{\"a\": 1, \"b\": [{\"x\": 2}]}").singleRow()).containsExactly(MISSING, MISSING);
    }

    @Test
    void pathAndAPathBelowItBothGetTheirValue()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("user", "id"), List.of("$.user", "$.user.id"), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder, "{\"user\": {\"id\": 5, \"tags\": [\"a\"]}}");

        assertThat(consumer.singleRow()).containsExactly("{\"id\": 5, \"tags\": [\"a\"]}", 5L);
    }

    @Test
    void jsonPathFallbackForArrayIndexes()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("first", "name", "second", "all", "user"),
                List.of("$.items[0].id", "$.name", "$.items[1]", "$.items[*].id", "$.user"), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder,
                "{\"name\": \"n\", \"items\": [{\"id\": 10}, {\"id\": 11, \"v\": 2.50}], \"user\": {\"ok\": true, \"n\": null}}");

        assertThat(consumer.singleRow()).containsExactly(10L, "n", "{\"id\":11,\"v\":2.50}", "[10,11]", "{\"ok\":true,\"n\":null}");
    }

    @Test
    void jsonPathFallbackKeepsNumbersExactAndTyped()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("int", "big", "decimal", "bool", "string", "null"),
                List.of("$.v[0]", "$.v[1]", "$.v[2]", "$.v[3]", "$.v[4]", "$.v[5]"), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder, "{\"v\": [9007199254740993, 123456789012345678901234567890, 12345678901234567.891, false, \"s\", null]}");

        assertThat(consumer.singleRow()).containsExactly(9007199254740993L, "123456789012345678901234567890", "12345678901234567.891", false, "s", null);
    }

    @Test
    void jsonPathFallbackPathNotFoundIsNull()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("a", "b"), List.of("$.items[5].id", "$.nothing[0]"), Optional.empty(), false);

        assertThat(decode(decoder, "{\"items\": [{\"id\": 1}]}").singleRow()).containsExactly(null, null);
    }

    @Test
    void pathsWithoutDollarAreRelativeToTheRoot()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("a", "b"), List.of("a", " $.b.c "), Optional.empty(), false);

        assertThat(decode(decoder, "{\"a\": 1, \"b\": {\"c\": 2}}").singleRow()).containsExactly(1L, 2L);
    }

    @Test
    void wholeDocumentPath()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("doc"), List.of("$"), Optional.empty(), false);

        assertThat(decode(decoder, "{\"a\": [1, 2]}").singleRow()).containsExactly("{\"a\":[1,2]}");
    }

    @Test
    void jsonRoot()
    {
        JsonMessageDecoder byName = new JsonMessageDecoder(List.of("id", "name"), List.of(), Optional.of("$.data"), false);
        JsonMessageDecoder byPath = new JsonMessageDecoder(List.of("id", "name"), List.of("$.id", "$.name"), Optional.of(" $.data "), false);
        JsonMessageDecoder slow = new JsonMessageDecoder(List.of("id", "name"), List.of("$.id", "$.names[0]"), Optional.of("$.data"), false);
        JsonMessageDecoder slowRoot = new JsonMessageDecoder(List.of("id", "name"), List.of("$.id", "$.name"), Optional.of("$.data[0]"), false);

        String message = "{\"id\": 0, \"meta\": {\"data\": 1}, \"data\": {\"id\": 1, \"name\": \"a\", \"names\": [\"a\"]}, \"tail\": [1]}";
        assertThat(decode(byName, message).singleRow()).containsExactly(1L, "a");
        assertThat(decode(byPath, message).singleRow()).containsExactly(1L, "a");
        assertThat(decode(slow, message).singleRow()).containsExactly(1L, "a");
        assertThat(decode(slowRoot, "{\"data\": [{\"id\": 1, \"name\": \"a\"}, {\"id\": 2}]}").singleRow()).containsExactly(1L, "a");
    }

    @Test
    void nestedJsonRoot()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.a.b"), false);

        assertThat(decode(decoder, "{\"a\": {\"x\": {\"b\": {\"id\": 0}}, \"b\": {\"id\": 1}}}").singleRow()).containsExactly(1L);
    }

    @Test
    void jsonRootWithStripOuterArray()
    {
        String message = "{\"count\": 2, \"RECORDS\": [{\"category\": \"11\", \"price\": 895}, {\"category\": \"22\", \"price\": 12.5}], \"more\": {}}";
        JsonMessageDecoder fast = new JsonMessageDecoder(List.of("category", "price"), List.of(), Optional.of("$.RECORDS"), true);
        JsonMessageDecoder slow = new JsonMessageDecoder(List.of("category", "price"), List.of("$.category", "$['price']"), Optional.of("$.RECORDS"), true);

        for (JsonMessageDecoder decoder : List.of(fast, slow)) {
            RecordingRowConsumer consumer = decode(decoder, message);
            assertThat(consumer.rejections()).isEmpty();
            assertThat(consumer.rows()).containsExactly(List.of("11", 895L), List.of("22", "12.5"));
        }
    }

    @Test
    void jsonRootArrayWithoutStripOuterArrayIsRejected()
    {
        JsonMessageDecoder fast = new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.data"), false);
        JsonMessageDecoder slow = new JsonMessageDecoder(List.of("id"), List.of("$.ids[0]"), Optional.of("$.data"), false);

        assertThat(decode(fast, "{\"data\": [{\"id\": 1}]}").singleRejection()).contains("strip_outer_array");
        assertThat(decode(slow, "{\"data\": [{\"ids\": [1]}]}").singleRejection()).contains("strip_outer_array");
    }

    @Test
    void missingJsonRootIsRejected()
    {
        JsonMessageDecoder fast = new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.data"), false);
        JsonMessageDecoder slow = new JsonMessageDecoder(List.of("id"), List.of("$.ids[0]"), Optional.of("$.data"), false);

        for (JsonMessageDecoder decoder : List.of(fast, slow)) {
            assertThat(decode(decoder, "{\"id\": 1}").singleRejection()).contains("json_root").contains("$.data");
            assertThat(decode(decoder, "{\"data\": 5}").singleRejection()).contains("not a JSON object");
            assertThat(decode(decoder, "[{\"data\": {\"id\": 1}}]").singleRejection()).contains("json_root");
        }
    }

    @Test
    void stripOuterArrayLoadsEveryElement()
    {
        JsonMessageDecoder fast = new JsonMessageDecoder(List.of("id", "name"), List.of(), Optional.empty(), true);
        JsonMessageDecoder slow = new JsonMessageDecoder(List.of("id", "name"), List.of("$.id", "$.names[0]"), Optional.empty(), true);

        RecordingRowConsumer fastConsumer = decode(fast, "[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2}, {\"name\": \"c\", \"id\": 3}]");
        assertThat(fastConsumer.rejections()).isEmpty();
        assertThat(fastConsumer.rows()).containsExactly(List.of(1L, "a"), List.of(2L, MISSING), List.of(3L, "c"));

        RecordingRowConsumer slowConsumer = decode(slow, "[{\"id\": 1, \"names\": [\"a\"]}, {\"id\": 2}]");
        assertThat(slowConsumer.rejections()).isEmpty();
        assertThat(slowConsumer.rows()).containsExactly(List.of(1L, "a"), Arrays.asList(2L, null));
    }

    @Test
    void stripOuterArrayStillAcceptsASingleObject()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), true);

        assertThat(decode(decoder, "{\"id\": 1}").singleRow()).containsExactly(1L);
    }

    @Test
    void emptyOuterArrayHasNoRows()
    {
        for (JsonMessageDecoder decoder : List.of(
                new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), true),
                new JsonMessageDecoder(List.of("id"), SLOW_PATHS.subList(1, 2), Optional.empty(), true))) {
            RecordingRowConsumer consumer = decode(decoder, " [ ] ");
            assertThat(consumer.rows()).isEmpty();
            assertThat(consumer.rejections()).isEmpty();
        }
    }

    @Test
    void outerArrayElementThatIsNotAnObjectIsRejectedAlone()
    {
        for (JsonMessageDecoder decoder : List.of(
                new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), true),
                new JsonMessageDecoder(List.of("id"), List.of("$['id']"), Optional.empty(), true))) {
            RecordingRowConsumer consumer = decode(decoder, "[{\"id\": 1}, 5, [{\"id\": 2}], {\"id\": 3}]");
            assertThat(consumer.rows()).containsExactly(List.of(1L), List.of(3L));
            assertThat(consumer.rejections()).hasSize(2).allSatisfy(reason -> assertThat(reason).contains("not a JSON object"));
        }
    }

    @Test
    void arrayWithoutStripOuterArrayIsRejected()
    {
        for (JsonMessageDecoder decoder : List.of(
                new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), false),
                new JsonMessageDecoder(List.of("id", "item"), SLOW_PATHS, Optional.empty(), false))) {
            assertThat(decode(decoder, "[{\"id\": 1}, {\"id\": 2}]").singleRejection()).contains("strip_outer_array");
        }
    }

    @Test
    void brokenOuterArrayLoadsNoElement()
    {
        for (JsonMessageDecoder decoder : List.of(
                new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), true),
                new JsonMessageDecoder(List.of("id"), List.of("$['id']"), Optional.empty(), true))) {
            assertThat(decode(decoder, "[{\"id\": 1}, {\"id\": 2}").singleRejection()).startsWith("Invalid JSON");
            assertThat(decode(decoder, "[{\"id\": 1}, {\"id\": 2}, {\"id\": }]").singleRejection()).startsWith("Invalid JSON");
            assertThat(decode(decoder, "[{\"id\": 1}] [{\"id\": 2}]").singleRejection()).contains("after the JSON");
            assertThat(decode(decoder, "[{\"id\": 1}] x").singleRejection()).startsWith("Invalid JSON");
        }
    }

    @Test
    void nestedValuesAreKeptAsRawJsonText()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("s", "a", "b", "e"), List.of(), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder,
                "{\"s\": \"日本語 ✓\", \"a\": {\"x\": [1, 2, {\"y\": \"é\\\"\"}]}, \"b\":[true,null] , \"e\": {}}");

        assertThat(consumer.singleRow()).containsExactly("日本語 ✓", "{\"x\": [1, 2, {\"y\": \"é\\\"\"}]}", "[true,null]", "{}");
    }

    @Test
    void numbers()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("i", "l", "big", "f", "e", "neg", "min", "zero"), List.of(), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder,
                "{\"i\": 1, \"l\": 9007199254740993, \"big\": 123456789012345678901234567890, \"f\": 1.50, \"e\": 1.5e3, \"neg\": -7, "
                        + "\"min\": -9223372036854775808, \"zero\": -0.0}");

        assertThat(consumer.singleRow()).containsExactly(1L, 9007199254740993L, "123456789012345678901234567890", "1.50", "1.5e3", -7L,
                Long.MIN_VALUE, "-0.0");
    }

    @Test
    void booleansNullAndMissingFields()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("t", "f", "n", "m"), List.of(), Optional.empty(), false);

        assertThat(decode(decoder, "{\"t\": true, \"f\": false, \"n\": null}").singleRow()).containsExactly(true, false, null, MISSING);
    }

    @Test
    void strings()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("a", "b", "c"), List.of(), Optional.empty(), false);

        assertThat(decode(decoder, "{\"a\": \"\", \"b\": \"tab\\there \\u00e9 \\ud83d\\ude00\", \"c\": \"\\\\N\"}").singleRow())
                .containsExactly("", "tab\there é \uD83D\uDE00", "\\N");
    }

    @Test
    void rowIsClearedBetweenMessages()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("a", "b"), List.of(), Optional.empty(), false);
        RecordingRowConsumer consumer = new RecordingRowConsumer();

        decoder.decode(bytes("{\"a\": 1, \"b\": \"x\"}"), consumer);
        decoder.decode(bytes("{\"a\": 2}"), consumer);
        decoder.decode(bytes("{\"a\": "), consumer);
        decoder.decode(bytes("{}"), consumer);

        assertThat(consumer.rows()).containsExactly(List.of(1L, "x"), List.of(2L, MISSING), List.of(MISSING, MISSING));
        assertThat(consumer.rejections()).hasSize(1);
    }

    @Test
    void duplicateFieldLastValueWins()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("a"), List.of(), Optional.empty(), false);

        assertThat(decode(decoder, "{\"a\": 1, \"A\": 2}").singleRow()).containsExactly(2L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\": }",
            "{\"id\": 1",
            "{\"id\": 1,",
            "{\"id\": \"abc",
            "{\"id\": 1]",
            "{id: 1}",
            "{'id': 1}",
            "{\"id\": 01}",
            "{\"id\": NaN}",
            "{\"id\": 1} xyz",
            "{\"id\": 1} }",
            "not json",
            "\u0000",
    })
    void invalidJsonIsRejectedWithoutRows(String message)
    {
        for (JsonMessageDecoder decoder : allDecoders()) {
            assertThat(decode(decoder, message).singleRejection()).as("%s", message).startsWith("Invalid JSON: ");
        }
    }

    @Test
    void secondObjectAfterTheFirstIsRejected()
    {
        for (JsonMessageDecoder decoder : allDecoders()) {
            assertThat(decode(decoder, "{\"id\": 1} {\"id\": 2}").singleRejection()).isEqualTo("Unexpected data after the JSON value");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void emptyMessageIsRejected(String message)
    {
        for (JsonMessageDecoder decoder : allDecoders()) {
            assertThat(decode(decoder, message).singleRejection()).isEqualTo("Empty message");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"text\"", "true", "null", "-1.5"})
    void topLevelScalarIsRejected(String message)
    {
        for (JsonMessageDecoder decoder : allDecoders()) {
            assertThat(decode(decoder, message).singleRejection()).as("%s", message).contains("not a JSON object");
        }
    }

    @Test
    void invalidUtf8IsRejected()
    {
        byte[] message = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        for (JsonMessageDecoder decoder : allDecoders()) {
            RecordingRowConsumer consumer = new RecordingRowConsumer();
            decoder.decode(message, consumer);
            assertThat(consumer.singleRejection()).startsWith("Invalid JSON: ");
        }
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow()
    {
        String deepObject = "{\"id\": " + "{\"a\": ".repeat(5000) + "1" + "}".repeat(5000) + "}";
        String deepArray = "{\"id\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        String unclosed = "[".repeat(100_000);
        for (JsonMessageDecoder decoder : allDecoders()) {
            for (String message : List.of(deepObject, deepArray)) {
                assertThat(decode(decoder, message).singleRejection()).startsWith("Invalid JSON: ");
            }
            // Without strip_outer_array an array is rejected before it is read.
            assertThat(decode(decoder, unclosed).singleRejection()).isNotEmpty();
        }
    }

    @Test
    void moderateNestingIsFine()
    {
        String value = "[".repeat(200) + "]".repeat(200);
        for (JsonMessageDecoder decoder : List.of(
                new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), false),
                new JsonMessageDecoder(List.of("id"), List.of("$['id']"), Optional.empty(), false))) {
            assertThat(decode(decoder, "{\"id\": " + value + "}").singleRow()).containsExactly(value);
        }
    }

    @Test
    void jsonPathCountMustMatchTheSourceColumns()
    {
        assertThatThrownBy(() -> new JsonMessageDecoder(List.of("a", "b"), List.of("$.a"), Optional.empty(), false))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessageContaining("jsonpaths has 1 paths but COLUMNS has 2 source columns");
    }

    @Test
    void invalidJsonPathIsAPropertyError()
    {
        assertThatThrownBy(() -> new JsonMessageDecoder(List.of("a"), List.of("$.a[?(@.x ==]"), Optional.empty(), false))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessageContaining("Invalid json path");
        assertThatThrownBy(() -> new JsonMessageDecoder(List.of("a"), List.of(), Optional.of("$.a[?(@.x ==]"), false))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessageContaining("json_root");
    }

    private static List<JsonMessageDecoder> allDecoders()
    {
        return List.of(
                new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), false),
                new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), true),
                new JsonMessageDecoder(List.of("id", "item"), SLOW_PATHS, Optional.empty(), false),
                new JsonMessageDecoder(List.of("id", "item"), SLOW_PATHS, Optional.empty(), true),
                new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.data"), false),
                new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.data"), true));
    }

    private static RecordingRowConsumer decode(JsonMessageDecoder decoder, String message)
    {
        RecordingRowConsumer consumer = new RecordingRowConsumer();
        decoder.decode(bytes(message), consumer);
        return consumer;
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
