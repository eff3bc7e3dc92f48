package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares two {@code jcmd GC.class_histogram} outputs: which classes grew, per session. */
final class ClassHistogram {

    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private ClassHistogram() {}

    record Entry(long instances, long bytes) {}

    static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                entries.put(m.group(3), new Entry(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        return entries;
    }

    /** The classes whose live bytes grew most, divided by the number of sessions added. */
    static String growth(Path before, Path after, int sessions, int top) throws IOException {
        Map<String, Entry> was = read(before);
        Map<String, Entry> is = read(after);
        StringBuilder out = new StringBuilder(String.format(
                "Live heap growth by class, per session (%d sessions):%n%12s %12s  %s%n",
                sessions, "bytes", "instances", "class"));
        long total = is.entrySet().stream()
                .mapToLong(e -> e.getValue().bytes()
                        - was.getOrDefault(e.getKey(), new Entry(0, 0)).bytes())
                .sum();
        is.entrySet().stream()
                .map(e -> Map.entry(
                        e.getKey(),
                        new Entry(
                                e.getValue().instances()
                                        - was.getOrDefault(e.getKey(), new Entry(0, 0))
                                                .instances(),
                                e.getValue().bytes()
                                        - was.getOrDefault(e.getKey(), new Entry(0, 0))
                                                .bytes())))
                .sorted((a, b) ->
                        Long.compare(b.getValue().bytes(), a.getValue().bytes()))
                .limit(top)
                .forEach(e -> out.append(String.format(
                        "%12.0f %12.1f  %s%n",
                        e.getValue().bytes() / (double) sessions,
                        e.getValue().instances() / (double) sessions,
                        e.getKey())));
        out.append(String.format("%12.0f %12s  total%n", total / (double) sessions, ""));
        return out.toString();
    }
}
