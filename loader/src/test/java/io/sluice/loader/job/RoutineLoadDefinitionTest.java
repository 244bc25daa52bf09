package io.sluice.loader.job;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutineLoadDefinitionTest
{
    @Test
    void storyBRoundTrip()
    {
        RoutineLoadDefinition definition = new RoutineLoadDefinition("dwx_test", "load_aggregate", "customer_buy_aggregate",
                List.of(source("commodity_id"), source("customer_name"), source("country"), source("pay_time"), source("price"),
                        new ColumnMapping("pay_dt", Optional.of("from_unixtime(pay_time, '%Y%m%d')"))),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                ordered("desired_concurrent_number", "5", "format", "json",
                        "jsonpaths", "[\"$.commodity_id\",\"$.customer_name\",\"$.country\",\"$.pay_time\",\"$.price\"]"),
                "KAFKA",
                ordered("kafka_broker_list", "host1:9092,host2:9092,host3:9092", "kafka_topic", "testA", "property.kafka_default_offsets", "OFFSET_END"));

        RoutineLoadDefinition copy = RoutineLoadDefinition.deserialize(definition.serialize());

        assertThat(copy).isEqualTo(definition);
        assertThat(copy.jobProperties().keySet()).containsExactly("desired_concurrent_number", "format", "jsonpaths");
        assertThat(copy.dataSourceProperties().keySet()).containsExactly("kafka_broker_list", "kafka_topic", "property.kafka_default_offsets");
        assertThat(copy.creator()).isEmpty();

        RoutineLoadDefinition created = definition.withCreator("bob@%");
        assertThat(RoutineLoadDefinition.deserialize(created.serialize())).isEqualTo(created);
        assertThat(RoutineLoadDefinition.deserialize(created.serialize()).creator()).isEqualTo("bob@%");
    }

    @Test
    void specialCharactersRoundTrip()
    {
        String nasty = "tab\there\nnewline\r\nCRLF back\\slash \\n literal \\t \\\\ trailing\\";
        RoutineLoadDefinition definition = new RoutineLoadDefinition("数据库", "名字 ✓ \uD83D\uDE00", "t\tab\\le",
                List.of(source("a\tb"), new ColumnMapping("c\nd", Optional.of(nasty)), source("")),
                Optional.of("a = '\\N' AND b <> '\t'"), Optional.of("\t"), Optional.of("\r\n"), List.of("p1", "p\n2", ""),
                ordered("z_first", nasty, "a_second", "", "m\tkey\nwith\\escapes", "v"),
                "kafka",
                ordered("property.sasl.jaas.config", "x required username=\"u\" password=\"p\";", "kafka_topic", "t", "property.a\nb", "\\"));

        RoutineLoadDefinition copy = RoutineLoadDefinition.deserialize(definition.serialize());

        assertThat(copy).isEqualTo(definition);
        assertThat(copy.columns().get(1).expression()).contains(nasty);
        assertThat(copy.jobProperties().keySet()).containsExactly("z_first", "a_second", "m\tkey\nwith\\escapes");
        assertThat(copy.dataSourceProperties().keySet()).containsExactly("property.sasl.jaas.config", "kafka_topic", "property.a\nb");
    }

    @Test
    void serializedFormIsOneLinePerField()
    {
        RoutineLoadDefinition definition = new RoutineLoadDefinition("db", "job", "t",
                List.of(source("a"), new ColumnMapping("b", Optional.of("a\n+ 1"))), Optional.of("a > 1"), Optional.of(","), Optional.empty(),
                List.of("p1"), ordered("format", "csv"), "KAFKA", ordered("kafka_topic", "t"));

        assertThat(definition.serialize().split("\n")).containsExactly(
                "database\tdb",
                "name\tjob",
                "table\tt",
                "column\ta",
                "column\tb",
                "column.expression\ta\\n+ 1",
                "where\ta > 1",
                "columnSeparator\t,",
                "partition\tp1",
                "job.format\tcsv",
                "sourceType\tKAFKA",
                "source.kafka_topic\tt");
    }

    @Test
    void emptyOptionalsStayEmpty()
    {
        RoutineLoadDefinition definition = new RoutineLoadDefinition("db", "job", "t", List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), Map.of(), "KAFKA", Map.of());

        RoutineLoadDefinition copy = RoutineLoadDefinition.deserialize(definition.serialize());

        assertThat(copy).isEqualTo(definition);
        assertThat(copy.where()).isEmpty();
        assertThat(copy.columnSeparator()).isEmpty();
        assertThat(RoutineLoadDefinition.deserialize(new RoutineLoadDefinition("db", "job", "t", List.of(), Optional.of(""), Optional.of(""),
                Optional.empty(), List.of(), Map.of(), "KAFKA", Map.of()).serialize()).where()).contains("");
    }

    @Test
    void propertiesAreCopiedAndImmutable()
    {
        Map<String, String> job = new LinkedHashMap<>();
        job.put("format", "json");
        RoutineLoadDefinition definition = new RoutineLoadDefinition("db", "job", "t", List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), job, "KAFKA", Map.of());
        job.put("strict_mode", "true");

        assertThat(definition.jobProperties()).containsOnlyKeys("format");
        assertThatThrownBy(() -> definition.jobProperties().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void corruptDefinitionIsAClearError()
    {
        assertThatThrownBy(() -> RoutineLoadDefinition.deserialize("database\tdb\nno tab here\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tab here");
        assertThatThrownBy(() -> RoutineLoadDefinition.deserialize("database\tdb\nbogus\tx\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bogus");
        assertThatThrownBy(() -> RoutineLoadDefinition.deserialize("column.expression\tx\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column.expression");
        assertThatThrownBy(() -> RoutineLoadDefinition.deserialize("database\tdb\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }

    @Test
    void separatorsDefaultToTabAndNewlineAndAcceptHex()
    {
        RoutineLoadDefinition plain = withSeparators(Optional.empty(), Optional.empty());
        assertThat(plain.columnSeparatorValue()).isEqualTo("\t");
        assertThat(plain.rowDelimiterValue()).isEqualTo("\n");

        RoutineLoadDefinition written = withSeparators(Optional.of("||"), Optional.of("\r\n"));
        assertThat(written.columnSeparatorValue()).isEqualTo("||");
        assertThat(written.rowDelimiterValue()).isEqualTo("\r\n");

        assertThat(withSeparators(Optional.of("\\x01"), Optional.of("0x0A")).columnSeparatorValue()).isEqualTo("\u0001");
        assertThat(withSeparators(Optional.of("\\x01"), Optional.of("0x0A")).rowDelimiterValue()).isEqualTo("\n");
        assertThat(withSeparators(Optional.of("0xE282AC"), Optional.empty()).columnSeparatorValue()).isEqualTo("€");
        withSeparators(Optional.of("x".repeat(50)), Optional.empty()).validateLoadProperties();
    }

    @Test
    void badSeparatorsAreRejected()
    {
        assertInvalidSeparators(Optional.of(""), Optional.empty(), "Delimiter cannot be empty or null");
        assertInvalidSeparators(Optional.of("x".repeat(51)), Optional.empty(), "COLUMNS TERMINATED BY '" + "x".repeat(51) + "' is longer than 50 bytes");
        assertInvalidSeparators(Optional.empty(), Optional.of("é".repeat(26)), "ROWS TERMINATED BY");
        assertInvalidSeparators(Optional.of("\\x1"), Optional.empty(), "Invalid delimiter '\\x1': hex length must be a even number");
        assertInvalidSeparators(Optional.of("0x"), Optional.empty(), "Invalid delimiter '0x': empty hex string");
        assertInvalidSeparators(Optional.of("0xZZ"), Optional.empty(), "Invalid delimiter '0xZZ': invalid hex format");
        assertInvalidSeparators(Optional.of("0xFF"), Optional.empty(), "the bytes are not UTF-8 text");
        assertInvalidSeparators(Optional.of(","), Optional.of("0x2C"), "The column separator and the row delimiter must differ");
    }

    @Test
    void alterationReplacesWhatItWrites()
    {
        RoutineLoadDefinition definition = new RoutineLoadDefinition("db", "job", "t", List.of(source("a"), source("b")), Optional.of("a > 1"),
                Optional.of(","), Optional.empty(), List.of(), ordered("max_error_number", "5", "format", "csv"), "KAFKA",
                ordered("kafka_broker_list", "h:9092", "kafka_topic", "t", "property.client.id", "c1"));

        RoutineLoadDefinition altered = definition.altered(new RoutineLoadAlteration(Optional.of(List.of(source("x"))), Optional.empty(),
                Optional.of("|"), Optional.of("\n"), Optional.of(List.of("p1")), ordered("MAX_ERROR_NUMBER", "9", "strict_mode", "true"),
                ordered("kafka_broker_list", "h2:9092", "property.client.id", "c2", "property.group.id", "g", "kafka_partitions", "0", "kafka_offsets", "5")));

        assertThat(altered.columns()).containsExactly(source("x"));
        assertThat(altered.where()).contains("a > 1");
        assertThat(altered.columnSeparator()).contains("|");
        assertThat(altered.rowDelimiter()).contains("\n");
        assertThat(altered.partitions()).containsExactly("p1");
        assertThat(altered.jobProperties()).containsExactly(Map.entry("max_error_number", "9"), Map.entry("format", "csv"), Map.entry("strict_mode", "true"));
        assertThat(altered.dataSourceProperties()).containsExactly(Map.entry("kafka_broker_list", "h2:9092"), Map.entry("kafka_topic", "t"),
                Map.entry("property.client.id", "c2"), Map.entry("property.group.id", "g"));

        RoutineLoadDefinition unchanged = definition.altered(new RoutineLoadAlteration(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Map.of()));
        assertThat(unchanged).isEqualTo(definition);
    }

    private static RoutineLoadDefinition withSeparators(Optional<String> columnSeparator, Optional<String> rowDelimiter)
    {
        return new RoutineLoadDefinition("db", "job", "t", List.of(), Optional.empty(), columnSeparator, rowDelimiter, List.of(), Map.of(), "KAFKA",
                ordered("kafka_broker_list", "h:9092", "kafka_topic", "t"));
    }

    private static void assertInvalidSeparators(Optional<String> columnSeparator, Optional<String> rowDelimiter, String message)
    {
        assertThatThrownBy(() -> withSeparators(columnSeparator, rowDelimiter).validateLoadProperties())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessageContaining(message);
    }

    private static ColumnMapping source(String name)
    {
        return new ColumnMapping(name, Optional.empty());
    }

    private static Map<String, String> ordered(String... keysAndValues)
    {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
