package io.sluice.loader.task;

import io.sluice.loader.job.JobProperties;
import io.sluice.loader.job.StateChangeReason;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorWindowTest
{
    @Test
    void pausesAsSoonAsErrorsExceedTheMaximumWithinTheWindow()
    {
        JobProperties properties = new JobProperties(Map.of("max_error_number", "2", "max_batch_rows", "100"));
        ErrorWindow window = new ErrorWindow();

        assertThat(window.record(50, 1, properties)).isEmpty();
        assertThat(window.record(50, 1, properties)).isEmpty();
        Optional<StateChangeReason> pause = window.record(50, 1, properties);

        assertThat(pause).hasValueSatisfying(reason -> {
            assertThat(reason.code()).isEqualTo(102);
            assertThat(reason.toString()).isEqualTo("ErrorReason{errCode = 102, msg='Current error rows: 3 is more than max error num: 2. "
                    + "Check the 'TrackingSQL' field for detailed information. If you are sure that the data has many errors, you can set "
                    + "'max_error_number' property to a greater value through ALTER ROUTINE LOAD and RESUME the job'}");
        });
        // The window starts over after a pause.
        assertThat(window.windowErrorRows()).isZero();
        assertThat(window.windowTotalRows()).isZero();
    }

    @Test
    void windowStartsOverAfterTenTimesMaxBatchRows()
    {
        JobProperties properties = new JobProperties(Map.of("max_error_number", "2", "max_batch_rows", "10"));
        ErrorWindow window = new ErrorWindow();

        assertThat(window.record(60, 2, properties)).isEmpty();
        // 120 rows > 10 x 10: judged (2 errors, not more than 2) and reset.
        assertThat(window.record(60, 0, properties)).isEmpty();
        assertThat(window.windowTotalRows()).isZero();
        assertThat(window.record(60, 2, properties)).isEmpty();
        assertThat(window.record(10, 1, properties)).hasValueSatisfying(reason -> assertThat(reason.message()).startsWith("Current error rows: 3 is"));
    }

    @Test
    void filterRatioIsJudgedAtTheEndOfTheWindow()
    {
        JobProperties properties = new JobProperties(Map.of("max_error_number", "1000", "max_batch_rows", "10", "max_filter_ratio", "0.2"));
        ErrorWindow window = new ErrorWindow();

        // 30% errors, but the window is not complete yet.
        assertThat(window.record(100, 30, properties)).isEmpty();
        Optional<StateChangeReason> pause = window.record(1, 0, properties);

        assertThat(pause).hasValueSatisfying(reason -> {
            assertThat(reason.code()).isEqualTo(102);
            assertThat(reason.message()).startsWith("Current error rows: 30 of 101 rows (ratio 0.2970) is more than max filter ratio: 0.2. ")
                    .endsWith("you can set 'max_filter_ratio' property to a greater value through ALTER ROUTINE LOAD and RESUME the job");
        });
    }

    @Test
    void limitsAreReadAtEveryBatch()
    {
        ErrorWindow window = new ErrorWindow();

        assertThat(window.record(10, 1, new JobProperties(Map.of("max_error_number", "1")))).isEmpty();
        assertThat(window.record(10, 0, new JobProperties(Map.of("max_error_number", "0")))).isPresent();
    }
}
