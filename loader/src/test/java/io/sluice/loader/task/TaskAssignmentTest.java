package io.sluice.loader.task;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskAssignmentTest
{
    @Test
    void partitionJGoesToTaskJModN()
    {
        assertThat(TaskAssignment.assign(List.of(0, 1, 2, 3, 4), 2)).containsExactly(List.of(0, 2, 4), List.of(1, 3));
        assertThat(TaskAssignment.assign(List.of(0, 1, 2), 5)).containsExactly(List.of(0), List.of(1), List.of(2));
        // By position in the list: kafka_partitions need not be contiguous.
        assertThat(TaskAssignment.assign(List.of(3, 7, 9), 2)).containsExactly(List.of(3, 9), List.of(7));
        assertThat(TaskAssignment.assign(List.of(), 5)).isEmpty();
    }

    @Test
    void desiredConcurrentNumberMustBePositive()
    {
        assertThatThrownBy(() -> TaskAssignment.assign(List.of(0), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
