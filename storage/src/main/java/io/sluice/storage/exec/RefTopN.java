package io.sluice.storage.exec;

import java.util.Arrays;

/**
 * The first {@code capacity} references in sort order, kept in a bounded max-heap whose root is the worst kept one:
 * O(n log capacity) instead of a full sort. A reference tying with the worst kept one is not taken, so the outcome
 * depends only on the order of offers.
 */
final class RefTopN
{
    private final RefComparator comparator;
    private final int capacity;
    private long[] heap;
    private int size;

    RefTopN(RefComparator comparator, int capacity)
    {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.comparator = comparator;
        this.capacity = capacity;
        this.heap = new long[Math.min(capacity, 1024)];
    }

    boolean isFull()
    {
        return size == capacity;
    }

    int size()
    {
        return size;
    }

    /** The worst kept reference; only when not empty. */
    long worst()
    {
        return heap[0];
    }

    /** Keeps the reference if it sorts before the worst kept one (or there is room); returns whether it was kept. */
    boolean offer(long reference)
    {
        if (size < capacity) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, (int) Math.min(capacity, heap.length * 2L));
            }
            heap[size] = reference;
            siftUp(size);
            size++;
            return true;
        }
        if (comparator.compare(reference, heap[0]) >= 0) {
            return false;
        }
        replaceWorst(reference);
        return true;
    }

    /** Replaces the worst kept reference by one known to sort before it. */
    void replaceWorst(long reference)
    {
        heap[0] = reference;
        siftDown(0);
    }

    private void siftUp(int index)
    {
        long reference = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (comparator.compare(heap[parent], reference) >= 0) {
                break;
            }
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = reference;
    }

    private void siftDown(int index)
    {
        long reference = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && comparator.compare(heap[child + 1], heap[child]) > 0) {
                child++;
            }
            if (comparator.compare(reference, heap[child]) >= 0) {
                break;
            }
            heap[index] = heap[child];
            index = child;
        }
        heap[index] = reference;
    }

    /** The kept references in sort order. */
    long[] sorted()
    {
        long[] references = Arrays.copyOf(heap, size);
        RefSorter.sort(references, size, comparator);
        return references;
    }

    /** Offers every reference another heap kept (another scan thread's), in its sort order. */
    void addAll(RefTopN other)
    {
        for (long reference : other.sorted()) {
            if (!offer(reference)) {
                break;
            }
        }
    }
}
