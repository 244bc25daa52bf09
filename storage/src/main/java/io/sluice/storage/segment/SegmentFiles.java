package io.sluice.storage.segment;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.type.PhysicalType;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads and writes immutable columnar segment files (layout in {@link SegmentFormat}): per-column encodings
 * (dictionary for strings with few distinct values, frame of reference or delta bit-packing for integers, plain
 * otherwise), pages of {@link ColumnZoneMap#PAGE_ROWS} rows with zone maps in the footer, lz4 where it saves space,
 * and a CRC32C on the header, every page and the footer. Damage is reported as {@code CORRUPT_DATA} naming the file,
 * never returned as data.
 */
public final class SegmentFiles
{
    private SegmentFiles() {}

    /**
     * Writes the rows to {@code file} (replacing it) and forces it to disk before returning, because a metadata
     * commit publishes it next. String columns with few distinct values are stored as dictionaries.
     */
    public static void write(Path file, List<ColumnVector> columns, int rowCount)
    {
        requireNonNull(file, "file is null");
        requireNonNull(columns, "columns is null");
        SegmentWriter.write(file, columns, rowCount);
    }

    /**
     * Reads and decodes every column of {@code file}, whose columns must have {@code types}. A dictionary-encoded
     * column comes back as a {@link io.sluice.storage.column.DictionaryVector}.
     */
    public static Segment read(Path file, long segmentId, int tablet, long version, List<PhysicalType> types)
    {
        requireNonNull(file, "file is null");
        requireNonNull(types, "types is null");
        return SegmentReader.read(file, segmentId, tablet, version, List.copyOf(types));
    }
}
