package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COM_STMT_EXECUTE parameter decoding from hand-written packet bytes, and the SQL literals they become. */
class BinaryParametersTest
{
    @Test
    void integersOfEveryWidthSignedAndUnsigned()
    {
        assertThat(bindOne(0x01, false, "fe")).isEqualTo("select (-2)");
        assertThat(bindOne(0x01, true, "fe")).isEqualTo("select 254");
        assertThat(bindOne(0x02, false, "18fc")).isEqualTo("select (-1000)");
        assertThat(bindOne(0x02, true, "ffff")).isEqualTo("select 65535");
        assertThat(bindOne(0x0d, false, "e807")).isEqualTo("select 2024");
        assertThat(bindOne(0x03, false, "00000080")).isEqualTo("select (-2147483648)");
        assertThat(bindOne(0x03, true, "ffffffff")).isEqualTo("select 4294967295");
        assertThat(bindOne(0x09, false, "40e20100")).isEqualTo("select 123456");
        assertThat(bindOne(0x08, false, "0000000000000080")).isEqualTo("select (-9223372036854775808)");
        assertThat(bindOne(0x08, true, "ffffffffffffffff")).isEqualTo("select 18446744073709551615");
    }

    @Test
    void floatingPointAndDecimals()
    {
        assertThat(bindOne(0x04, false, "0000c03f")).isEqualTo("select 1.5E0");
        assertThat(bindOne(0x05, false, "000000000000f8bf")).isEqualTo("select (-1.5E0)");
        assertThat(bindOne(0x00, false, "052d312e3530")).isEqualTo("select (-1.50)");
        assertThat(bindOne(0xf6, false, "053132333435")).isEqualTo("select 12345");
        assertThatThrownBy(() -> bindOne(0xf6, false, "03616263")).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> bindOne(0x05, false, "000000000000f87f")).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void stringsAreQuotedAndEscaped()
    {
        assertThat(bindOne(0xfd, false, "03616263")).isEqualTo("select 'abc'");
        // it's \ -> 'it\'s \\'
        assertThat(bindOne(0xfe, false, "0669742773205c")).isEqualTo("select 'it\\'s \\\\'");
        assertThat(bindOne(0x0f, false, "00")).isEqualTo("select ''");
        assertThat(bindOne(0xfc, false, "02c3a9")).isEqualTo("select 'é'");
        assertThat(bindOne(0xf5, false, "027b7d")).isEqualTo("select '{}'");
    }

    @Test
    void bytesThatAreNotUtf8BecomeHexLiterals()
    {
        assertThat(bindOne(0xfc, false, "0300ff27")).isEqualTo("select X'00FF27'");
        assertThat(bindOne(0xfb, false, "02c328")).isEqualTo("select X'C328'");
        assertThat(bindOne(0x10, false, "0105")).isEqualTo("select X'05'");
    }

