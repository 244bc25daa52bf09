package io.sluice.storage.exec;

import java.util.List;

/**
 * The groups of a finished GROUP BY, numbered {@code 0..groupCount()-1}; output fields reference them by number.
 */
interface GroupedResult
{
    int groupCount();

    /** Checks results that can fail (SUM out of range) for every group, so the error does not depend on LIMIT. */
    void validate();

    /** The output fields, referenced by group: the keys, then the aggregates. */
    List<OutputField> fields();
}
