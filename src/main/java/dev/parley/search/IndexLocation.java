package dev.parley.search;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Where the message index is, for the beans that keep one kind of index only: embedded (Lucene under the data folder,
 * kept complete by {@link IndexCatchUp}), or in OpenSearch ({@code parley.search.opensearch.url}, built once for the
 * whole cluster by {@link SharedIndexBuild}).
 */
final class IndexLocation {

    private static final String URL = "parley.search.opensearch.url";

    private IndexLocation() {}

    private static boolean inOpenSearch(ConditionContext context) {
        return StringUtils.hasText(context.getEnvironment().getProperty(URL));
    }

    /** The index is Lucene's, in this process. */
    static final class Embedded implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !inOpenSearch(context);
        }
    }

    /** The index is in OpenSearch, shared by every node. */
    static final class InOpenSearch implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return inOpenSearch(context);
        }
    }
}
