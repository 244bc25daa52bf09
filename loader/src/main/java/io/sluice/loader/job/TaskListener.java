package io.sluice.loader.job;

/**
 * How a running job tells its manager that it must pause (too many errors, a failure it cannot retry) or must start
 * over under a new generation (its partitions changed, a task timed out). Both are ignored when the job is no longer
 * at that generation.
 */
public interface TaskListener
{
    void pauseJob(RoutineLoadJob job, long generation, StateChangeReason reason);

    /**
     * Stops the job's tasks and starts new ones from the committed offsets, under a new generation so that the old
     * tasks cannot commit any more.
     *
     * @param abortedTasks tasks aborted by this (task_timeout_second), counted in abortedTaskNum
     */
    void rescheduleJob(RoutineLoadJob job, long generation, String reason, long abortedTasks);

    /** Why the job may not load now (its creator lost the privileges), or empty; asked before every commit. */
    default java.util.Optional<String> loadDenial(RoutineLoadJob job)
    {
        return java.util.Optional.empty();
    }
}
