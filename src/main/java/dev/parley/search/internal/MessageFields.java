package dev.parley.search.internal;

/** The names of the index fields of a message: one place for the mapping and the queries. */
public final class MessageFields {

    /** The index of messages. */
    public static final String INDEX = "message";

    /** The text, English-analysed (stemmed): words match here. */
    public static final String TEXT = "text";

    /** The text again as edge n-grams of each word: the word being typed matches here as a prefix. */
    public static final String TEXT_PREFIX = "text_prefix";

    /**
     * The text again as pairs of neighbouring words, stemmed as in {@link #TEXT}: a phrase of two or more words is
     * looked up here.
     */
    public static final String TEXT_PAIRS = "text_pairs";

    /**
     * The distinct words of the text, folded but not stemmed, as keywords: in OpenSearch only, where the words that
     * start with the word being typed are listed from it ({@link WordList}).
     */
    public static final String WORDS = "words";

    /**
     * The message's id again, as a field of its own (the document id is Hibernate Search's): the catch-up finds a
     * message's document by it in the committed index, which it reads with Lucene alone.
     */
    public static final String ID = "id";

    /**
     * The room version of the message's latest change (see {@code Message}): the catch-up compares it with the database
     * to tell whether the index holds the message as it now is.
     */
    public static final String VERSION = "version";

    /** The room's id, for the permission filter and the room scope. */
    public static final String ROOM = "room";

    /** The author's user id. */
    public static final String AUTHOR = "author";

    /** The message's sequence number in its room, to open the room at it. */
    public static final String SEQ = "seq";

    /** When it was posted: sortable, and filtered by {@code before:} and {@code after:}. */
    public static final String TIME = "time";

    /** The attached files' names (analysed like the text) and media types (keywords). */
    public static final String FILES = "files";

    public static final String FILE_NAME = FILES + ".name";
    public static final String FILE_TYPE = FILES + ".type";

    /**
     * Raised whenever the mapping or the analyzers change, so that an existing index built the old way is rebuilt at
     * start-up.
     */
    public static final int MAPPING_VERSION = 4;

    private MessageFields() {}
}
