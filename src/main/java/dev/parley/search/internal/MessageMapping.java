package dev.parley.search.internal;

import dev.parley.files.StoredFile;
import dev.parley.messages.Message;
import org.hibernate.search.engine.backend.types.Searchable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmMappingConfigurationContext;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmSearchMappingConfigurer;
import org.hibernate.search.mapper.pojo.automaticindexing.ReindexOnUpdate;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.ProgrammaticMappingConfigurationContext;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.TypeMappingStep;

/**
 * How a {@link Message} becomes a document of the search index. Programmatic rather than annotations on the entity, so
 * that the messages feature knows nothing of search (search depends on messages, never the other way), and the mapping,
 * its analyzers and the queries that rely on it sit together here.
 *
 * <p>Nothing is stored but the id: a search reads its hits' rows from the database by id, which costs less than
 * decompressing a block of stored documents per hit. The id and the message's version are also doc values, which the
 * catch-up reads to tell what the index holds.
 *
 * <p>The files are mapped with shallow reindexing: a file changes only by being attached (a bulk update, which the ORM
 * listeners do not see) or deleted with its message, so {@code SearchIndex} reindexes a message explicitly once its
 * files are attached, and no inverse association from files back to messages is needed.
 */
public class MessageMapping implements HibernateOrmSearchMappingConfigurer {

    private final String index;
    private final boolean inOpenSearch;

    /** The mapping of the embedded index, named {@value MessageFields#INDEX} (its folder under the data folder). */
    public MessageMapping() {
        this(MessageFields.INDEX, false);
    }

    /**
     * The mapping of an index of that name.
     *
     * @param inOpenSearch whether the index is in OpenSearch, which several Parleys may share: its documents also hold
     *     their words as keywords ({@link WordList})
     */
    public MessageMapping(String index, boolean inOpenSearch) {
        this.index = index;
        this.inOpenSearch = inOpenSearch;
    }

    @Override
    public void configure(HibernateOrmMappingConfigurationContext context) {
        ProgrammaticMappingConfigurationContext mapping = context.programmaticMapping();
        TypeMappingStep message = mapping.type(Message.class);
        message.indexed().index(index).routingBinder(new DeletedMessagesNotIndexed());
        message.property("body")
                .fullTextField(MessageFields.TEXT)
                .analyzer(MessageAnalysis.ENGLISH)
                .fullTextField(MessageFields.TEXT_PREFIX)
                .analyzer(MessageAnalysis.PREFIX)
                .searchAnalyzer(MessageAnalysis.PLAIN)
                .fullTextField(MessageFields.TEXT_PAIRS)
                .analyzer(MessageAnalysis.PAIRS);
        if (inOpenSearch) {
            message.property("body").binder(new WordList());
        }
        // Read by the catch-up from the committed index, as doc values: a message's document is found by its id,
        // and its version says whether it is current. Every change moves the version, a reaction too, so each is
        // indexed again.
        message.property("id").genericField(MessageFields.ID).sortable(Sortable.YES);
        message.property("version")
                .genericField(MessageFields.VERSION)
                .searchable(Searchable.NO)
                .sortable(Sortable.YES);
        message.property("roomId").genericField(MessageFields.ROOM);
        message.property("authorId").genericField(MessageFields.AUTHOR);
        message.property("seq").genericField(MessageFields.SEQ).sortable(Sortable.YES);
        message.property("createdAt").genericField(MessageFields.TIME).sortable(Sortable.YES);
        message.property("files")
                .indexedEmbedded(MessageFields.FILES)
                .includePaths("name", "type")
                .indexingDependency()
                .reindexOnUpdate(ReindexOnUpdate.SHALLOW);

        TypeMappingStep file = mapping.type(StoredFile.class);
        file.property("name")
                .fullTextField("name")
                .analyzer(MessageAnalysis.FILE_NAME)
                .searchAnalyzer(MessageAnalysis.ENGLISH);
        file.property("mediaType").keywordField("type");
    }
}
