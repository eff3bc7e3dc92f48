package dev.parley.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.hibernate.search.engine.backend.document.DocumentElement;
import org.hibernate.search.engine.backend.document.IndexFieldReference;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Searchable;
import org.hibernate.search.mapper.pojo.bridge.PropertyBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.PropertyBindingContext;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.PropertyBinder;
import org.hibernate.search.mapper.pojo.bridge.runtime.PropertyBridgeWriteContext;

/**
 * The field {@value MessageFields#WORDS} of an index in OpenSearch: the distinct words of a message's text, folded as
 * {@link MessageAnalysis#PLAIN} folds them, as keywords with doc values. OpenSearch cannot list the terms of a text
 * field, as the embedded index's prefix field is read; the words that start with what is being typed are listed from
 * this field's terms instead (a terms aggregation that enumerates them, with no document matched).
 */
public class WordList implements PropertyBinder {

    @Override
    public void bind(PropertyBindingContext context) {
        context.dependencies().useRootOnly();
        IndexFieldReference<String> words = context.indexSchemaElement()
                .field(
                        MessageFields.WORDS,
                        f -> f.asString().searchable(Searchable.NO).aggregable(Aggregable.YES))
                .multiValued()
                .toReference();
        context.bridge(String.class, new Words(words));
    }

    private static final class Words implements PropertyBridge<String> {

        private final IndexFieldReference<String> field;
        private final Analyzer plain = MessageAnalysis.create(MessageAnalysis.PLAIN);

        Words(IndexFieldReference<String> field) {
            this.field = field;
        }

        @Override
        public void write(DocumentElement target, String body, PropertyBridgeWriteContext context) {
            if (body == null) {
                return;
            }
            Set<String> words = new LinkedHashSet<>();
            try (TokenStream stream = plain.tokenStream(MessageFields.WORDS, body)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    words.add(term.toString());
                }
                stream.end();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the words of a message in memory", e);
            }
            words.forEach(word -> target.addValue(field, word));
        }
    }
}
