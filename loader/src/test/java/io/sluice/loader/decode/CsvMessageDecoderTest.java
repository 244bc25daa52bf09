package io.sluice.loader.decode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

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
    void severalRowsPerMessage()
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
    void nonAsciiSeparators()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, "分隔", "\u2028", false);

        RecordingRowConsumer consumer = decode(decoder, "名字分隔值\u2028x分隔é");

        assertThat(consumer.rows()).containsExactly(List.of("名字", "值"), List.of("x", "é"));
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
    void tooFewFieldsIsRejectedWithAReason()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(3, "\t", "\n", false);

        assertThat(decode(decoder, "1\ta").singleRejection()).isEqualTo("The row has 2 columns, 3 were expected: '1\ta'");
    }

    @Test
    void tooManyFieldsIsRejectedWithAReason()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        assertThat(decode(decoder, "1,a,extra").singleRejection()).isEqualTo("The row has 3 columns, 2 were expected: '1,a,extra'");
        assertThat(decode(decoder, "1,a,").singleRejection()).startsWith("The row has 3 columns");
    }

    @Test
    void badRowDoesNotStopTheOthers()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        RecordingRowConsumer consumer = decode(decoder, "1,a\n2\n3,c,x\n4,d");

        assertThat(consumer.rows()).containsExactly(List.of("1", "a"), List.of("4", "d"));
        assertThat(consumer.rejections()).containsExactly("The row has 1 columns, 2 were expected: '2'", "The row has 3 columns, 2 were expected: '3,c,x'");
    }

    @Test
    void longBadRowIsAbbreviatedInTheReason()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        String reason = decode(decoder, "x".repeat(500)).singleRejection();

        assertThat(reason).endsWith("...'").hasSizeLessThan(200);
    }

    @Test
    void trimSpace()
    {
        CsvMessageDecoder trimming = new CsvMessageDecoder(3, ",", "\n", true);
        CsvMessageDecoder keeping = new CsvMessageDecoder(3, ",", "\n", false);

        assertThat(decode(trimming, "  1 , a b ,  \\N ").singleRow()).containsExactly("1", "a b", null);
        assertThat(decode(keeping, "  1 , a b ,  \\N ").singleRow()).containsExactly("  1 ", " a b ", "  \\N ");
    }

    @Test
    void singleColumn()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(1, "\t", "\n", false);

        assertThat(decode(decoder, "only one").singleRow()).containsExactly("only one");
        assertThat(decode(decoder, "a\tb").singleRejection()).startsWith("The row has 2 columns, 1 were expected");
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
        assertThat(consumer.rejections()).containsExactly("The row has 2 columns, 1 were expected: 'a,b'");
    }

    @Test
    void separatorOfALaterRowDoesNotSplitAnEarlierOne()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        RecordingRowConsumer consumer = decode(decoder, "a\nb\nc,d\ne,f,g\nh");

        assertThat(consumer.rows()).containsExactly(List.of("c", "d"));
        assertThat(consumer.rejections()).hasSize(4);
    }

    @Test
    void emptyMessageHasNoRows()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        RecordingRowConsumer consumer = decode(decoder, "");

        assertThat(consumer.rows()).isEmpty();
        assertThat(consumer.rejections()).isEmpty();
    }

    @Test
    void rowIsClearedBetweenRows()
    {
        CsvMessageDecoder decoder = new CsvMessageDecoder(2, ",", "\n", false);

        RecordingRowConsumer consumer = decode(decoder, "\\N,\\N\nx,y");

        assertThat(consumer.rows()).containsExactly(Arrays.asList(null, null), List.of("x", "y"));
    }

    @Test
    void emptySeparatorsAreInvalid()
    {
        assertThatThrownBy(() -> new CsvMessageDecoder(1, "", "\n", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsvMessageDecoder(1, ",", "", false)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RecordingRowConsumer decode(CsvMessageDecoder decoder, String message)
    {
        RecordingRowConsumer consumer = new RecordingRowConsumer();
        decoder.decode(message.getBytes(StandardCharsets.UTF_8), consumer);
        return consumer;
    }
}
