package dev.parley.search;

/** What builds the whole index: {@link IndexCatchUp} for the embedded one, {@link SharedIndexBuild} in OpenSearch. */
interface IndexBuilder {

    /** The index's state and its current or last build. */
    IndexStatus status();

    /** Builds the whole index again; nothing happens while a build is under way. */
    void requestRebuild();
}
