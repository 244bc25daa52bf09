package io.sluice.loader.task;

import io.sluice.loader.job.JobProperties;
import io.sluice.loader.job.StateChangeReason;

import java.util.Locale;
import java.util.Optional;

/**
 * The error accounting of one job, shared by its tasks, following StarRocks: after each committed batch its total and
 * error rows join the window. Once the window holds more than 10 x max_batch_rows rows it is judged (more than
 * max_error_number errors, or an error ratio above max_filter_ratio, pauses the job) and starts over; before that the
 * job pauses as soon as the errors exceed max_error_number. The limits are read at every batch, so ALTER takes effect
 * at the next one.
 */
public final class ErrorWindow
{
    private long totalRows;
    private long errorRows;

    /** Adds a committed batch; returns why the job must pause, if it must. */
    public synchronized Optional<StateChangeReason> record(long batchTotalRows, long batchErrorRows, JobProperties properties)
    {
        totalRows += batchTotalRows;
        errorRows += batchErrorRows;
        long maxErrorNumber = properties.maxErrorNumber();
        Optional<StateChangeReason> pause = Optional.empty();
        if (totalRows > windowSize(properties.maxBatchRows())) {
            if (errorRows > maxErrorNumber) {
                pause = Optional.of(tooManyErrors(errorRows, maxErrorNumber));
            }
            else if ((double) errorRows / totalRows > properties.maxFilterRatio()) {
                pause = Optional.of(ratioTooHigh(errorRows, totalRows, properties.maxFilterRatio()));
            }
            reset();
        }
        else if (errorRows > maxErrorNumber) {
            pause = Optional.of(tooManyErrors(errorRows, maxErrorNumber));
            reset();
        }
        return pause;
    }

    public synchronized long windowTotalRows()
    {
        return totalRows;
    }

    public synchronized long windowErrorRows()
    {
        return errorRows;
    }

    private void reset()
    {
        totalRows = 0;
        errorRows = 0;
    }

    private static long windowSize(long maxBatchRows)
    {
        return maxBatchRows > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : maxBatchRows * 10;
    }

    /** StarRocks' errCode 102 reason, word for word. */
    static StateChangeReason tooManyErrors(long errorRows, long maxErrorNumber)
    {
        return new StateChangeReason(StateChangeReason.TOO_MANY_FAILURE_ROWS,
                "Current error rows: " + errorRows + " is more than max error num: " + maxErrorNumber
                        + ". Check the 'TrackingSQL' field for detailed information. If you are sure that the data has many errors, "
                        + "you can set 'max_error_number' property to a greater value through ALTER ROUTINE LOAD and RESUME the job");
    }

    static StateChangeReason ratioTooHigh(long errorRows, long totalRows, double maxFilterRatio)
    {
        return new StateChangeReason(StateChangeReason.TOO_MANY_FAILURE_ROWS,
                "Current error rows: " + errorRows + " of " + totalRows + " rows (ratio " + String.format(Locale.ROOT, "%.4f", (double) errorRows / totalRows)
                        + ") is more than max filter ratio: " + maxFilterRatio
                        + ". Check the 'TrackingSQL' field for detailed information. If you are sure that the data has many errors, "
                        + "you can set 'max_filter_ratio' property to a greater value through ALTER ROUTINE LOAD and RESUME the job");
    }
}
