package io.sluice.loader.decode;

import io.sluice.loader.decode.RecordingRowConsumer.Json;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.sluice.loader.decode.RecordingRowConsumer.MISSING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonMessageDecoderTest
{
    /** A path json-path must evaluate: added as an extra column, it puts a decoder on the json-path path. */
    private static final String SLOW_PATH = "$.unused[*]";

    @Test
    void storyAMessageWithJsonPaths()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id", "name", "timestamp", "status"),
                List.of("$.id", "$.name", "$.timestamp", "$.status"), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder, "{\"id\": 1, \"name\": \"testuser\", \"timestamp\": \"2023-11-10T12:00:00\", \"status\": \"active\"}");

        assertThat(decoder.isStreaming()).isTrue();
        assertThat(consumer.singleRow()).containsExactly(1L, "testuser", "2023-11-10T12:00:00", "active");
    }

    @Test
    void stringsAreTheSameWhetherTakenAsTheirBytesOrReadByJackson()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("a", "b", "c", "d", "e", "f", "g"), List.of(), Optional.empty(), false);

        // plain ASCII (its bytes), empty, escapes, a wider character, a control character escaped, a value after them
        RecordingRowConsumer consumer = decode(decoder,
                "{\"a\": \"plain text\", \"b\": \"\", \"c\": \"say \\\"hi\\\"\", \"d\": \"grüße\", \"e\": \"tab\\there\", \"f\": \"x\\u0041y\", \"g\": \"last\"}");

        assertThat(consumer.singleRow()).containsExactly("plain text", "", "say \"hi\"", "grüße", "tab\there", "xAy", "last");
        // An unterminated string is Jackson's error, as before.
        assertThat(decode(decoder, "{\"a\": \"open").messageRejections()).hasSize(1);
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
        for (JsonMessageDecoder decoder : bothPaths(List.of("a", "b"), List.of("$.y", "x"))) {
            assertThat(decode(decoder, "{\"x\": 1, \"y\": 2}").singleRow()).startsWith(2L, 1L);
        }
    }

    @Test
    void jsonPathsAreCaseSensitive()
    {
        for (JsonMessageDecoder decoder : bothPaths(List.of("id"), List.of("$.Id"))) {
            assertThat(decode(decoder, "{\"id\": 1}").singleRow()).startsWith(MISSING);
            assertThat(decode(decoder, "{\"Id\": 1}").singleRow()).startsWith(1L);
        }
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
        for (JsonMessageDecoder decoder : bothPaths(List.of("id", "city", "zip"), List.of("$.user.id", "$.user.address.city", "$.user.address.zip"))) {
            RecordingRowConsumer consumer = decode(decoder,
                    "{\"user\": {\"address\": {\"city\": \"Oslo\", \"zip\": {\"code\": \"0150\"}}, \"id\": 5}, \"id\": 6, \"address\": {\"city\": \"no\"}}");

            assertThat(consumer.singleRow()).startsWith(5L, "Oslo", new Json("{\"code\":\"0150\"}"));
        }
    }

    @Test
    void arrayIndexesAreReadInTheStreamingPass()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("deep", "first", "quoted", "far", "second"),
                List.of("$.a.b[2].c", "$.arr[0]", "$['x y'][1]", "$.arr[7]", "$[\"arr\"][1]"), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder,
                "{\"arr\": [10, {\"k\": [1, 2]}], \"a\": {\"b\": [{\"c\": 0}, 5, {\"c\": \"third\"}]}, \"x y\": [true, false]}");

        assertThat(decoder.isStreaming()).isTrue();
        assertThat(consumer.singleRow()).containsExactly("third", 10L, false, MISSING, new Json("{\"k\":[1,2]}"));
    }

    @Test
    void streamingAndJsonPathGiveTheSameValues()
    {
        List<String> names = List.of("int", "big", "decimal", "bool", "string", "null", "object", "missing", "element");
        List<String> paths = List.of("$.v[0]", "$.v[1]", "$.v[2]", "$.v[3]", "$.v[4]", "$.v[5]", "$.o", "$.nothing.here", "$.v[6][0]");
        String message = "{\"v\": [9007199254740993, 123456789012345678901234567890, 12345678901234567.891, false, \"s\", null, [[\"x\"]]], "
                + "\"o\": {\"a\": [1, {\"b\": null}], \"c\": \"\\\"q\\\"\"}}";
        List<Object> expected = Arrays.asList(9007199254740993L, new Json("123456789012345678901234567890"), new Json("12345678901234567.891"),
                false, "s", null, new Json("{\"a\":[1,{\"b\":null}],\"c\":\"\\\"q\\\"\"}"), MISSING, new Json("[\"x\"]"));

        List<JsonMessageDecoder> decoders = bothPaths(names, paths);
        assertThat(decoders.get(0).isStreaming()).isTrue();
        assertThat(decoders.get(1).isStreaming()).isFalse();
        for (JsonMessageDecoder decoder : decoders) {
            assertThat(decode(decoder, message).singleRow().subList(0, names.size())).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void jsonPathEvaluatesWildcardsFiltersAndDeepScans()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("all", "big", "deep", "last"),
                List.of("$.items[*].id", "$.items[?(@.id > 10)].id", "$..name", "$.items[-1]"), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder, "{\"items\": [{\"id\": 10}, {\"id\": 11, \"name\": \"n\"}], \"name\": \"top\"}");

        assertThat(decoder.isStreaming()).isFalse();
        assertThat(consumer.singleRow()).containsExactly(new Json("[10,11]"), new Json("[11]"), new Json("[\"top\",\"n\"]"), new Json("{\"id\":11,\"name\":\"n\"}"));
    }

    @Test
    void nestedPathThroughAScalarOrArrayIsMissing()
    {
        for (JsonMessageDecoder decoder : bothPaths(List.of("a", "b", "c"), List.of("$.a.x", "$.b.x", "$.c[0]"))) {
            assertThat(decode(decoder, "{\"a\": 1, \"b\": [{\"x\": 2}], \"c\": {\"0\": 3}}").singleRow()).startsWith(MISSING, MISSING, MISSING);
        }
    }

    @Test
    void pathAndAPathBelowItBothGetTheirValue()
    {
        for (JsonMessageDecoder decoder : bothPaths(List.of("user", "id", "tag"), List.of("$.user", "$.user.id", "$.user.tags[0]"))) {
            RecordingRowConsumer consumer = decode(decoder, "{\"user\": {\"id\": 5, \"tags\": [\"a\"]}}");

            assertThat(consumer.singleRow()).startsWith(new Json("{\"id\":5,\"tags\":[\"a\"]}"), 5L, "a");
        }
    }

    @Test
    void twoColumnsWithTheSamePath()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("a", "b"), List.of("$.x", "$.x"), Optional.empty(), false);

        assertThat(decode(decoder, "{\"x\": \"v\"}").singleRow()).containsExactly("v", "v");
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
        for (JsonMessageDecoder decoder : bothPaths(List.of("doc", "a"), List.of("$", "$.a[1]"))) {
            assertThat(decode(decoder, "{\"a\": [1, 2]}").singleRow()).startsWith(new Json("{\"a\":[1,2]}"), 2L);
        }
    }

    @Test
    void jsonRoot()
    {
        JsonMessageDecoder byName = new JsonMessageDecoder(List.of("id", "name"), List.of(), Optional.of("$.data"), false);
        JsonMessageDecoder byPath = new JsonMessageDecoder(List.of("id", "name"), List.of("$.id", "$.name"), Optional.of(" $.data "), false);
        JsonMessageDecoder slow = new JsonMessageDecoder(List.of("id", "name"), List.of("$.id", "$.names[*]"), Optional.of("$.data"), false);
        JsonMessageDecoder indexRoot = new JsonMessageDecoder(List.of("id", "name"), List.of("$.id", "$.name"), Optional.of("$.list[1]"), false);
        JsonMessageDecoder slowRoot = new JsonMessageDecoder(List.of("id", "name"), List.of("$.id", "$.name"), Optional.of("$.list[-1]"), false);

        String message = "{\"id\": 0, \"meta\": {\"data\": 1}, \"data\": {\"id\": 1, \"name\": \"a\", \"names\": [\"a\"]}, \"tail\": [1]}";
        assertThat(decode(byName, message).singleRow()).containsExactly(1L, "a");
        assertThat(decode(byPath, message).singleRow()).containsExactly(1L, "a");
        assertThat(decode(slow, message).singleRow()).containsExactly(1L, new Json("[\"a\"]"));
        String list = "{\"list\": [{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}], \"more\": {\"x\": [1, {}]}}";
        assertThat(indexRoot.isStreaming()).isTrue();
        assertThat(decode(indexRoot, list).singleRow()).containsExactly(2L, "b");
        assertThat(slowRoot.isStreaming()).isFalse();
        assertThat(decode(slowRoot, list).singleRow()).containsExactly(2L, "b");
    }

    @Test
    void nestedJsonRoot()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.a.b"), false);

        assertThat(decode(decoder, "{\"a\": {\"x\": {\"b\": {\"id\": 0}}, \"b\": {\"id\": 1}}}").singleRow()).containsExactly(1L);
    }

    @Test
    void theRestOfTheMessageAfterTheJsonRootMustBeValid()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.data"), false);

        assertThat(decode(decoder, "{\"data\": {\"id\": 1}, \"tail\": [1, 2").messageRejection()).startsWith("Invalid JSON at byte ");
        assertThat(decode(decoder, "{\"data\": {\"id\": 1}} {}").messageRejection()).isEqualTo("Unexpected data after the JSON value at byte 20");
    }

    @Test
    void jsonRootWithStripOuterArray()
    {
        String message = "{\"count\": 2, \"RECORDS\": [{\"category\": \"11\", \"price\": 895}, {\"category\": \"22\", \"price\": 12.5}], \"more\": {}}";
        JsonMessageDecoder fast = new JsonMessageDecoder(List.of("category", "price"), List.of(), Optional.of("$.RECORDS"), true);
        JsonMessageDecoder slow = new JsonMessageDecoder(List.of("category", "price"), List.of("$.category", "$['price']"), Optional.of("$.RECORDS[*]"), true);

        for (JsonMessageDecoder decoder : List.of(fast, slow)) {
            RecordingRowConsumer consumer = decode(decoder, message);
            assertThat(consumer.rejections()).isEmpty();
            assertThat(consumer.messageRejections()).isEmpty();
            assertThat(consumer.rows()).containsExactly(List.of("11", 895L), List.of("22", new Json("12.5")));
        }
    }

    @Test
    void jsonRootArrayWithoutStripOuterArrayIsRejected()
    {
        JsonMessageDecoder fast = new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.data"), false);
        JsonMessageDecoder slow = new JsonMessageDecoder(List.of("id"), List.of("$.ids[*]"), Optional.of("$.data"), false);

        assertThat(decode(fast, "{\"data\": [{\"id\": 1}]}").messageRejection()).contains("strip_outer_array").contains("$.data");
        assertThat(decode(slow, "{\"data\": [{\"ids\": [1]}]}").messageRejection()).contains("strip_outer_array").contains("$.data");
    }

    @Test
    void missingJsonRootIsRejected()
    {
        JsonMessageDecoder fast = new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.data"), false);
        JsonMessageDecoder slow = new JsonMessageDecoder(List.of("id"), List.of("$.ids[*]"), Optional.of("$.data"), false);

        for (JsonMessageDecoder decoder : List.of(fast, slow)) {
            assertThat(decode(decoder, "{\"id\": 1}").messageRejection()).isEqualTo("The json_root $.data is not in the message");
            assertThat(decode(decoder, "{\"data\": 5}").messageRejection()).isEqualTo("The json_root $.data value is not a JSON object");
            assertThat(decode(decoder, "[{\"data\": {\"id\": 1}}]").messageRejection()).contains("json_root");
        }
    }

    @Test
    void stripOuterArrayLoadsEveryElement()
    {
        for (JsonMessageDecoder decoder : bothPaths(List.of("id", "name"), List.of("$.id", "$.name"), Optional.empty(), true)) {
            RecordingRowConsumer consumer = decode(decoder, "[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2}, {\"name\": \"c\", \"id\": 3}]");
            assertThat(consumer.rejections()).isEmpty();
            assertThat(consumer.rows()).extracting(row -> row.subList(0, 2))
                    .containsExactly(List.of(1L, "a"), List.of(2L, MISSING), List.of(3L, "c"));
        }
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
        for (JsonMessageDecoder decoder : bothPaths(List.of("id"), List.of("$.id"), Optional.empty(), true)) {
            RecordingRowConsumer consumer = decode(decoder, " [ ] ");
            assertThat(consumer.rows()).isEmpty();
            assertThat(consumer.rejections()).isEmpty();
            assertThat(consumer.messageRejections()).isEmpty();
        }
    }

    @Test
    void outerArrayElementThatIsNotAnObjectIsRejectedAlone()
    {
        for (JsonMessageDecoder decoder : bothPaths(List.of("id"), List.of("$.id"), Optional.empty(), true)) {
            RecordingRowConsumer consumer = decode(decoder, "[{\"id\": 1}, 5, [{\"id\": 2}], null, {\"id\": 3}]");
            assertThat(consumer.rows()).extracting(row -> row.get(0)).containsExactly(1L, 3L);
            assertThat(consumer.rejections()).containsExactly(
                    "An element of the outer array is not a JSON object",
                    "An element of the outer array is not a JSON object",
                    "An element of the outer array is not a JSON object");
            assertThat(consumer.messageRejections()).isEmpty();
        }
    }

    @Test
    void rowsAndRejectionsOfAnOuterArrayKeepTheirOrder()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), true);
        List<String> events = new ArrayList<>();

        decoder.decode(bytes("[{\"id\": 1}, 2, {\"id\": 3}]"), new RowConsumer()
        {
            @Override
            public void accept(SourceRow row)
            {
                events.add("row " + row.longValue(0));
            }

            @Override
            public void reject(String reason)
            {
                events.add("rejected");
            }
        });

        assertThat(events).containsExactly("row 1", "rejected", "row 3");
    }

    @Test
    void arrayWithoutStripOuterArrayIsAFatalError()
    {
        for (JsonMessageDecoder decoder : bothPaths(List.of("id"), List.of("$.id"))) {
            assertThat(decode(decoder, "[{\"id\": 1}, {\"id\": 2}]").messageRejection())
                    .isEqualTo("The JSON message is an array; set strip_outer_array to true to load its elements");
        }
    }

    @Test
    void brokenOuterArrayLoadsNoElement()
    {
        for (JsonMessageDecoder decoder : bothPaths(List.of("id"), List.of("$.id"), Optional.empty(), true)) {
            assertThat(decode(decoder, "[{\"id\": 1}, {\"id\": 2}").messageRejection()).startsWith("Invalid JSON at byte 21 (line 1, column 22): Unexpected end-of-input: expected close marker for Array");
            assertThat(decode(decoder, "[{\"id\": 1}, {\"id\": 2}, {\"id\": }]").messageRejection()).startsWith("Invalid JSON at byte 30");
            assertThat(decode(decoder, "[{\"id\": 1}] [{\"id\": 2}]").messageRejection()).isEqualTo("Unexpected data after the JSON value at byte 12");
            assertThat(decode(decoder, "[{\"id\": 1}] x").messageRejection()).startsWith("Invalid JSON at byte 12");
        }
    }

    @Test
    void nestedValuesAreCompactJsonText()
    {
        for (JsonMessageDecoder decoder : List.of(
                new JsonMessageDecoder(List.of("s", "a", "b", "e", "c"), List.of(), Optional.empty(), false),
                new JsonMessageDecoder(List.of("s", "a", "b", "e", "c"), List.of("$.s", "$.a", "$.b", "$.e", "$.c[*]"), Optional.empty(), false))) {
            RecordingRowConsumer consumer = decode(decoder,
                    "{\"s\": \"日本語 ✓\", \"a\": {\"x\": [1, 2.50, {\"y\": \"é\\\"\\/\\u0001\\n\"}]}, \"b\":[true,null] , \"e\": { }, \"c\": [\"\\\\\"]}");

            assertThat(consumer.singleRow()).containsExactly("日本語 ✓", new Json("{\"x\":[1,2.50,{\"y\":\"é\\\"/\\u0001\\n\"}]}"),
                    new Json("[true,null]"), new Json("{}"), new Json("[\"\\\\\"]"));
        }
    }

    @Test
    void numbers()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("i", "l", "big", "f", "e", "neg", "min", "zero"), List.of(), Optional.empty(), false);

        RecordingRowConsumer consumer = decode(decoder,
                "{\"i\": 1, \"l\": 9007199254740993, \"big\": 123456789012345678901234567890, \"f\": 1.50, \"e\": 1.5e3, \"neg\": -7, "
                        + "\"min\": -9223372036854775808, \"zero\": -0.0}");

        assertThat(consumer.singleRow()).containsExactly(1L, 9007199254740993L, new Json("123456789012345678901234567890"), new Json("1.50"),
                new Json("1.5e3"), -7L, Long.MIN_VALUE, new Json("-0.0"));
    }

    @Test
    void booleansNullAndMissingFields()
    {
        for (JsonMessageDecoder decoder : bothPaths(List.of("t", "f", "n", "m"), List.of("$.t", "$.f", "$.n", "$.m"))) {
            assertThat(decode(decoder, "{\"t\": true, \"f\": false, \"n\": null}").singleRow()).startsWith(true, false, null, MISSING);
        }
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
        assertThat(consumer.messageRejections()).hasSize(1);
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
            "{\"id\": \"a\tb\"}",
            "{\"id\": [1, 2,]}",
            "not json",
            "\u0000",
            "{\"id\": 1, \"x\": {\"y\": [1, {\"z\": tru}]}}",
    })
    void invalidJsonIsAFatalErrorWithItsPosition(String message)
    {
        for (JsonMessageDecoder decoder : allDecoders()) {
            assertThat(decode(decoder, message).messageRejection()).as("%s", message).matches("Invalid JSON at byte \\d+ \\(line 1, column \\d+\\): .+");
        }
    }

    @Test
    void invalidJsonReasonSaysWhatAndWhere()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), false);

        assertThat(decode(decoder, "{\"id\": }").messageRejection())
                .isEqualTo("Invalid JSON at byte 7 (line 1, column 8): Unexpected character ('}' (code 125)): expected a value");
        assertThat(decode(decoder, "{\"id\":\n 1,\n \"x\": ]}").messageRejection()).startsWith("Invalid JSON at byte 17 (line 3, column 7): ");
        assertThat(decode(decoder, "{\"id\": 1").messageRejection())
                .startsWith("Invalid JSON at byte 8 (line 1, column 9): Unexpected end-of-input: expected close marker for Object")
                .doesNotContain("Source");
    }

    @Test
    void secondObjectAfterTheFirstIsRejected()
    {
        for (JsonMessageDecoder decoder : allDecoders()) {
            assertThat(decode(decoder, "{\"id\": 1} {\"id\": 2}").messageRejection()).isEqualTo("Unexpected data after the JSON value at byte 10");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void emptyMessageIsAFatalError(String message)
    {
        for (JsonMessageDecoder decoder : allDecoders()) {
            assertThat(decode(decoder, message).messageRejection()).isEqualTo("Empty message");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"text\"", "true", "null", "-1.5"})
    void topLevelScalarIsAFatalError(String message)
    {
        for (JsonMessageDecoder decoder : allDecoders()) {
            assertThat(decode(decoder, message).messageRejection()).as("%s", message).isEqualTo("The JSON message is not a JSON object: " + message);
        }
    }

    @Test
    void invalidUtf8IsAFatalErrorWhereverItIs()
    {
        byte[] inValue = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] inSkippedValue = {'{', '"', 'x', '"', ':', '"', (byte) 0xFF, '"', ',', '"', 'i', 'd', '"', ':', '1', '}'};
        byte[] inName = {'{', '"', (byte) 0xE2, (byte) 0x28, (byte) 0xA1, '"', ':', '1', '}'};
        for (JsonMessageDecoder decoder : allDecoders()) {
            for (byte[] message : List.of(inValue, inSkippedValue, inName)) {
                RecordingRowConsumer consumer = new RecordingRowConsumer();
                decoder.decode(message, consumer);
                assertThat(consumer.messageRejection()).startsWith("Invalid JSON at byte ").containsIgnoringCase("UTF-8");
            }
        }
    }

    @Test
    void utf8ByteOrderMarkIsSkippedButOtherEncodingsAreInvalid()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), false);
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'i', 'd', '"', ':', '1', '}'};
        RecordingRowConsumer consumer = new RecordingRowConsumer();

        decoder.decode(withBom, consumer);
        decoder.decode("{\"id\": 2}".getBytes(StandardCharsets.UTF_16BE), consumer);

        assertThat(consumer.rows()).containsExactly(List.of(1L));
        assertThat(consumer.messageRejections()).singleElement().asString().startsWith("Invalid JSON at byte 1 ").contains("CTRL-CHAR, code 0");
    }

    @Test
    void deepNestingIsAFatalErrorNotAStackOverflow()
    {
        String deepObject = "{\"id\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000) + "}";
        String deepArray = "{\"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + ", \"id\": 1}";
        String unclosed = "[".repeat(100_000);
        List<JsonMessageDecoder> decoders = new ArrayList<>(allDecoders());
        decoders.add(new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), true));
        for (JsonMessageDecoder decoder : decoders) {
            for (String message : List.of(deepObject, deepArray)) {
                assertThat(decode(decoder, message).messageRejection()).startsWith("Invalid JSON").contains("nesting depth (1001) exceeds the maximum allowed (1000");
            }
            assertThat(decode(decoder, unclosed).messageRejection()).isNotEmpty();
        }
    }

    @Test
    void moderateNestingIsFine()
    {
        String value = "[".repeat(500) + "]".repeat(500);
        for (JsonMessageDecoder decoder : bothPaths(List.of("id"), List.of("$.id"))) {
            assertThat(decode(decoder, "{\"id\": " + value + "}").singleRow()).startsWith(new Json(value));
        }
    }

    @Test
    void tenMegabyteMessages()
    {
        JsonMessageDecoder decoder = new JsonMessageDecoder(List.of("id", "name"), List.of(), Optional.empty(), true);
        String big = "x".repeat(10 << 20);

        // Not JSON: rejected with a short reason, not the message.
        assertThat(decode(decoder, big).messageRejection()).startsWith("Invalid JSON at byte 0").hasSizeLessThan(500);
        // A huge string value loads (the column decides whether it fits), one in a skipped field is skipped.
        assertThat(decode(decoder, "{\"id\": 1, \"name\": \"" + big + "\"}").singleRow()).containsExactly(1L, big);
        assertThat(decode(decoder, "{\"skipped\": \"" + big + "\", \"id\": 2}").singleRow()).containsExactly(2L, MISSING);
        // A 10 MB outer array loads every element; cut short, it loads none.
        String array = "[" + ("{\"id\": 1, \"name\": \"" + "n".repeat(500) + "\"},").repeat(20_000) + "{\"id\": 2}]";
        assertThat(array.length()).isGreaterThan(10_000_000);
        long[] counts = new long[3];
        RowConsumer counter = new RowConsumer()
        {
            @Override
            public void accept(SourceRow row)
            {
                counts[0] += row.longValue(0);
            }

            @Override
            public void reject(String reason)
            {
                counts[1]++;
            }

            @Override
            public void rejectMessage(String reason)
            {
                counts[2]++;
            }
        };
        decoder.decode(bytes(array), counter);
        assertThat(counts).containsExactly(20_002, 0, 0);
        decoder.decode(bytes(array.substring(0, array.length() - 1)), counter);
        assertThat(counts).containsExactly(20_002, 0, 1);
        // And the decoder is fine afterwards.
        assertThat(decode(decoder, "{\"id\": 3}").singleRow()).containsExactly(3L, MISSING);
    }

    @Test
    void oneDecoderGivesWhatFreshDecodersGive()
    {
        // The streaming parser is reused from message to message: nothing of one message may leak into the next.
        List<String> messages = List.of(
                "{\"id\": 1, \"name\": \"a\", \"n\": {\"x\": [1, 2]}}",
                "{\"id\": 123456789012345678901234567890, \"name\": 2.5e-3}",
                "{\"id\": ",
                "{\"name\": \"\\u00e9\\ud83d\\ude00\", \"id\": -1}",
                "[{\"id\": 4}, 5, {\"id\": 6}]",
                "{\"id\": 1} {",
                "{\"nöme\": 1, \"id\": 7, \"name\": null}",
                "{\"id\": \"" + "long ".repeat(5000) + "\"}",
                "",
                "\"scalar\"",
                "{\"n\": {\"x\": {\"deep\": " + "[".repeat(1001) + "]".repeat(1001) + "}}}",
                "{\"id\": 8,\n\"name\": \"line\\nbreak\",\n\"n\": {}}",
                "{\"id\": 9, \"id\": 10}",
                "{\"n\": {\"x\": [\"a\", {\"b\": true}]}, \"id\": 11}");
        List<List<String>> pathSets = List.of(List.of(), List.of("$.id", "$.name", "$.n.x[1]"), List.of("$.id", "$.name", "$.n.x[*]"));
        for (List<String> paths : pathSets) {
            for (boolean strip : List.of(false, true)) {
                List<String> names = List.of("id", "name", "n").subList(0, paths.isEmpty() ? 3 : paths.size());
                JsonMessageDecoder shared = new JsonMessageDecoder(names, paths, Optional.empty(), strip);
                for (int round = 0; round < 3; round++) {
                    for (String message : messages) {
                        RecordingRowConsumer reused = decode(shared, message);
                        RecordingRowConsumer fresh = decode(new JsonMessageDecoder(names, paths, Optional.empty(), strip), message);
                        assertThat(reused.rows()).as("%s", message).isEqualTo(fresh.rows());
                        assertThat(reused.rejections()).as("%s", message).isEqualTo(fresh.rejections());
                        assertThat(reused.messageRejections()).as("%s", message).isEqualTo(fresh.messageRejections());
                    }
                }
            }
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

    @Test
    void pathsJsonPathWouldMisreadAreRejectedWithAPlainReason()
    {
        // json-path itself accepts the first as "$.a" and reports the second as a Java exception
        assertThatThrownBy(() -> new JsonMessageDecoder(List.of("a"), List.of("$.a["), Optional.empty(), false))
                .hasMessage("Invalid json path '$.a[': unbalanced brackets");
        assertThatThrownBy(() -> new JsonMessageDecoder(List.of("a"), List.of(), Optional.of("$.["), false))
                .hasMessage("Invalid json_root '$.[': unbalanced brackets");
        assertThat(new JsonMessageDecoder(List.of("a"), List.of("$['x]y'].b[0]"), Optional.empty(), false)).isNotNull();
    }

    /** The same columns on the streaming path and (with one more, json-path-only column) on the json-path path. */
    private static List<JsonMessageDecoder> bothPaths(List<String> names, List<String> paths)
    {
        return bothPaths(names, paths, Optional.empty(), false);
    }

    private static List<JsonMessageDecoder> bothPaths(List<String> names, List<String> paths, Optional<String> root, boolean strip)
    {
        List<String> slowNames = new ArrayList<>(names);
        slowNames.add("slow");
        List<String> slowPaths = new ArrayList<>(paths);
        slowPaths.add(SLOW_PATH);
        JsonMessageDecoder fast = new JsonMessageDecoder(names, paths, root, strip);
        JsonMessageDecoder slow = new JsonMessageDecoder(slowNames, slowPaths, root, strip);
        assertThat(fast.isStreaming()).isTrue();
        assertThat(slow.isStreaming()).isFalse();
        return List.of(fast, slow);
    }

    private static List<JsonMessageDecoder> allDecoders()
    {
        List<JsonMessageDecoder> decoders = new ArrayList<>();
        decoders.add(new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), false));
        decoders.add(new JsonMessageDecoder(List.of("id"), List.of(), Optional.empty(), true));
        decoders.addAll(bothPaths(List.of("id"), List.of("$.id")));
        decoders.addAll(bothPaths(List.of("id"), List.of("$.id"), Optional.empty(), true));
        decoders.add(new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.data"), false));
        decoders.add(new JsonMessageDecoder(List.of("id"), List.of(), Optional.of("$.data"), true));
        return decoders;
    }

    private static RecordingRowConsumer decode(JsonMessageDecoder decoder, String message)
    {
        RecordingRowConsumer consumer = new RecordingRowConsumer();
        // In the middle of a larger buffer, as Kafka hands messages out: nothing outside it may be read.
        byte[] text = bytes(message);
        byte[] buffer = new byte[text.length + 8];
        System.arraycopy(bytes("[{\"x\""), 0, buffer, 0, 5);
        System.arraycopy(text, 0, buffer, 5, text.length);
        buffer[text.length + 5] = ']';
        buffer[text.length + 6] = '}';
        buffer[text.length + 7] = '1';
        decoder.decode(buffer, 5, text.length, consumer);
        return consumer;
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
