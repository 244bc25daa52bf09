package io.sluice.storage.exec;

import java.util.List;

/**
 * ORDER BY over references: each key's direction and NULL placement, then the next key on ties.
 */
final class RefComparator
{
    private final OutputField[] fields;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    RefComparator(List<SortKey> keys, List<? extends OutputField> outputFields)
    {
        int count = keys.size();
        this.fields = new OutputField[count];
        this.descending = new boolean[count];
        this.nullsFirst = new boolean[count];
        for (int i = 0; i < count; i++) {
            SortKey key = keys.get(i);
            fields[i] = outputFields.get(key.field());
            descending[i] = key.descending();
            nullsFirst[i] = key.nullsFirst();
        }
    }

    int compare(long left, long right)
    {
        for (int i = 0; i < fields.length; i++) {
            OutputField field = fields[i];
            boolean leftNull = field.isNull(left);
            boolean rightNull = field.isNull(right);
            if (leftNull || rightNull) {
                if (leftNull && rightNull) {
                    continue;
                }
                return leftNull == nullsFirst[i] ? -1 : 1;
            }
            int order = field.compareNonNull(left, right);
            if (order != 0) {
                return descending[i] ? -order : order;
            }
        }
        return 0;
    }
}
