package io.sluice.storage.metadata;

import static java.util.Objects.requireNonNull;

/**
 * A published segment as listed in the manifest.
 *
 * @param columnLayout the file's columns in order, as {@code columnId:physicalType} separated by commas, so a file
 *         written before ALTER TABLE still reads correctly
 */
public record SegmentRecord(long id, long tableId, int tablet, long version, int rowCount, String columnLayout)
{
    public SegmentRecord
    {
        requireNonNull(columnLayout, "columnLayout is null");
    }

    public String fileName()
    {
        return fileName(id);
    }

    public static String fileName(long segmentId)
    {
        return "segment-" + segmentId + ".dat";
    }
}
