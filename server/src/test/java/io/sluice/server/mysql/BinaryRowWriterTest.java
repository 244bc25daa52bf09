package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binary result rows, compared with hand-written bytes. */
class BinaryRowWriterTest
{
    @Test
    void integersInTheirColumnWidth()
    {
        BinaryRowWriter writer = new BinaryRowWriter(List.of(
                MysqlColumn.of("a", MysqlType.TINY),
                MysqlColumn.of("b", MysqlType.SHORT),
                MysqlColumn.of("c", MysqlType.LONG),
                MysqlColumn.of("d", MysqlType.LONGLONG),
                MysqlColumn.of("e", MysqlType.LONGLONG).unsigned()));
        ByteBuf payload = Unpooled.buffer();
        writer.startRow(payload);
        writer.writeLong(-1);
        writer.writeString("300");
        writer.writeLong(70000);
        writer.writeLong(-2);
        writer.writeString("18446744073709551615");
        writer.finishRow(true);
        // header, 1 bitmap byte ((5 + 7 + 2) / 8), then the values
        assertThat(hex(payload)).isEqualTo("00" + "00" + "ff" + "2c01" + "70110100" + "feffffffffffffff" + "ffffffffffffffff");
    }

    @Test
    void nullBitmapStartsAtBitTwo()
    {
        BinaryRowWriter writer = new BinaryRowWriter(List.of(
                MysqlColumn.varchar("a"), MysqlColumn.varchar("b"), MysqlColumn.varchar("c"),
                MysqlColumn.varchar("d"), MysqlColumn.varchar("e"), MysqlColumn.varchar("f"), MysqlColumn.varchar("g")));
        ByteBuf payload = Unpooled.buffer();
        writer.startRow(payload);
        writer.writeNull();
        writer.writeString("x");
        writer.writeString(null);
        writer.writeString("");
        writer.writeBytes(null);
        writer.writeLong(5);
        writer.writeNull();
        writer.finishRow(true);
        // columns 0, 2, 4, 6 are NULL: bits 2, 4, 6 of byte 0 and bit 0 of byte 1; 7 columns need 2 bitmap bytes
        assertThat(hex(payload)).isEqualTo("00" + "54" + "01" + "0178" + "00" + "0135");
    }

    @Test
    void floatingPointDecimalsAndStrings()
    {
        BinaryRowWriter writer = new BinaryRowWriter(List.of(
                MysqlColumn.of("f", MysqlType.FLOAT),
                MysqlColumn.of("d", MysqlType.DOUBLE),
                MysqlColumn.of("n", MysqlType.NEWDECIMAL),
                MysqlColumn.of("b", MysqlType.BLOB)));
        ByteBuf payload = Unpooled.buffer();
        writer.startRow(payload);
        writer.writeString("1.5");
        writer.writeString("-1.5");
        writer.writeString("12.30");
        writer.writeBytes(new byte[] {0, (byte) 0xff});
        writer.finishRow(true);
        assertThat(hex(payload)).isEqualTo("00" + "00" + "0000c03f" + "000000000000f8bf" + "0531322e3330" + "0200ff");
    }

    @Test
    void temporalValues()
    {
        BinaryRowWriter writer = new BinaryRowWriter(List.of(
                MysqlColumn.of("a", MysqlType.DATE),
                MysqlColumn.of("b", MysqlType.DATETIME),
                MysqlColumn.of("c", MysqlType.DATETIME),
                MysqlColumn.of("d", MysqlType.TIMESTAMP),
                MysqlColumn.of("e", MysqlType.TIME),
                MysqlColumn.of("f", MysqlType.TIME),
                MysqlColumn.of("g", MysqlType.DATETIME)));
        ByteBuf payload = Unpooled.buffer();
        writer.startRow(payload);
        writer.writeString("2024-02-15");
        writer.writeString("2024-02-15 00:00:00");
        writer.writeString("2024-02-15 13:42:07");
        writer.writeString("2024-02-15 13:42:07.5");
        writer.writeString("-26:03:04");
        writer.writeString("01:02:03.001");
        writer.writeString("0000-00-00 00:00:00");
        writer.finishRow(true);
        assertThat(hex(payload)).isEqualTo("00" + "0000"
                + "04e807020f"
                + "04e807020f"
                + "07e807020f0d2a07"
                + "0be807020f0d2a0720a10700"
                + "08" + "01" + "01000000" + "020304"
                + "0c" + "00" + "00000000" + "010203" + "e8030000"
                + "00");
    }

    @Test
    void wrongValueCountsFail()
    {
        BinaryRowWriter writer = new BinaryRowWriter(List.of(MysqlColumn.bigint("a")));
        writer.startRow(Unpooled.buffer());
        assertThatThrownBy(() -> writer.finishRow(true)).isInstanceOf(IllegalStateException.class);
        writer.startRow(Unpooled.buffer());
        writer.writeLong(1);
        assertThatThrownBy(() -> writer.writeLong(2)).isInstanceOf(IllegalStateException.class);
    }

    private static String hex(ByteBuf buffer)
    {
        return ByteBufUtil.hexDump(buffer);
    }
}
