package io.sluice.loader.job;

/**
 * How a running task tells its manager that the job must pause (too many errors, a failure it cannot retry).
 */
public interface TaskListener
{
    void pauseJob(RoutineLoadJob job, long generation, StateChangeReason reason);
}
