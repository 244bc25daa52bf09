package io.sluice.loader.job;

/**
 * Routine load job states, as StarRocks names them. STOPPED and CANCELLED are final.
 */
public enum JobState
{
    NEED_SCHEDULE,
    RUNNING,
    PAUSED,
    STOPPED,
    CANCELLED;

    public boolean isFinal()
    {
        return this == STOPPED || this == CANCELLED;
    }
}
