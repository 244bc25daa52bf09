package io.sluice.storage.column;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StringVectorTest
{
    private static final String[] VALUES = {"user1", null, "", "caf\u00e9", "\u4e2d\u6587", "\ud83d\ude00 smile", null, "z"};

    @Test
    void utf8FormHoldsTheSameValues()
    {
        StringVector plain = new StringVector(VALUES, VALUES.length);
        StringVector utf8 = plain.toUtf8();
        assertThat(utf8.isUtf8()).isTrue();
        assertThat(utf8.toUtf8()).isSameAs(utf8);
        assertThat(utf8.size()).isEqualTo(VALUES.length);
        for (int row = 0; row < VALUES.length; row++) {
            assertThat(utf8.isNull(row)).isEqualTo(VALUES[row] == null);
            assertThat(utf8.value(row)).isEqualTo(VALUES[row]);
        }
        assertThat(utf8.decodedValues()).containsExactly(VALUES);
        assertThat(utf8.values()).containsExactly(VALUES);
        assertThat(utf8.values()).isSameAs(utf8.values());
        assertThat(utf8.utf8Nulls()).isNotNull();
        assertThat(new StringVector(new String[] {"a", "b"}, 2).toUtf8().utf8Nulls()).isNull();
    }

    @Test
    void anUnpairedSurrogateKeepsThePlainForm()
    {
        StringVector plain = new StringVector(new String[] {"ok", "bad \ud800 surrogate"}, 2);
        assertThat(plain.toUtf8()).isSameAs(plain);
    }

    @Test
    void writerCopiesValuesBetweenUtf8Vectors()
    {
        StringVector source = new StringVector(VALUES, VALUES.length).toUtf8();
        Utf8Writer writer = new Utf8Writer(0, 0);
        for (int row = VALUES.length - 1; row >= 0; row--) {
            writer.appendFrom(source, row);
        }
        StringVector reversed = writer.build();
        for (int row = 0; row < VALUES.length; row++) {
            assertThat(reversed.value(row)).isEqualTo(VALUES[VALUES.length - 1 - row]);
        }
    }

    @Test
    void bytesHashEqualAndOrderAsTheirStrings()
    {
        List<String> strings = new ArrayList<>(List.of("", "a", "ab", "b", "caf\u00e9", "cafe", "\u00ff", "\u0800", "\ud7ff", "\ue000", "\uffff",
                "\ud800\udc00", "\ud83d\ude00", "x\ue000", "x\ud83d\ude00", "x\uffffy", "x\udbff\udfff"));
        Random random = new Random(7);
        char[] alphabet = {'a', 'z', '\u00e9', '\u0800', '\ue000', '\uffff', '\ud83d'};
        for (int i = 0; i < 500; i++) {
            StringBuilder builder = new StringBuilder();
            int length = random.nextInt(5);
            for (int j = 0; j < length; j++) {
                char c = alphabet[random.nextInt(alphabet.length)];
                builder.append(c);
                if (Character.isHighSurrogate(c)) {
                    builder.append('\ude00');
                }
            }
            strings.add(builder.toString());
        }
        StringVector vector = new StringVector(strings.toArray(new String[0]), strings.size()).toUtf8();
        assertThat(vector.isUtf8()).isTrue();
        byte[] bytes = vector.utf8Bytes();
        int[] offsets = vector.utf8Offsets();
        for (int left = 0; left < strings.size(); left++) {
            assertThat(Utf8Strings.hashCode(bytes, offsets[left], offsets[left + 1])).isEqualTo(strings.get(left).hashCode());
            for (int right = 0; right < strings.size(); right++) {
                int expected = Integer.signum(strings.get(left).compareTo(strings.get(right)));
                assertThat(Integer.signum(Utf8Strings.compare(bytes, offsets[left], offsets[left + 1], bytes, offsets[right], offsets[right + 1])))
                        .as("%s vs %s", strings.get(left), strings.get(right))
                        .isEqualTo(expected);
                assertThat(Utf8Strings.equals(bytes, offsets[left], offsets[left + 1], bytes, offsets[right], offsets[right + 1]))
                        .isEqualTo(strings.get(left).equals(strings.get(right)));
            }
        }
    }
}
