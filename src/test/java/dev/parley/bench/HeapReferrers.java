package dev.parley.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who holds the bytes: reads a heap dump ({@code jcmd <pid> GC.heap_dump}, HPROF format) and sums the arrays of the
 * given kinds by the chain of classes that refer to them ({@code byte[] <- String.value <- MessageItem.shown <- …}). A
 * class histogram says that a session costs 40 KB of {@code byte[]}; this says whose they are. Each object is charged
 * to the first referrer met in the dump, which is enough to name the owners of per-session arrays.
 *
 * <p>Run: {@code java -cp target/test-classes dev.parley.bench.HeapReferrers <file.hprof> [depth] [rows]}.
 */
final class HeapReferrers {

    private static final int OBJECT = 2;

    private final Map<Long, String> strings = new HashMap<>();
    private final Map<Long, Long> classNameIds = new HashMap<>();
    private final Map<Long, ClassInfo> classes = new HashMap<>();
    private final Map<Long, long[]> arrays = new HashMap<>(); // id -> {element type, bytes}
    private final Map<Long, Long> parent = new HashMap<>();
    private final Map<Long, String> parentLabel = new HashMap<>();
    private final List<long[]> instances = new ArrayList<>(); // {id, class id, offset, length}
    private final List<long[]> objectArrays = new ArrayList<>(); // {id, offset, length, array class id}
    private ByteBuffer data = ByteBuffer.allocate(0);

    private record ClassInfo(long superId, List<long[]> fields) {} // field: {name id, type}

    public static void main(String[] args) throws IOException {
        int depth = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        System.out.print(report(Path.of(args[0]), depth, rows));
    }

    /** The byte and char arrays of a heap dump summed by referrer chain, largest first, as text. */
    static String report(Path dump, int depth, int rows) throws IOException {
        HeapReferrers heap = new HeapReferrers();
        heap.read(dump);
        heap.linkParents();
        return heap.summarise(depth, rows);
    }

    private void read(Path dump) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(dump.toFile(), "r");
                FileChannel channel = file.getChannel()) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new IOException("Heap dumps over 2 GB are not supported; dump a smaller run");
            }
            data = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        int p = 0;
        while (data.get(p) != 0) {
            p++;
        }
        p++;
        if (data.getInt(p) != 8) {
            throw new IOException("Only 64-bit identifiers are supported");
        }
        p += 4 + 8;
        while (p < data.limit()) {
            int tag = data.get(p) & 0xff;
            int length = data.getInt(p + 5);
            int body = p + 9;
            p = body + length;
            switch (tag) {
                case 0x01 -> {
                    byte[] text = new byte[length - 8];
                    data.get(body + 8, text);
                    strings.put(data.getLong(body), new String(text, StandardCharsets.UTF_8));
                }
                case 0x02 -> classNameIds.put(data.getLong(body + 4), data.getLong(body + 16));
                case 0x0c, 0x1c -> readHeapSegment(body, body + length);
                default -> {}
            }
        }
    }

    private void readHeapSegment(int q, int end) {
        while (q < end) {
            int subTag = data.get(q++) & 0xff;
            switch (subTag) {
                case 0xff, 0x05, 0x07 -> q += 8;
                case 0x01, 0x02, 0x03, 0x08 -> q += 16;
                case 0x04, 0x06 -> q += 12;
                case 0x20 -> q = readClass(q);
                case 0x21 -> {
                    long id = data.getLong(q);
                    long classId = data.getLong(q + 12);
                    int bytes = data.getInt(q + 20);
                    instances.add(new long[] {id, classId, q + 24, bytes});
                    q += 24 + bytes;
                }
                case 0x22 -> {
                    long id = data.getLong(q);
                    int count = data.getInt(q + 12);
                    long arrayClass = data.getLong(q + 16);
                    objectArrays.add(new long[] {id, q + 24, count, arrayClass});
                    q += 24 + count * 8;
                }
                case 0x23 -> {
                    long id = data.getLong(q);
                    int count = data.getInt(q + 12);
                    int type = data.get(q + 16);
                    int bytes = count * size(type);
                    arrays.put(id, new long[] {type, bytes});
                    q += 17 + bytes;
                }
                default -> throw new IllegalStateException("Unknown heap dump record " + subTag + " at " + q);
            }
        }
    }

    private int readClass(int q) {
        long id = data.getLong(q);
        long superId = data.getLong(q + 12);
        q += 64;
        int constants = data.getShort(q) & 0xffff;
        q += 2;
        for (int i = 0; i < constants; i++) {
            q += 3 + size(data.get(q + 2));
        }
        int statics = data.getShort(q) & 0xffff;
        q += 2;
        for (int i = 0; i < statics; i++) {
            q += 9 + size(data.get(q + 8));
        }
        int count = data.getShort(q) & 0xffff;
        q += 2;
        List<long[]> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fields.add(new long[] {data.getLong(q), data.get(q + 8)});
            q += 9;
        }
        classes.put(id, new ClassInfo(superId, fields));
        return q;
    }

    private void linkParents() {
        Map<Long, List<long[]>> layouts = new HashMap<>();
        for (long[] instance : instances) {
            List<long[]> layout = layouts.computeIfAbsent(instance[1], this::layout);
            int q = (int) instance[2];
            for (long[] field : layout) {
                if (field[1] == OBJECT) {
                    long referent = data.getLong(q);
                    if (referent != 0 && !parent.containsKey(referent)) {
                        parent.put(referent, instance[0]);
                        parentLabel.put(referent, className(instance[1]) + "." + strings.get(field[0]));
                    }
                }
                q += size((int) field[1]);
            }
        }
        for (long[] array : objectArrays) {
            for (int i = 0; i < array[2]; i++) {
                long referent = data.getLong((int) array[1] + i * 8);
                if (referent != 0 && !parent.containsKey(referent)) {
                    parent.put(referent, array[0]);
                    parentLabel.put(referent, className(array[3]) + "[]");
                }
            }
        }
    }

    private List<long[]> layout(long classId) {
        List<long[]> fields = new ArrayList<>();
        for (ClassInfo info = classes.get(classId); info != null; info = classes.get(info.superId())) {
            fields.addAll(info.fields());
        }
        return fields;
    }

    private String summarise(int depth, int rows) {
        Map<String, long[]> byChain = new HashMap<>(); // chain -> {bytes, count}
        for (var array : arrays.entrySet()) {
            int type = (int) array.getValue()[0];
            if (type != 5 && type != 8) {
                continue;
            }
            StringBuilder chain = new StringBuilder(type == 8 ? "byte[]" : "char[]");
            long id = array.getKey();
            for (int i = 0; i < depth; i++) {
                String label = parentLabel.get(id);
                if (label == null) {
                    chain.append(" <- (root)");
                    break;
                }
                chain.append(" <- ").append(label);
                id = parent.get(id);
            }
            long[] sum = byChain.computeIfAbsent(chain.toString(), c -> new long[2]);
            sum[0] += array.getValue()[1] + 16;
            sum[1]++;
        }
        return byChain.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(rows)
                .map(e -> String.format("%12d %8d  %s", e.getValue()[0], e.getValue()[1], e.getKey()))
                .collect(Collectors.joining(
                        "\n", String.format("%12s %8s  %s%n", "bytes", "arrays", "referrers"), "\n"));
    }

    private String className(long classId) {
        String name = strings.get(classNameIds.get(classId));
        return name == null ? "?" : name.replace('/', '.');
    }

    private static int size(int type) {
        return switch (type) {
            case OBJECT -> 8;
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 7, 11 -> 8;
            default -> throw new IllegalStateException("Unknown field type " + type);
        };
    }
}
