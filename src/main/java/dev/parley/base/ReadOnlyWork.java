package dev.parley.base;

/**
 * Marks the current thread's database work as read-only when no Spring transaction can say so: work started by a
 * library on its own threads, such as the search index's mass indexer. On SQLite such work then reads from the reader
 * pool instead of holding the one writer connection, which every post needs. Elsewhere it changes nothing.
 */
public final class ReadOnlyWork {

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private ReadOnlyWork() {}

    /** From now on, connections this thread opens are read-only. */
    public static void begin() {
        ACTIVE.set(Boolean.TRUE);
    }

    public static void end() {
        ACTIVE.remove();
    }

    static boolean active() {
        return ACTIVE.get();
    }
}
