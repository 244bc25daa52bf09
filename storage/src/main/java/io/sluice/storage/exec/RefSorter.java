package io.sluice.storage.exec;

/**
 * A stable merge sort of primitive references, so sorting rows or groups boxes nothing.
 */
final class RefSorter
{
    private static final int INSERTION_SORT_LIMIT = 16;

    private RefSorter() {}

    static void sort(long[] references, int count, RefComparator comparator)
    {
        if (count < 2) {
            return;
        }
        long[] buffer = new long[count];
        sort(references, buffer, 0, count, comparator);
    }

    private static void sort(long[] references, long[] buffer, int from, int to, RefComparator comparator)
    {
        if (to - from <= INSERTION_SORT_LIMIT) {
            for (int i = from + 1; i < to; i++) {
                long reference = references[i];
                int j = i - 1;
                while (j >= from && comparator.compare(references[j], reference) > 0) {
                    references[j + 1] = references[j];
                    j--;
                }
                references[j + 1] = reference;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        sort(references, buffer, from, middle, comparator);
        sort(references, buffer, middle, to, comparator);
        if (comparator.compare(references[middle - 1], references[middle]) <= 0) {
            return;
        }
        System.arraycopy(references, from, buffer, from, to - from);
        int left = from;
        int right = middle;
        for (int out = from; out < to; out++) {
            if (right >= to || (left < middle && comparator.compare(buffer[left], buffer[right]) <= 0)) {
                references[out] = buffer[left++];
            }
            else {
                references[out] = buffer[right++];
            }
        }
    }
}
