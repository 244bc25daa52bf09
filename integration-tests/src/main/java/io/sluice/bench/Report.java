package io.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Presents a run: a table per benchmark on stdout, the JSON results file, and a section appended to BENCHMARKS.md
 * (date, command, machine, method, tables).
 */
final class Report
{
    private final BenchOptions options;
    private final Machine machine;
    private final ZonedDateTime started;
    private final Map<String, String> methods = new LinkedHashMap<>();
    private final List<BenchResult> results = new ArrayList<>();

    Report(BenchOptions options, Machine machine)
    {
        this.options = options;
        this.machine = machine;
        this.started = ZonedDateTime.now(ZoneOffset.UTC);
    }

    void method(String benchmark, String description)
    {
        methods.put(benchmark, description);
    }

    void add(BenchResult result)
    {
        results.add(result);
        System.out.println("  " + result.benchmark() + " / " + result.variant() + ": " + result.figures());
    }

    List<BenchResult> results()
    {
        return List.copyOf(results);
    }

    String tables(boolean markdown)
    {
        StringBuilder text = new StringBuilder();
        Set<String> benchmarks = new LinkedHashSet<>();
        results.forEach(result -> benchmarks.add(result.benchmark()));
        for (String benchmark : benchmarks) {
            List<BenchResult> rows = results.stream().filter(result -> result.benchmark().equals(benchmark)).toList();
            Set<String> columns = new LinkedHashSet<>();
            columns.add("variant");
            rows.forEach(row -> columns.addAll(row.figures().keySet()));
            List<List<String>> cells = new ArrayList<>();
            for (BenchResult row : rows) {
                List<String> line = new ArrayList<>();
                for (String column : columns) {
                    line.add(column.equals("variant") ? row.variant() : format(row.figures().get(column)));
                }
                cells.add(line);
            }
            text.append(markdown ? "\n#### " + benchmark + "\n\n" : "\n" + benchmark + "\n");
            appendTable(text, new ArrayList<>(columns), cells);
        }
        return text.toString();
    }

    private static void appendTable(StringBuilder text, List<String> header, List<List<String>> cells)
    {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> line : cells) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        appendLine(text, header, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        appendLine(text, rule, widths);
        for (List<String> line : cells) {
            appendLine(text, line, widths);
        }
    }

    private static void appendLine(StringBuilder text, List<String> values, int[] widths)
    {
        text.append('|');
        for (int i = 0; i < values.size(); i++) {
            text.append(' ').append(values.get(i)).append(" ".repeat(widths[i] - values.get(i).length())).append(" |");
        }
        text.append('\n');
    }

    static String format(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            double magnitude = Math.abs(number);
            if (magnitude >= 100) {
                return String.format(Locale.ROOT, "%,.0f", number);
            }
            return String.format(Locale.ROOT, magnitude >= 1 ? "%.2f" : "%.3f", number);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return value.toString();
    }

    /** Writes the JSON results file and, unless --no-record, appends the section to BENCHMARKS.md. */
    Path write()
    {
        String stamp = started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = options.resultsDirectory().resolve(stamp + ".json");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", started.toString());
        document.put("command", options.commandLine());
        document.put("smoke", options.smoke());
        document.put("machine", Map.of("nproc", machine.processors(), "memoryBytes", machine.memoryBytes(), "jvm", machine.jvm(), "os", machine.os()));
        document.put("methods", methods);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchResult result : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", result.benchmark());
            row.put("variant", result.variant());
            row.putAll(result.figures());
            rows.add(row);
        }
        document.put("results", rows);
        try {
            Files.createDirectories(json.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
            if (options.record()) {
                Files.writeString(options.repositoryRoot().resolve("BENCHMARKS.md"), markdownSection(json), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json;
    }

    private String markdownSection(Path json)
    {
        StringBuilder text = new StringBuilder();
        text.append("\n### ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(": `").append(options.commandLine()).append("`\n\n");
        text.append("Machine: ").append(machine.describe()).append(". Results: `").append(options.repositoryRoot().relativize(json.toAbsolutePath())).append("`.\n");
        for (Map.Entry<String, String> method : methods.entrySet()) {
            text.append("- ").append(method.getKey()).append(": ").append(method.getValue()).append('\n');
        }
        text.append(tables(true));
        return text.toString();
    }
}
