package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and peak resident memory of a process, from Linux's /proc.
 */
final class ProcessStatistics
{
    /** USER_HZ is 100 on every Linux we run on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private ProcessStatistics() {}

    /** User plus system CPU seconds the process used so far. */
    static double cpuSeconds(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may contain spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long userTicks = Long.parseLong(fields[11]);
            long systemTicks = Long.parseLong(fields[12]);
            return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
        }
        catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Peak resident set size (VmHWM) in bytes. */
    static long peakResidentBytes(long pid)
    {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (IOException | RuntimeException ignored) {
            // the process is gone
        }
        return -1;
    }
}
