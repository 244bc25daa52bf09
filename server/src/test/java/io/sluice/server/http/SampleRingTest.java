package io.sluice.server.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleRingTest
{
    @Test
    void keepsSamplesOldestFirstBeforeFilling()
    {
        SampleRing ring = new SampleRing(3);
        assertThat(ring.snapshot().size()).isZero();
        ring.add(1000, 1.5, 10, 0.5);
        ring.add(2000, 2.5, 20, 1.5);
        SampleRing.Samples samples = ring.snapshot();
        assertThat(samples.timesMillis()).containsExactly(1000, 2000);
        assertThat(samples.rowsPerSecond()).containsExactly(1.5, 2.5);
        assertThat(samples.offsetLag()).containsExactly(10, 20);
        assertThat(samples.lagSeconds()).containsExactly(0.5, 1.5);
    }

    @Test
    void overwritesTheOldestWhenFull()
    {
        SampleRing ring = new SampleRing(3);
        for (int i = 1; i <= 7; i++) {
            ring.add(i * 1000L, i, i * 10L, i / 10.0);
        }
        SampleRing.Samples samples = ring.snapshot();
        assertThat(samples.timesMillis()).containsExactly(5000, 6000, 7000);
        assertThat(samples.rowsPerSecond()).containsExactly(5, 6, 7);
        assertThat(samples.offsetLag()).containsExactly(50, 60, 70);
        assertThat(samples.lagSeconds()).containsExactly(0.5, 0.6, 0.7);
    }

    @Test
    void exactlyFullKeepsAll()
    {
        SampleRing ring = new SampleRing(2);
        ring.add(1, 1, 1, 1);
        ring.add(2, 2, 2, 2);
        assertThat(ring.snapshot().timesMillis()).containsExactly(1, 2);
    }

    @Test
    void capacityMustBePositive()
    {
        assertThatThrownBy(() -> new SampleRing(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
