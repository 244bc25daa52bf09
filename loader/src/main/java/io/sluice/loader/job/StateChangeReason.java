package io.sluice.loader.job;

import static java.util.Objects.requireNonNull;

/**
 * Why a job left RUNNING, shown in ReasonOfStateChanged as StarRocks does: {@code ErrorReason{errCode = N, msg='...'}}.
 */
public record StateChangeReason(int code, String message)
{
    public static final int INTERNAL_ERROR = 4;
    public static final int DATABASE_ERROR = 5;
    public static final int TABLE_ERROR = 6;
    /** Not StarRocks': the job's creator lost the privileges it loads with. */
    public static final int PRIVILEGE_ERROR = 7;
    public static final int MANUAL_PAUSE = 100;
    public static final int MANUAL_STOP = 101;
    public static final int TOO_MANY_FAILURE_ROWS = 102;
    public static final int CREATE_TASKS_ERROR = 103;
    public static final int TASKS_ABORT = 104;

    public StateChangeReason
    {
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString()
    {
        return "ErrorReason{errCode = " + code + ", msg='" + message + "'}";
    }
}
