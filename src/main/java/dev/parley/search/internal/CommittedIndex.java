package dev.parley.search.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The message index as its last commit left it on disk, read with Lucene alone: what a crash would leave, unlike the
 * near-real-time view that searches use, which also shows what has been indexed but not yet committed (and what a
 * failed write then loses).
 */
public final class CommittedIndex implements AutoCloseable {

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private CommittedIndex(Directory directory, DirectoryReader reader) {
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
    }

    /**
     * Opens the latest commit of the index in that folder.
     *
     * @throws IOException when there is no index there or it cannot be read
     */
    public static CommittedIndex open(Path folder) throws IOException {
        Directory directory = FSDirectory.open(folder);
        try {
            return new CommittedIndex(directory, DirectoryReader.open(directory));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** How many messages the committed index holds. */
    public int documents() {
        return reader.numDocs();
    }

    /** The version the index holds of each of these messages; a message it holds no document of is left out. */
    public Map<Long, Long> versions(Collection<Long> ids) throws IOException {
        Map<Long, Long> versions = new HashMap<>();
        if (ids.isEmpty()) {
            return versions;
        }
        long[] wanted = ids.stream().mapToLong(Long::longValue).toArray();
        for (Document document : find(LongPoint.newSetQuery(MessageFields.ID, wanted), wanted.length)) {
            versions.put(document.id(), document.version());
        }
        return versions;
    }

    /** Up to {@code limit} ids of the messages of that room the index holds. */
    public List<Long> messagesOf(long room, int limit) throws IOException {
        return find(LongPoint.newExactQuery(MessageFields.ROOM, room), limit).stream()
                .map(Document::id)
                .toList();
    }

    private record Document(long id, long version) {}

    private List<Document> find(Query query, int limit) throws IOException {
        ScoreDoc[] hits = searcher.search(query, Math.max(limit, 1)).scoreDocs;
        // Doc values are read forwards only, so the hits in document order.
        Arrays.sort(hits, Comparator.comparingInt(hit -> hit.doc));
        List<LeafReaderContext> leaves = reader.leaves();
        List<Document> documents = new ArrayList<>(hits.length);
        int leaf = -1;
        int docBase = 0;
        SortedNumericDocValues ids = DocValues.emptySortedNumeric();
        SortedNumericDocValues versions = DocValues.emptySortedNumeric();
        for (ScoreDoc hit : hits) {
            int index = ReaderUtil.subIndex(hit.doc, leaves);
            if (index != leaf) {
                leaf = index;
                LeafReaderContext context = leaves.get(index);
                docBase = context.docBase;
                ids = DocValues.getSortedNumeric(context.reader(), MessageFields.ID);
                versions = DocValues.getSortedNumeric(context.reader(), MessageFields.VERSION);
            }
            int doc = hit.doc - docBase;
            if (!ids.advanceExact(doc) || !versions.advanceExact(doc)) {
                throw new IOException("Message document without its id or version in " + directory);
            }
            documents.add(new Document(ids.nextValue(), versions.nextValue()));
        }
        return documents;
    }

    @Override
    public void close() throws IOException {
        try (directory) {
            reader.close();
        }
    }
}
