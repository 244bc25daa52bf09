package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the figures were measured on: processors, memory, JVM.
 */
public record Machine(int processors, long memoryBytes, String jvm, String os)
{
    public static Machine current()
    {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                totalMemory(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    private static long totalMemory()
    {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (IOException | NumberFormatException ignored) {
            // not Linux: unknown
        }
        return -1;
    }

    public String describe()
    {
        return "nproc " + processors + ", " + (memoryBytes < 0 ? "unknown memory" : (memoryBytes >> 30) + " GiB memory") + ", " + jvm + ", " + os;
    }
}
