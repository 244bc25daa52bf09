package io.sluice.loader.task;

import java.util.ArrayList;
import java.util.List;

/**
 * How a job's partitions are spread over its tasks, as StarRocks does: min(partitions, desired_concurrent_number)
 * tasks, the j-th partition (in partition order) going to task j % n.
 */
public final class TaskAssignment
{
    private TaskAssignment() {}

    /** One list of partitions per task; none when there are no partitions. */
    public static List<List<Integer>> assign(List<Integer> sortedPartitions, int desiredConcurrentNumber)
    {
        if (desiredConcurrentNumber < 1) {
            throw new IllegalArgumentException("desiredConcurrentNumber must be at least 1: " + desiredConcurrentNumber);
        }
        int taskCount = Math.min(sortedPartitions.size(), desiredConcurrentNumber);
        List<List<Integer>> tasks = new ArrayList<>(taskCount);
        for (int task = 0; task < taskCount; task++) {
            tasks.add(new ArrayList<>());
        }
        for (int j = 0; j < sortedPartitions.size(); j++) {
            tasks.get(j % taskCount).add(sortedPartitions.get(j));
        }
        List<List<Integer>> result = new ArrayList<>(taskCount);
        for (List<Integer> partitions : tasks) {
            result.add(List.copyOf(partitions));
        }
        return List.copyOf(result);
    }
}
