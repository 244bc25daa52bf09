package io.sluice.storage.metadata;

/**
 * A published segment as listed in the manifest.
 */
public record SegmentRecord(long id, long tableId, long version, int rowCount)
{
    public String fileName()
    {
        return "segment-" + id + ".dat";
    }
}
