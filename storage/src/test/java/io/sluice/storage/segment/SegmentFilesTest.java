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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.sluice.storage.segment.SegmentAssertions.assertSameColumns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentFilesTest
{
    @TempDir
    Path directory;

    private int fileNumber;

    @Test
    void utf8StringColumnsRoundTripWithTheirZoneMaps()
    {
        Random random = new Random(9);
        String[] values = new String[10_000];
        String[] alphabet = {"a", "Z", "\u00e9", "\u4e2d", "\ue000", "\ud83d\ude00", " "};
        for (int row = 0; row < values.length; row++) {
            if (random.nextInt(10) == 0) {
                continue;
            }
            StringBuilder value = new StringBuilder("row" + row);
            for (int i = random.nextInt(4); i > 0; i--) {
                value.append(alphabet[random.nextInt(alphabet.length)]);
            }
            values[row] = value.toString();
        }
        StringVector plain = new StringVector(values, values.length);
        StringVector utf8 = plain.toUtf8();
        Path file = roundTrip(List.of(utf8), values.length);
        assertThat(pageEncodings(file, PhysicalType.STRING)).containsOnly(PageEncoding.STRING_PLAIN);
        Segment segment = read(file, PhysicalType.STRING);
        assertThat(((StringVector) segment.column(0)).isUtf8()).isTrue();
        ColumnZoneMap expected = ColumnZoneMap.compute(plain);
        ColumnZoneMap actual = ColumnZoneMap.compute(utf8);
        for (int page = 0; page < expected.pageCount(); page++) {
            assertThat(actual.stringMinimum(page)).isEqualTo(expected.stringMinimum(page));
            assertThat(actual.stringMaximum(page)).isEqualTo(expected.stringMaximum(page));
            assertThat(actual.nullCount(page)).isEqualTo(expected.nullCount(page));
        }
    }

    @Test
    void constantLongsPackIntoZeroBits()
    {
        long[] values = new long[10_000];
        Arrays.fill(values, 42);
        Path file = roundTrip(List.of(new LongVector(values, null, values.length)), values.length);
        assertThat(pageEncodings(file, PhysicalType.LONG)).containsOnly(PageEncoding.LONG_FRAME_OF_REFERENCE);
        assertThat(size(file)).isLessThan(1_000);
    }

    @Test
    void smallRangeLongsUseFrameOfReference()
    {
        Random random = new Random(1);
        long[] values = new long[9_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1_000_000 + random.nextInt(300);
        }
        Path file = roundTrip(List.of(new LongVector(values, null, values.length)), values.length);
        assertThat(pageEncodings(file, PhysicalType.LONG)).containsOnly(PageEncoding.LONG_FRAME_OF_REFERENCE);
    }

    @Test
    void sequentialIdsAndTimestampsUseDelta()
    {
        Random random = new Random(2);
        int rows = 9_000;
        long[] ids = new long[rows];
        long[] timestamps = new long[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = 5_000_000_000L + i;
            // Near-monotonic: microsecond timestamps a millisecond apart with jitter, sometimes going backwards.
            timestamps[i] = 1_700_000_000_000_000L + i * 1_000L + random.nextInt(1_500) - 750;
        }
        Path file = roundTrip(List.of(new LongVector(ids, null, rows), new LongVector(timestamps, null, rows)), rows);
        assertThat(pageEncodings(file, PhysicalType.LONG, PhysicalType.LONG)).containsOnly(PageEncoding.LONG_DELTA);
    }

    @Test
    void randomLongsStayPlain()
    {
        Random random = new Random(3);
        long[] values = new long[5_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextLong();
        }
        Path file = roundTrip(List.of(new LongVector(values, null, values.length)), values.length);
        assertThat(pageEncodings(file, PhysicalType.LONG)).containsOnly(PageEncoding.LONG_PLAIN);
    }

    @Test
    void longExtremesRoundTrip()
    {
        long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};
        roundTrip(List.of(new LongVector(extremes, null, extremes.length)), extremes.length);

        // Alternating ends wrap every delta; an ascending run from MIN_VALUE to MAX_VALUE needs all 64 bits.
        int rows = 5_000;
        long[] alternating = new long[rows];
        long[] wideRun = new long[rows];
        long[] nearMaximum = new long[rows];
        for (int i = 0; i < rows; i++) {
            alternating[i] = i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            wideRun[i] = Long.MIN_VALUE + (Long.MAX_VALUE / rows) * 2 * i;
            nearMaximum[i] = Long.MAX_VALUE - (i % 7);
        }
        roundTrip(List.of(
                new LongVector(alternating, null, rows),
                new LongVector(wideRun, null, rows),
                new LongVector(nearMaximum, null, rows)), rows);
    }

    @Test
    void longsWithNullsRoundTripInEveryEncoding()
    {
        Random random = new Random(4);
        int rows = 10_000;
        long[] constant = new long[rows];
        long[] sequential = new long[rows];
        long[] randomValues = new long[rows];
        boolean[] nulls = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            nulls[i] = random.nextInt(5) == 0;
            constant[i] = 7;
            sequential[i] = i * 3L;
            randomValues[i] = random.nextLong();
        }
        Path file = roundTrip(List.of(
                new LongVector(constant, nulls, rows),
                new LongVector(sequential, nulls, rows),
                new LongVector(randomValues, nulls, rows)), rows);
        assertThat(pageEncodings(file, PhysicalType.LONG, PhysicalType.LONG, PhysicalType.LONG))
                .contains(PageEncoding.LONG_FRAME_OF_REFERENCE, PageEncoding.LONG_DELTA, PageEncoding.LONG_PLAIN);
    }

    @Test
    void doubleSpecialValuesRoundTripBitForBit()
    {
        double[] values = {
                0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_1234L), Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.5, 0.1};
        roundTrip(List.of(new DoubleVector(values, null, values.length)), values.length);
        boolean[] nulls = new boolean[values.length];
        nulls[0] = true;
        nulls[5] = true;
        nulls[values.length - 1] = true;
        roundTrip(List.of(new DoubleVector(values, nulls, values.length)), values.length);
    }

    @Test
    void plainStringsRoundTrip()
    {
        int rows = 6_000;
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = switch (i % 7) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> "row " + i;
                case 3 -> "héllo wörld " + i;
                case 4 -> "日本語のテキスト " + i;
                case 5 -> "emoji \uD83D\uDE00\uD83C\uDF89 " + i;
                default -> "x".repeat(i % 300) + i;
            };
        }
        Segment segment = read(roundTrip(List.of(new StringVector(values, rows)), rows), PhysicalType.STRING);
        assertThat(segment.column(0)).isInstanceOf(StringVector.class);
    }

    @Test
    void unpairedSurrogatesSurviveInPlainAndDictionaryColumns()
    {
        // UTF-8 cannot carry these; a JDK encoder would write '?' and make distinct values equal.
        String[] unusual = {"a\uD800", "a\uDC00", "\uDFFFz", "ok", "\uD83D\uDE00", "\uDE00\uD83D"};
        int rows = 3_000;
        String[] plain = new String[rows];
        String[] fewDistinct = new String[rows];
        for (int i = 0; i < rows; i++) {
            plain[i] = unusual[i % unusual.length] + i;
            fewDistinct[i] = unusual[i % unusual.length];
        }
        Path file = roundTrip(List.of(new StringVector(plain, rows), new StringVector(fewDistinct, rows)), rows);
        Segment segment = read(file, PhysicalType.STRING, PhysicalType.STRING);
        assertThat(segment.column(0)).isInstanceOf(StringVector.class);
        assertThat(segment.column(1)).isInstanceOf(DictionaryVector.class);
        List<ColumnFooter> footers = SegmentReader.readFooter(file, List.of(PhysicalType.STRING, PhysicalType.STRING));
        assertThat(footers.get(0).pages()).allMatch(PageEntry::utf16);
        assertThat(footers.get(1).dictionaryPage().utf16()).isTrue();
    }

    @Test
    void lowCardinalityStringsReadBackAsSortedDictionary()
    {
        String[] cities = {"Zürich", "Amsterdam", "東京", "", "Berlin"};
        int rows = 10_000;
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = i % 11 == 0 ? null : cities[i % cities.length];
        }
        Path file = roundTrip(List.of(new StringVector(values, rows)), rows);
        DictionaryVector dictionary = (DictionaryVector) read(file, PhysicalType.STRING).column(0);
        assertThat(dictionary.dictionarySize()).isEqualTo(5);
        assertThat(dictionary.dictionaryValue(0)).isEmpty();
        assertThat(dictionary.dictionaryValue(4)).isEqualTo("東京");
        assertThat(SegmentReader.readFooter(file, List.of(PhysicalType.STRING)).get(0).encoding()).isEqualTo(ColumnEncoding.STRING_DICTIONARY);
    }

    @Test
    void dictionaryVectorIsKeptAsItIs()
    {
        // More distinct values than the automatic rule would accept, and entries no row uses.
        String[] dictionary = {"a", "b", "c", "d", "e", "f"};
        int[] codes = {5, -1, 0, 3, 3};
        DictionaryVector input = new DictionaryVector(codes, dictionary, codes.length);
        DictionaryVector output = (DictionaryVector) read(roundTrip(List.of(input), codes.length), PhysicalType.STRING).column(0);
        assertThat(output.dictionarySize()).isEqualTo(6);
        assertThat(Arrays.copyOf(output.codes(), output.size())).containsExactly(codes);
    }

    @Test
    void emptySegments()
    {
        roundTrip(List.of(), 0);
        roundTrip(List.of(
                new LongVector(new long[0], null, 0),
                new DoubleVector(new double[0], null, 0),
                new StringVector(new String[0], 0),
                new DictionaryVector(new int[0], new String[0], 0)), 0);
        // Columns but no rows, and rows but no columns: both are legal shapes.
        Path noColumns = roundTrip(List.of(), 5);
        assertThat(SegmentFiles.read(noColumns, 1, 0, 1, List.of()).rowCount()).isEqualTo(5);
    }

    @Test
    void oneRow()
    {
        roundTrip(List.of(
                new LongVector(new long[] {-17}, null, 1),
                new DoubleVector(new double[] {2.5}, null, 1),
                new StringVector(new String[] {"only"}, 1),
                new LongVector(new long[] {0}, new boolean[] {true}, 1),
                new StringVector(new String[] {null}, 1)), 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {4095, 4096, 4097, 8191, 8192, 8193})
    void pageBoundaries(int rows)
    {
        Random random = new Random(rows);
        List<ColumnVector> columns = List.of(
                randomLongs(random, rows, 0.1),
                randomDoubles(random, rows, 0.1),
                randomStrings(random, rows, 0.1, 10),
                randomStrings(random, rows, 0.1, Integer.MAX_VALUE));
        Path file = roundTrip(columns, rows);
        for (ColumnFooter footer : SegmentReader.readFooter(file, types(columns))) {
            assertThat(footer.pages()).hasSize(ColumnZoneMap.pageCount(rows));
        }
    }

    @Test
    void allNullColumns()
    {
        int rows = 5_000;
        boolean[] nulls = new boolean[rows];
        Arrays.fill(nulls, true);
        roundTrip(List.of(
                new LongVector(new long[rows], nulls, rows),
                new DoubleVector(new double[rows], nulls, rows),
                new StringVector(new String[rows], rows)), rows);
    }

    @Test
    void vectorsLongerThanTheirSizeWriteOnlyTheirRows()
    {
        // Builders hand over arrays with spare capacity.
        LongVector longs = new LongVector(new long[] {1, 2, 3, 99, 99}, null, 3);
        StringVector strings = new StringVector(new String[] {"a", null, "c", "junk"}, 3);
        roundTrip(List.of(longs, strings), 3);
    }

    @Test
    void randomizedRoundTrips()
    {
        Random random = new Random(20_240_601);
        int[] interestingSizes = {0, 1, 2, 63, 64, 4095, 4096, 4097, 12_289};
        for (int iteration = 0; iteration < 40; iteration++) {
            int rows = random.nextBoolean() ? interestingSizes[random.nextInt(interestingSizes.length)] : random.nextInt(10_000);
            double nullRate = switch (random.nextInt(3)) {
                case 0 -> 0;
                case 1 -> random.nextDouble() * 0.2;
                default -> random.nextDouble();
            };
            int columnCount = 1 + random.nextInt(5);
            List<ColumnVector> columns = new ArrayList<>();
            for (int column = 0; column < columnCount; column++) {
                columns.add(switch (random.nextInt(6)) {
                    case 0 -> randomLongs(random, rows, nullRate);
                    case 1 -> randomSequence(random, rows, nullRate);
                    case 2 -> randomDoubles(random, rows, nullRate);
                    case 3 -> randomStrings(random, rows, nullRate, 1 + random.nextInt(50));
                    case 4 -> randomStrings(random, rows, nullRate, Integer.MAX_VALUE);
                    default -> StringDictionaries.encodeIfFewDistinct(randomStrings(random, rows, nullRate, 1 + random.nextInt(2_000)));
                });
            }
            roundTrip(columns, rows);
        }
    }

    @Test
    void footerHoldsThePageZoneMaps()
    {
        Random random = new Random(5);
        int rows = 10_000;
        List<ColumnVector> columns = List.of(
                randomLongs(random, rows, 0.3),
                randomDoubles(random, rows, 0.3),
                randomStrings(random, rows, 0.3, Integer.MAX_VALUE),
                StringDictionaries.encodeIfFewDistinct(randomStrings(random, rows, 0.3, 20)));
        Path file = roundTrip(columns, rows);
        List<ColumnFooter> footers = SegmentReader.readFooter(file, types(columns));
        for (int column = 0; column < columns.size(); column++) {
            ColumnZoneMap expected = ColumnZoneMap.compute(columns.get(column));
            ColumnFooter footer = footers.get(column);
            for (int page = 0; page < expected.pageCount(); page++) {
                assertThat(footer.pages().get(page).nullCount()).isEqualTo(expected.nullCount(page));
                switch (column) {
                    case 1 -> {
                        assertThat(footer.doubleMinimum(page)).isEqualTo(expected.doubleMinimum(page));
                        assertThat(footer.doubleMaximum(page)).isEqualTo(expected.doubleMaximum(page));
                    }
                    case 2 -> {
                        assertThat(footer.stringMinimum(page)).isEqualTo(expected.stringMinimum(page));
                        assertThat(footer.stringMaximum(page)).isEqualTo(expected.stringMaximum(page));
                    }
                    default -> {
                        assertThat(footer.longMinimum(page)).isEqualTo(expected.longMinimum(page));
                        assertThat(footer.longMaximum(page)).isEqualTo(expected.longMaximum(page));
                    }
                }
            }
        }
    }

    @Test
    void lowCardinalityStringsCompressWell()
    {
        String[] statuses = {"delivered", "in_transit", "returned", "cancelled", "awaiting_pickup", "lost"};
        int rows = 100_000;
        String[] values = new String[rows];
        long rawBytes = 0;
        Random random = new Random(6);
        for (int i = 0; i < rows; i++) {
            values[i] = statuses[random.nextInt(statuses.length)];
            rawBytes += values[i].length();
        }
        Path file = roundTrip(List.of(new StringVector(values, rows)), rows);
        assertThat(size(file)).isLessThan(rawBytes / 10);
    }

    @Test
    void sequentialIdsCompressWell()
    {
        int rows = 100_000;
        long[] ids = new long[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = 10_000_000_000L + i;
        }
        Path file = roundTrip(List.of(new LongVector(ids, null, rows)), rows);
        assertThat(size(file)).isLessThan(8L * rows / 50);
    }

    @Test
    void repetitivePlainPagesAreCompressed()
    {
        // High-cardinality strings with long shared prefixes: plain encoding, then lz4 finds the repetition.
        int rows = 20_000;
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = "https://example.com/products/category/electronics/item?id=" + i;
        }
        Path file = roundTrip(List.of(new StringVector(values, rows)), rows);
        ColumnFooter footer = SegmentReader.readFooter(file, List.of(PhysicalType.STRING)).get(0);
        assertThat(footer.encoding()).isEqualTo(ColumnEncoding.STRING_PLAIN);
        assertThat(footer.pages()).allMatch(PageEntry::compressed);
        assertThat(size(file)).isLessThan(rows * 60L / 3);
    }

    @Test
    void fileThatDoesNotMatchTheTableIsCorrupt()
    {
        Path file = roundTrip(List.of(new LongVector(new long[] {1}, null, 1)), 1);
        assertCorrupt(file, List.of(PhysicalType.DOUBLE), "column 0 is LONG in the file, the table expects DOUBLE");
        assertCorrupt(file, List.of(PhysicalType.LONG, PhysicalType.LONG), "it has 1 columns, the table has 2");
    }

    @Test
    void formatVersionOneIsRejectedClearly()
            throws IOException
    {
        Path file = directory.resolve("old.seg");
        byte[] bytes = new byte[64];
        System.arraycopy("SLSEG001".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 8);
        Files.write(file, bytes);
        assertCorrupt(file, List.of(PhysicalType.LONG), "format version 1");
    }

    @Test
    void missingFileIsAnIoError()
    {
        Path file = directory.resolve("missing.seg");
        assertThatThrownBy(() -> SegmentFiles.read(file, 1, 0, 1, List.of(PhysicalType.LONG)))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STORAGE_IO_ERROR))
                .hasMessageContaining(file.toString());
    }

    @Test
    void writingReplacesAnExistingFile()
    {
        Path file = directory.resolve("replaced.seg");
        SegmentFiles.write(file, List.of(randomStrings(new Random(7), 9_000, 0.1, Integer.MAX_VALUE)), 9_000);
        List<ColumnVector> smaller = List.of(new StringVector(new String[] {"x"}, 1));
        SegmentFiles.write(file, smaller, 1);
        assertSameColumns(SegmentFiles.read(file, 1, 0, 1, List.of(PhysicalType.STRING)).columns(), smaller);
    }

    @Test
    void invalidInputIsRejectedBeforeWriting()
    {
        Path file = directory.resolve("invalid.seg");
        LongVector twoRows = new LongVector(new long[] {1, 2}, null, 2);
        assertThatThrownBy(() -> SegmentFiles.write(file, List.of(twoRows), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differs from row count");
        assertThatThrownBy(() -> SegmentFiles.write(file, List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
        DictionaryVector badCode = new DictionaryVector(new int[] {0, 2}, new String[] {"a", "b"}, 2);
        assertThatThrownBy(() -> SegmentFiles.write(file, List.of(badCode), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside a dictionary");
        assertThat(file).doesNotExist();
    }

    private Path roundTrip(List<ColumnVector> columns, int rowCount)
    {
        Path file = directory.resolve("segment-" + fileNumber++ + ".seg");
        SegmentFiles.write(file, columns, rowCount);
        Segment segment = SegmentFiles.read(file, 7, 3, 11, types(columns));
        assertThat(segment.id()).isEqualTo(7);
        assertThat(segment.tablet()).isEqualTo(3);
        assertThat(segment.version()).isEqualTo(11);
        assertThat(segment.rowCount()).isEqualTo(rowCount);
        assertSameColumns(segment.columns(), columns);
        return file;
    }

    private static Segment read(Path file, PhysicalType... types)
    {
        return SegmentFiles.read(file, 1, 0, 1, List.of(types));
    }

    private static List<PageEncoding> pageEncodings(Path file, PhysicalType... types)
    {
        List<PageEncoding> encodings = new ArrayList<>();
        for (ColumnFooter footer : SegmentReader.readFooter(file, List.of(types))) {
            for (PageEntry page : footer.pages()) {
                encodings.add(page.encoding());
            }
        }
        return encodings;
    }

    private static void assertCorrupt(Path file, List<PhysicalType> types, String detail)
    {
        assertThatThrownBy(() -> SegmentFiles.read(file, 1, 0, 1, types))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CORRUPT_DATA))
                .hasMessageStartingWith("Segment file " + file + " is corrupt: ")
                .hasMessageContaining(detail);
    }

    static List<PhysicalType> types(List<ColumnVector> columns)
    {
        List<PhysicalType> types = new ArrayList<>();
        for (ColumnVector column : columns) {
            types.add(column instanceof LongVector ? PhysicalType.LONG : column instanceof DoubleVector ? PhysicalType.DOUBLE : PhysicalType.STRING);
        }
        return types;
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static boolean[] randomNulls(Random random, int rows, double nullRate)
    {
        if (nullRate == 0) {
            return null;
        }
        boolean[] nulls = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            nulls[i] = random.nextDouble() < nullRate;
        }
        return nulls;
    }

    static LongVector randomLongs(Random random, int rows, double nullRate)
    {
        long[] values = new long[rows];
        int bits = random.nextInt(65);
        for (int i = 0; i < rows; i++) {
            values[i] = bits == 64 ? random.nextLong() : random.nextLong() >> (63 - Math.min(bits, 63));
        }
        return new LongVector(values, randomNulls(random, rows, nullRate), rows);
    }

    static LongVector randomSequence(Random random, int rows, double nullRate)
    {
        long[] values = new long[rows];
        long value = random.nextLong();
        int step = random.nextInt(1_000);
        int jitter = 1 + random.nextInt(100);
        for (int i = 0; i < rows; i++) {
            value += step + random.nextInt(jitter) - jitter / 2;
            values[i] = value;
        }
        return new LongVector(values, randomNulls(random, rows, nullRate), rows);
    }

    static DoubleVector randomDoubles(Random random, int rows, double nullRate)
    {
        double[] specials = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = random.nextInt(20) == 0 ? specials[random.nextInt(specials.length)] : random.nextGaussian() * 1e6;
        }
        return new DoubleVector(values, randomNulls(random, rows, nullRate), rows);
    }

    /** Strings drawn from {@code distinct} values ({@code Integer.MAX_VALUE}: all different), some non-ASCII. */
    static StringVector randomStrings(Random random, int rows, double nullRate, int distinct)
    {
        String[] alphabet = {"a", "b", "z", "é", "ß", "中", "文", "\uD83D\uDE00", " ", "0", "9"};
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            if (random.nextDouble() < nullRate) {
                continue;
            }
            int key = distinct == Integer.MAX_VALUE ? i : random.nextInt(distinct);
            StringBuilder value = new StringBuilder();
            value.append(key);
            int extra = (key * 31) % 12;
            for (int j = 0; j < extra; j++) {
                value.append(alphabet[(key + j) % alphabet.length]);
            }
            values[i] = value.toString();
        }
        return new StringVector(values, rows);
    }
}
