package io.sluice.loader.decode;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvMessageDecoderTest
{
    @Test
    void tabSeparatedFieldsAreText()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(3, "\t", "\n", false);

        assertThat(decode(decoder, "1\tAlice\t2020-05-11").singleRow()).containsExactly("1", "Alice", "2020-05-11");
    }

    @Test
    void severalRowsPerMessageAndATrailingDelimiter()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, "\t", "\n", false);

        RecordingRowConsumer consumer = decode(decoder, "1\ta\n2\tb\n\n3\tc\n");

        assertThat(consumer.rejections()).isEmpty();
        assertThat(consumer.rows()).containsExactly(List.of("1", "a"), List.of("2", "b"), List.of("3", "c"));
    }

    @Test
    void multiByteSeparators()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(3, "||", "<EOR>", false);

        RecordingRowConsumer consumer = decode(decoder, "a|b||c||d<EOR>1||2||3|<EOR>");

        assertThat(consumer.rows()).containsExactly(List.of("a|b", "c", "d"), List.of("1", "2", "3|"));
        assertThat(consumer.rejections()).isEmpty();
    }

    @Test
    void separatorsOfFiftyBytes()
    {
        String separator = "<" + "=".repeat(48) + ">";
        String delimiter = "#".repeat(50);
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, separator, delimiter, false);

        RecordingRowConsumer consumer = decode(decoder, "a" + separator + "b" + delimiter + "c=" + separator + "#d" + delimiter);

        assertThat(consumer.rows()).containsExactly(List.of("a", "b"), List.of("c=", "#d"));
        assertThatThrownBy(() -> new CsvMessageDecoder(2, separator + "x", "\n", false))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessageStartingWith("The column separator must be 1 to 50 bytes, got 51");
        assertThatThrownBy(() -> new CsvMessageDecoder(2, ",", "é".repeat(26), false))
                .hasMessageStartingWith("The row delimiter must be 1 to 50 bytes, got 52");
    }

    @Test
    void hexSeparators()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, "\\x01", "\\X0d0A", false);

        RecordingRowConsumer consumer = decode(decoder, "a\u0001b\r\nc\u0001d\r\n");

        assertThat(consumer.rows()).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(CsvMessageDecoder.separatorBytes("\\x01", "x")).containsExactly(1);
        // Not hex digits, or an odd number of them: the text itself.
        assertThat(CsvMessageDecoder.separatorBytes("\\xyz", "x")).containsExactly('\\', 'x', 'y', 'z');
        assertThat(CsvMessageDecoder.separatorBytes("\\x1", "x")).containsExactly('\\', 'x', '1');
    }

    @Test
    void nonAsciiSeparatorsAndText()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, "分隔", "\u2028", false);

        RecordingRowConsumer consumer = decode(decoder, "名字分隔值\u2028x分隔é\uD83D\uDE00");

        assertThat(consumer.rows()).containsExactly(List.of("名字", "值"), List.of("x", "é\uD83D\uDE00"));
    }

    @Test
    void carriageReturnLineFeedRows()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\r\n", false);

        assertThat(decode(decoder, "1,a\r\n2,b\r\n").rows()).containsExactly(List.of("1", "a"), List.of("2", "b"));
    }

    @Test
    void backslashNIsNullAndAnEmptyFieldIsAnEmptyString()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(4, ",", "\n", false);

        assertThat(decode(decoder, "\\N,,x\\N,\\n").singleRow()).containsExactly(null, "", "x\\N", "\\n");
        assertThat(decode(decoder, ",,,").singleRow()).containsExactly("", "", "", "");
    }

    @Test
    void wrongColumnCountIsARowErrorWithStarRocksText()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(3, "\t", "\n", false);

        assertThat(decode(decoder, "1\ta").singleRejection())
                .isEqualTo("Target column count: 3 doesn't match source value column count: 2. Column separator: '\\t', Row delimiter: '\\n'. Row: 1\ta");
        assertThat(decode(new CsvMessageDecoder(2, ",", "\\x01", false), "1,a,extra\u0001").singleRejection())
                .isEqualTo("Target column count: 2 doesn't match source value column count: 3. Column separator: ',', Row delimiter: '\\x01'. Row: 1,a,extra");
        assertThat(decode(new CsvMessageDecoder(2, ",", "\n", false), "1,a,").singleRejection()).startsWith("Target column count: 2 doesn't match source value column count: 3.");
    }

    @Test
    void badRowDoesNotStopTheOthers()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        RecordingRowConsumer consumer = decode(decoder, "1,a\n2\n3,c,x\n4,d");

        assertThat(consumer.rows()).containsExactly(List.of("1", "a"), List.of("4", "d"));
        assertThat(consumer.rejections()).hasSize(2)
                .allSatisfy(reason -> assertThat(reason).startsWith("Target column count: 2 doesn't match"))
                .anySatisfy(reason -> assertThat(reason).endsWith("Row: 2"))
                .anySatisfy(reason -> assertThat(reason).endsWith("Row: 3,c,x"));
    }

    @Test
    void longBadRowIsAbbreviatedInTheReason()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        String reason = decode(decoder, "x".repeat(500)).singleRejection();

        assertThat(reason).endsWith("...").hasSizeLessThan(250);
    }

    @Test
    void trimSpace()
    {
        CsvMessageDecoder trimming = new CsvMessageDecoder(3, ",", "\n", true);
        CsvMessageDecoder keeping = new CsvMessageDecoder(3, ",", "\n", false);

        assertThat(decode(trimming, "  1 , a b ,  \\N ").singleRow()).containsExactly("1", "a b", null);
        assertThat(decode(keeping, "  1 , a b ,  \\N ").singleRow()).containsExactly("  1 ", " a b ", "  \\N ");
        assertThat(decode(trimming, "   ,x,\t").singleRow()).containsExactly("", "x", "\t");
    }

    @Test
    void enclosedFieldsTakeSeparatorsAndDelimitersLiterally()
    {
        CsvMessageDecoder decoder = csv(3, ",", "\n", "\"", null, false);

        RecordingRowConsumer consumer = decode(decoder, "\"a,b\",\"line 1\nline 2\",plain\n\"say \"\"hi\"\"\",\"\",\"\\N\"\n");

        assertThat(consumer.rejections()).isEmpty();
        assertThat(consumer.rows()).containsExactly(List.of("a,b", "line 1\nline 2", "plain"), List.of("say \"hi\"", "", "\\N"));
    }

    @Test
    void encloseOnlyCountsAtTheStartOfAField()
    {
        CsvMessageDecoder decoder = csv(2, ",", "\n", "'", null, false);

        assertThat(decode(decoder, "it's,'ok'").singleRow()).containsExactly("it's", "ok");
        // Text after the closing enclose byte is kept, not dropped.
        assertThat(decode(decoder, "'ab'cd,x").singleRow()).containsExactly("abcd", "x");
    }

    @Test
    void enclosedFieldsWithTrimSpaceKeepTheirInsideSpaces()
    {
        CsvMessageDecoder decoder = csv(3, "|", "\n", "\"", null, true);

        assertThat(decode(decoder, " \"Love StarRocks\" |\" padded \"|  x  ").singleRow()).containsExactly("Love StarRocks", " padded ", "x");
    }

    @Test
    void unterminatedEnclosedFieldIsARowError()
    {
        CsvMessageDecoder decoder = csv(2, ",", "\n", "\"", null, false);

        RecordingRowConsumer consumer = decode(decoder, "1,a\n2,\"open\n3,c");

        assertThat(consumer.rows()).containsExactly(List.of("1", "a"));
        assertThat(consumer.rejections()).containsExactly("The enclosed field has no closing \". Row: 2,\"open\n3,c");
    }

    @Test
    void escapeMakesSpecialBytesLiteral()
    {
        CsvMessageDecoder decoder = csv(3, ",", "\n", "\"", "\\", false);

        RecordingRowConsumer consumer = decode(decoder, "a\\,b,\"say \\\"Hello world\\\"\",c\\\\d\n\\N,\\\\N,x\\y\nline\\\nbreak,2,3");

        assertThat(consumer.rejections()).isEmpty();
        assertThat(consumer.rows()).containsExactly(
                List.of("a,b", "say \"Hello world\"", "c\\d"),
                Arrays.asList(null, "\\N", "x\\y"),
                List.of("line\nbreak", "2", "3"));
    }

    @Test
    void escapeWithMultiByteSeparators()
    {
        CsvMessageDecoder decoder = csv(2, "||", "\n", null, "\\", false);

        assertThat(decode(decoder, "a\\||b||c").singleRow()).containsExactly("a||b", "c");
    }

    @Test
    void invalidUtf8IsARowError()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);
        byte[] message = {'1', ',', 'o', 'k', '\n', '2', ',', (byte) 0xC3, (byte) 0x28, '\n', '3', ',', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n', '4', ',', (byte) 0xC3, (byte) 0xA9};
        RecordingRowConsumer consumer = new RecordingRowConsumer();

        decoder.decode(message, consumer);

        assertThat(consumer.rows()).containsExactly(List.of("1", "ok"), List.of("4", "é"));
        assertThat(consumer.rejections()).hasSize(2)
                .allSatisfy(reason -> assertThat(reason).startsWith("Field 2 is not valid UTF-8"));
    }

    @Test
    void singleColumn()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(1, "\t", "\n", false);

        assertThat(decode(decoder, "only one").singleRow()).containsExactly("only one");
        assertThat(decode(decoder, "a\tb").singleRejection()).startsWith("Target column count: 1 doesn't match source value column count: 2");
    }

    @Test
    void manySingleColumnRows()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(1, ",", "\n", false);
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            message.append(i).append('\n');
        }
        message.append("a,b\n");

        RecordingRowConsumer consumer = decode(decoder, message.toString());

        assertThat(consumer.rows()).hasSize(100_000);
        assertThat(consumer.rows().get(99_999)).containsExactly("99999");
        assertThat(consumer.rejections()).singleElement().asString().endsWith("Row: a,b");
    }

    @Test
    void emptyMessageHasNoRows()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        RecordingRowConsumer consumer = decode(decoder, "");

        assertThat(consumer.rows()).isEmpty();
        assertThat(consumer.rejections()).isEmpty();
        assertThat(consumer.messageRejections()).isEmpty();
    }

    @Test
    void rowIsClearedBetweenRows()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        RecordingRowConsumer consumer = decode(decoder, "\\N,\\N\nx,y\né,\"q\"");

        assertThat(consumer.rows()).containsExactly(Arrays.asList(null, null), List.of("x", "y"), List.of("é", "\"q\""));
    }

    @Test
    void invalidProperties()
    {
        assertThatThrownBy(() -> new CsvMessageDecoder(1, "", "\n", false)).isInstanceOf(SluiceException.class);
        assertThatThrownBy(() -> new CsvMessageDecoder(1, ",", "", false)).isInstanceOf(SluiceException.class);
        assertThatThrownBy(() -> csv(1, ",", "\n", "ab", null, false)).hasMessage("enclose must be a single byte, got 'ab'");
        assertThatThrownBy(() -> csv(1, ",", "\n", null, "é", false)).hasMessage("escape must be a single byte, got 'é'");
    }

    private static CsvMessageDecoder csv(int sourceCount, String separator, String delimiter, String enclose, String escape, boolean trimSpace)
    {
        return new CsvMessageDecoder(sourceCount, separator, delimiter, Optional.ofNullable(enclose), Optional.ofNullable(escape), trimSpace);
    }

    private static RecordingRowConsumer decode(CsvMessageDecoder decoder, String message)
    {
        RecordingRowConsumer consumer = new RecordingRowConsumer();
        // In the middle of a larger buffer, as Kafka hands messages out: nothing outside it may be read.
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[text.length + 6];
        java.util.Arrays.fill(buffer, (byte) ',');
        buffer[text.length + 5] = '\n';
        System.arraycopy(text, 0, buffer, 3, text.length);
        decoder.decode(buffer, 3, text.length, consumer);
        return consumer;
    }
}
