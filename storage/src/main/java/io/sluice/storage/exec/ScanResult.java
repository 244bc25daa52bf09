package io.sluice.storage.exec;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The rows a {@link ScanRequest} produced, in order. Values are {@code Long}, {@code Double}, {@code String} or null
 * (see {@link AggregateCall} for aggregate result types); projected columns keep their physical representation.
 */
public record ScanResult(List<Object[]> rows)
{
    public ScanResult
    {
        requireNonNull(rows, "rows is null");
    }
}
