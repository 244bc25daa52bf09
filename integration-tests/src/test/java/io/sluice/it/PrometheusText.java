package io.sluice.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: HELP and TYPE lines, samples with
 * escaped label values, and the rule that every sample belongs to a family declared before it (a histogram's by
 * its {@code _bucket}, {@code _sum} and {@code _count} suffixes). Anything malformed throws.
 */
final class PrometheusText
{
    record Sample(String name, Map<String, String> labels, double value) {}

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> helps = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {}

    static PrometheusText parse(String text)
    {
        PrometheusText parsed = new PrometheusText();
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        for (String line : text.split("\n")) {
            parsed.parseLine(line);
        }
        return parsed;
    }

    private void parseLine(String line)
    {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("# HELP ")) {
            String[] parts = line.substring(7).split(" ", 2);
            if (helps.put(parts[0], parts.length > 1 ? parts[1] : "") != null) {
                throw new IllegalArgumentException("second HELP for " + parts[0]);
            }
            return;
        }
        if (line.startsWith("# TYPE ")) {
            String[] parts = line.substring(7).split(" ");
            if (parts.length != 2 || !List.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1])) {
                throw new IllegalArgumentException("bad TYPE line: " + line);
            }
            if (types.put(parts[0], parts[1]) != null) {
                throw new IllegalArgumentException("second TYPE for " + parts[0]);
            }
            return;
        }
        if (line.startsWith("#")) {
            return;
        }
        int position = 0;
        while (position < line.length() && (Character.isLetterOrDigit(line.charAt(position)) || line.charAt(position) == '_' || line.charAt(position) == ':')) {
            position++;
        }
        String name = line.substring(0, position);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            throw new IllegalArgumentException("bad metric name in: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (position < line.length() && line.charAt(position) == '{') {
            position++;
            while (line.charAt(position) != '}') {
                int equals = line.indexOf('=', position);
                String label = line.substring(position, equals);
                if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    throw new IllegalArgumentException("bad label name '" + label + "' in: " + line);
                }
                if (line.charAt(equals + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted in: " + line);
                }
                StringBuilder value = new StringBuilder();
                int i = equals + 2;
                while (line.charAt(i) != '"') {
                    char character = line.charAt(i);
                    if (character == '\\') {
                        char escaped = line.charAt(++i);
                        switch (escaped) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException("bad escape \\" + escaped + " in: " + line);
                        }
                    }
                    else {
                        value.append(character);
                    }
                    i++;
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("label " + label + " twice in: " + line);
                }
                position = i + 1;
                if (line.charAt(position) == ',') {
                    position++;
                }
            }
            position++;
        }
        if (line.charAt(position) != ' ') {
            throw new IllegalArgumentException("no space before the value in: " + line);
        }
        String[] rest = line.substring(position + 1).split(" ");
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        if (family(name).isEmpty()) {
            throw new IllegalArgumentException("sample of an undeclared family: " + line);
        }
        samples.add(new Sample(name, Map.copyOf(labels), value));
    }

    /** The declared family a sample name belongs to. */
    Optional<String> family(String sampleName)
    {
        if (types.containsKey(sampleName)) {
            return Optional.of(sampleName);
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if ("histogram".equals(types.get(base))) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }

    String type(String family)
    {
        return types.get(family);
    }

    boolean hasHelp(String family)
    {
        return helps.containsKey(family);
    }

    List<Sample> samples(String name)
    {
        List<Sample> matching = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name)) {
                matching.add(sample);
            }
        }
        return matching;
    }

    /** The one sample with this name whose labels include all of {@code labels} (name, value pairs). */
    double value(String name, String... labels)
    {
        List<Sample> matching = new ArrayList<>();
        for (Sample sample : samples(name)) {
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= labels[i + 1].equals(sample.labels().get(labels[i]));
            }
            if (all) {
                matching.add(sample);
            }
        }
        if (matching.size() != 1) {
            throw new AssertionError("expected one sample " + name + " " + List.of(labels) + ", found " + matching);
        }
        return matching.get(0).value();
    }

    /** A histogram's cumulative buckets in order of their le label (which must increase and end with +Inf). */
    List<Sample> buckets(String family, String... labels)
    {
        List<Sample> buckets = new ArrayList<>();
        for (Sample sample : samples(family + "_bucket")) {
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= labels[i + 1].equals(sample.labels().get(labels[i]));
            }
            if (all) {
                buckets.add(sample);
            }
        }
        return buckets;
    }
}
