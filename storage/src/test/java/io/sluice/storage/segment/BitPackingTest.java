package io.sluice.storage.segment;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BitPackingTest
{
    @Test
    void everyWidthRoundTrips()
    {
        Random random = new Random(9);
        PageOutput output = new PageOutput(16);
        for (int width = 0; width <= 64; width++) {
            for (int count : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 4096}) {
                long base = random.nextLong();
                long mask = BitPacking.mask(width);
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = base + (random.nextLong() & mask);
                }
                if (count > 0 && width > 0) {
                    // The extremes of the width must survive too.
                    values[0] = base;
                    values[count - 1] = base + mask;
                }
                output.reset();
                output.writeByte(0x5A);
                output.writePacked(values, 0, count, base, width);
                assertThat(output.size()).isEqualTo(1 + BitPacking.packedBytes(count, width));

                byte[] padded = new byte[output.size() + BitPacking.READ_PADDING];
                System.arraycopy(output.array(), 0, padded, 0, output.size());
                PageInput input = new PageInput(padded, output.size());
                assertThat(input.readByte()).isEqualTo((byte) 0x5A);
                long[] decoded = new long[count];
                input.readPacked(count, width, base, decoded, 0);
                input.requireFullyRead();
                assertThat(decoded).as("width %s count %s", width, count).containsExactly(values);
            }
        }
    }

    @Test
    void bitWidths()
    {
        assertThat(BitPacking.bitWidth(0)).isZero();
        assertThat(BitPacking.bitWidth(1)).isEqualTo(1);
        assertThat(BitPacking.bitWidth(255)).isEqualTo(8);
        assertThat(BitPacking.bitWidth(256)).isEqualTo(9);
        assertThat(BitPacking.bitWidth(-1)).isEqualTo(64);
    }

    @Test
    void utf8MatchesTheJdkAndRefusesUnpairedSurrogates()
    {
        PageOutput output = new PageOutput(16);
        String text = "aé中\uD83D\uDE00\u07FF\u0800\uFFFF";
        int length = output.writeUtf8(text);
        byte[] expected = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(length).isEqualTo(expected.length);
        assertThat(java.util.Arrays.copyOf(output.array(), output.size())).containsExactly(expected);

        output.reset();
        assertThat(output.writeUtf8("x\uD800")).isEqualTo(-1);
        assertThat(output.writeUtf8("\uDC00x")).isEqualTo(-1);
        assertThat(output.writeUtf8("\uD800\uD800")).isEqualTo(-1);
        assertThat(output.size()).isZero();
    }
}
