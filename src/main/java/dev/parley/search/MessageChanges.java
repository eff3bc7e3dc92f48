package dev.parley.search;

import dev.parley.messages.Message;
import dev.parley.search.internal.MessageChange;
import dev.parley.search.internal.RoomVersion;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.search.engine.backend.work.execution.DocumentCommitStrategy;
import org.hibernate.search.engine.backend.work.execution.DocumentRefreshStrategy;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.hibernate.search.mapper.pojo.work.SearchIndexingPlanExecutionReport;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database side of {@link IndexCatchUp} and {@link IndexRebuild}: the rooms' latest versions, the messages changed
 * in a range of a room's versions, how many there are, and indexing messages again as they now are. Everything here
 * reads, on SQLite from the reader pool.
 */
@Component
class MessageChanges {

    /**
     * Waits until the index has taken the documents, so that a failure is thrown here, but neither commits nor
     * refreshes: a commit per batch cost an fsync and a small segment each; the catch-up commits once per pass.
     */
    private static final IndexingPlanSynchronizationStrategy TAKEN = context -> {
        context.documentCommitStrategy(DocumentCommitStrategy.NONE);
        context.documentRefreshStrategy(DocumentRefreshStrategy.NONE);
        context.indexingFutureHandler(future -> {
            SearchIndexingPlanExecutionReport report = future.join();
            report.throwable().ifPresent(failure -> {
                throw new IllegalStateException(
                        "Could not index " + report.failingEntities() + " again: " + failure.getMessage(), failure);
            });
        });
    };

    private final EntityManagerFactory entityManagerFactory;
    private final EntityManager entityManager;
    private final TransactionTemplate reads;

    MessageChanges(
            EntityManagerFactory entityManagerFactory,
            EntityManager entityManager,
            PlatformTransactionManager transactionManager) {
        this.entityManagerFactory = entityManagerFactory;
        this.entityManager = entityManager;
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
    }

    /** How many messages are not deleted: what a rebuild indexes. */
    long countNotDeleted() {
        Long count = reads.execute(status -> entityManager
                .createQuery("select count(m) from Message m where m.deletedAt is null", Long.class)
                .getSingleResult());
        return count == null ? 0 : count;
    }

    /**
     * Every room's latest message version (rooms with no change left out). Each room's versions are taken under its
     * row's lock and committed in order, so every change up to the version read here has committed.
     */
    Map<Long, Long> roomVersions() {
        List<RoomVersion> rooms = reads.execute(status -> entityManager
                .createQuery(
                        "select new dev.parley.search.internal.RoomVersion(r.id, r.lastVersion) from Room r"
                                + " where r.lastVersion > 0",
                        RoomVersion.class)
                .getResultList());
        Map<Long, Long> versions = new HashMap<>();
        if (rooms != null) {
            rooms.forEach(room -> versions.put(room.room(), room.version()));
        }
        return versions;
    }

    /**
     * Up to {@code limit} messages of a room whose latest change is after {@code after} and at most {@code upTo}, in
     * version order: one range of the (room, version) index.
     */
    List<MessageChange> changed(long room, long after, long upTo, int limit) {
        List<MessageChange> changes = reads.execute(status -> entityManager
                .createQuery(
                        "select new dev.parley.search.internal.MessageChange(m.id, m.version, m.deletedAt)"
                                + " from Message m where m.roomId = :room and m.version > :after"
                                + " and m.version <= :upTo order by m.version",
                        MessageChange.class)
                .setParameter("room", room)
                .setParameter("after", after)
                .setParameter("upTo", upTo)
                .setMaxResults(limit)
                .getResultList());
        return changes == null ? List.of() : changes;
    }

    /**
     * Indexes these messages again as the database now has them (a deleted or vanished one is purged), and returns once
     * the index has taken them; {@link #commit()} makes them durable.
     *
     * @throws RuntimeException when the index cannot take them
     */
    void indexAgain(List<Long> ids) {
        reads.executeWithoutResult(status -> {
            SearchSession search = Search.session(entityManager);
            search.indexingPlanSynchronizationStrategy(TAKEN);
            List<Message> found = entityManager.unwrap(Session.class).findMultiple(Message.class, ids);
            for (int i = 0; i < ids.size(); i++) {
                Message message = found.get(i);
                if (message == null || message.deleted()) {
                    search.indexingPlan().purge(Message.class, ids.get(i), null);
                } else {
                    search.indexingPlan().addOrUpdate(message);
                }
            }
            search.indexingPlan().execute();
        });
    }

    /** Commits what the index has taken to disk, where the next pass of the catch-up looks. */
    void commit() {
        Search.mapping(entityManagerFactory).scope(Message.class).workspace().flush();
    }
}