    @Test
    void temporalValues()
    {
        assertThat(bindOne(0x0a, false, "04e807020f")).isEqualTo("select '2024-02-15'");
        assertThat(bindOne(0x0c, false, "07e807020f0d2a07")).isEqualTo("select '2024-02-15 13:42:07'");
        assertThat(bindOne(0x07, false, "0be807020f0d2a0740e20100")).isEqualTo("select '2024-02-15 13:42:07.123456'");
        assertThat(bindOne(0x0c, false, "00")).isEqualTo("select '0000-00-00 00:00:00'");
        assertThat(bindOne(0x0b, false, "080101000000020304")).isEqualTo("select '-26:03:04'");
        assertThat(bindOne(0x0b, false, "0c0000000000010203e8030000")).isEqualTo("select '01:02:03.001000'");
        assertThat(bindOne(0x0b, false, "00")).isEqualTo("select '00:00:00'");
        assertThatThrownBy(() -> bindOne(0x0c, false, "05e807020f00")).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void nullBitmapNullTypeAndSeveralParameters()
    {
        PreparedStatementState statement = new PreparedStatementState(1, "insert into t values (?, ?, ?)", SqlText.placeholderPositions("insert into t values (?, ?, ?)"));
        // flags, iteration count, NULL bitmap 0b010 (second is NULL), types bound: LONGLONG, VAR_STRING, NULL
        String packet = "00" + "01000000" + "02" + "01" + "0800" + "fd00" + "0600" + "0700000000000000";
        assertThat(BinaryParameters.bind(statement, bytes(packet))).isEqualTo("insert into t values (7, NULL, NULL)");
    }

    @Test
    void typesAreRememberedAcrossExecutes()
    {
        PreparedStatementState statement = new PreparedStatementState(1, "select ?", new int[] {7});
        assertThat(BinaryParameters.bind(statement, bytes("00" + "01000000" + "00" + "01" + "0300" + "05000000"))).isEqualTo("select 5");
        // new-params-bound flag 0: the LONG type from before
        assertThat(BinaryParameters.bind(statement, bytes("00" + "01000000" + "00" + "00" + "06000000"))).isEqualTo("select 6");
    }

    @Test
    void typesNeverBoundOrTruncatedValuesAreMalformed()
    {
        PreparedStatementState statement = new PreparedStatementState(1, "select ?", new int[] {7});
        assertThatThrownBy(() -> BinaryParameters.bind(statement, bytes("00" + "01000000" + "00" + "00" + "06000000")))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> BinaryParameters.bind(statement, bytes("00" + "01000000" + "00" + "01" + "0800" + "0600")))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> BinaryParameters.bind(statement, bytes("00"))).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> BinaryParameters.bind(statement, bytes("00" + "01000000" + "00" + "01" + "fd00" + "05616263")))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void longDataReplacesThePacketValue()
    {
        PreparedStatementState statement = new PreparedStatementState(1, "select ?, ?", new int[] {7, 10});
        byte[] chunk = "it's".getBytes();
        assertThat(statement.appendLongData(0, chunk, 0, 2, 100)).isTrue();
        assertThat(statement.appendLongData(0, chunk, 2, 2, 100)).isTrue();
        // the first parameter's value is not in the packet
        String packet = "00" + "01000000" + "00" + "01" + "fc00" + "0300" + "09000000";
        assertThat(BinaryParameters.bind(statement, bytes(packet))).isEqualTo("select 'it\\'s', 9");
        statement.clearLongData();
        assertThat(statement.longData(0)).isNull();
        assertThat(statement.appendLongData(1, chunk, 0, 4, 3)).isFalse();
        assertThat(statement.longDataTooLarge()).isTrue();
    }

    @Test
    void placeholdersInsideQuotesAndCommentsDoNotCount()
    {
        assertThat(SqlText.placeholderPositions("select ?, '?', \"?\", `?`, 'it\\'s ?', 'a''?' -- ?\n, ? # ?\n /* ? */ , ?"))
                .hasSize(3);
        assertThat(SqlText.placeholderPositions("select 1")).isEmpty();
    }

    @Test
    void statementsSplitAtTopLevelSemicolons()
    {
        assertThat(SqlText.splitStatements("select 1; select ';'; ")).containsExactly("select 1", " select ';'");
        assertThat(SqlText.splitStatements("select 1;")).containsExactly("select 1");
        assertThat(SqlText.splitStatements("select 1 -- ;\n; /* ; */")).containsExactly("select 1 -- ;\n");
        assertThat(SqlText.splitStatements("  ")).containsExactly("  ");
    }

    private static String bindOne(int type, boolean unsigned, String valueHex)
    {
        PreparedStatementState statement = new PreparedStatementState(1, "select ?", new int[] {7});
        String packet = "00" + "01000000" + "00" + "01" + String.format("%02x", type) + (unsigned ? "80" : "00") + valueHex;
        return BinaryParameters.bind(statement, bytes(packet));
    }

    private static ByteBuf bytes(String hex)
    {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    }
}
