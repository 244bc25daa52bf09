package io.sluice.storage.exec;

/**
 * One ORDER BY key over the output fields of a {@link ScanRequest}.
 */
public record SortKey(int field, boolean descending, boolean nullsFirst)
{
    public SortKey
    {
        if (field < 0) {
            throw new IllegalArgumentException("negative field " + field);
        }
    }
}
