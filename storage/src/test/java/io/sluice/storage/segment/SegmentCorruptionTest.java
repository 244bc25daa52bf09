package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.DictionaryVector;
import io.sluice.storage.column.DoubleVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.PhysicalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.sluice.storage.segment.SegmentFilesTest.randomDoubles;
import static io.sluice.storage.segment.SegmentFilesTest.randomLongs;
import static io.sluice.storage.segment.SegmentFilesTest.randomSequence;
import static io.sluice.storage.segment.SegmentFilesTest.randomStrings;
import static io.sluice.storage.segment.SegmentFilesTest.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every byte of a segment file is covered by a checksum or a check, so any damage must end in CORRUPT_DATA naming
 * the file, and never in a segment with different values.
 */
class SegmentCorruptionTest
{
    @TempDir
    Path directory;

    /** A small file with every column encoding and NULLs, so every byte can be damaged in turn. */
    private static List<ColumnVector> smallColumns()
    {
        int rows = 40;
        long[] longs = new long[rows];
        long[] sequence = new long[rows];
        double[] doubles = new double[rows];
        String[] strings = new String[rows];
        boolean[] nulls = new boolean[rows];
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            longs[i] = i % 5;
            sequence[i] = 1_000_000L + 3L * i;
            doubles[i] = i / 4.0;
            strings[i] = i % 6 == 0 ? null : "value-" + i + "-é";
            nulls[i] = i % 7 == 0;
            codes[i] = i % 9 == 0 ? DictionaryVector.NULL_CODE : i % 3;
        }
        return List.of(
                new LongVector(longs, nulls, rows),
                new LongVector(sequence, null, rows),
                new DoubleVector(doubles, nulls, rows),
                new StringVector(strings, rows),
                new DictionaryVector(codes, new String[] {"blue", "green", "red"}, rows));
    }

    @Test
    void damagingAnyByteOfASmallFileIsDetected()
            throws IOException
    {
        List<ColumnVector> columns = smallColumns();
        Path file = write("small.seg", columns, 40);
        byte[] bytes = Files.readAllBytes(file);
        for (int position = 0; position < bytes.length; position++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                overwrite(file, position, (byte) (bytes[position] ^ mask));
                assertCorrupt(file, types(columns), "byte " + position + " xor " + mask);
            }
            overwrite(file, position, bytes[position]);
        }
        SegmentAssertions.assertSameColumns(SegmentFiles.read(file, 1, 0, 1, types(columns)).columns(), columns);
    }

    @Test
    void damagingBytesOfAMultiPageCompressedFileIsDetected()
            throws IOException
    {
        Random random = new Random(11);
        int rows = 9_000;
        List<ColumnVector> columns = List.of(
                randomLongs(random, rows, 0.1),
                randomSequence(random, rows, 0),
                randomDoubles(random, rows, 0.05),
                randomStrings(random, rows, 0.1, Integer.MAX_VALUE),
                randomStrings(random, rows, 0.2, 30));
        Path file = write("large.seg", columns, rows);
        List<ColumnFooter> footers = SegmentReader.readFooter(file, types(columns));
        assertThat(footers.get(3).pages()).anyMatch(PageEntry::compressed);
        assertThat(footers.get(4).encoding()).isEqualTo(ColumnEncoding.STRING_DICTIONARY);

        byte[] bytes = Files.readAllBytes(file);
        // The header, the end of the file (footer and trailer) in full, and a seeded sample of the pages.
        int footerAndTrailer = 16 + footerLength(bytes);
        int[] positions = new int[64 + footerAndTrailer + 300];
        int count = 0;
        for (int position = 0; position < 64; position++) {
            positions[count++] = position;
        }
        for (int position = bytes.length - footerAndTrailer; position < bytes.length; position++) {
            positions[count++] = position;
        }
        while (count < positions.length) {
            positions[count++] = random.nextInt(bytes.length);
        }
        for (int position : positions) {
            overwrite(file, position, (byte) (bytes[position] ^ (1 + random.nextInt(255))));
            assertCorrupt(file, types(columns), "byte " + position);
            overwrite(file, position, bytes[position]);
        }
    }

    @Test
    void truncatingAtAnyLengthIsDetected()
            throws IOException
    {
        List<ColumnVector> columns = smallColumns();
        Path file = write("small.seg", columns, 40);
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (long length = size - 1; length >= 0; length--) {
                channel.truncate(length);
                assertCorrupt(file, types(columns), "length " + length);
            }
        }
    }

    @Test
    void appendedBytesAreDetected()
            throws IOException
    {
        List<ColumnVector> columns = smallColumns();
        byte[] bytes = Files.readAllBytes(write("small.seg", columns, 40));
        Path extended = directory.resolve("extended.seg");
        for (int extra = 1; extra <= 20; extra++) {
            Files.write(extended, Arrays.copyOf(bytes, bytes.length + extra));
            assertCorrupt(extended, types(columns), extra + " bytes appended");
        }
    }

    @Test
    void corruptPageMessageNamesColumnAndPage()
            throws IOException
    {
        int rows = 9_000;
        long[] values = new long[rows];
        Random random = new Random(12);
        for (int i = 0; i < rows; i++) {
            values[i] = random.nextLong();
        }
        List<ColumnVector> columns = List.of(new LongVector(new long[rows], null, rows), new LongVector(values, null, rows));
        Path file = write("pages.seg", columns, rows);
        PageEntry secondPage = SegmentReader.readFooter(file, types(columns)).get(1).pages().get(1);
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) secondPage.offset() + 100] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> SegmentFiles.read(file, 1, 0, 1, types(columns)))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CORRUPT_DATA))
                .hasMessage("Segment file " + file + " is corrupt: checksum mismatch in page 1 of column 1");
    }

    @Test
    void notASegmentFile()
            throws IOException
    {
        Path file = directory.resolve("text.seg");
        Files.writeString(file, "this is not a segment file, just some text that is long enough");
        assertCorrupt(file, List.of(PhysicalType.LONG), "bad magic");
    }

    private Path write(String name, List<ColumnVector> columns, int rows)
    {
        Path file = directory.resolve(name);
        SegmentFiles.write(file, columns, rows);
        return file;
    }

    private static void overwrite(Path file, long position, byte value)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {value}), position);
        }
    }

    private static int footerLength(byte[] bytes)
    {
        int at = bytes.length - 16;
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16 | (bytes[at + 3] & 0xFF) << 24;
    }

    private static void assertCorrupt(Path file, List<PhysicalType> types, String description)
    {
        assertThatThrownBy(() -> SegmentFiles.read(file, 1, 0, 1, types))
                .as(description)
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).as(description).isEqualTo(ErrorCode.CORRUPT_DATA))
                .hasMessageStartingWith("Segment file " + file + " is corrupt: ");
    }
}
