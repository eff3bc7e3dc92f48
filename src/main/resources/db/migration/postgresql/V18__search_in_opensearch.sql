-- The message index in OpenSearch (parley.search.opensearch.url), which the nodes of a cluster share. Unused while the
-- index is embedded.

-- Hibernate Search's outbox-polling coordination (its entities, which Hibernate validates): a transaction that changes
-- messages adds what to index to the outbox in the same commit; the nodes' event processors (agents) share the events
-- out, index each once, and delete it. A node that dies after its commit leaves its events for the others.
CREATE TABLE hsearch_outbox_event (
    id             UUID         NOT NULL PRIMARY KEY,
    entity_name    VARCHAR(256) NOT NULL,
    entity_id      VARCHAR(256) NOT NULL,
    entity_id_hash INTEGER      NOT NULL,
    payload        BYTEA        NOT NULL,
    retries        INTEGER      NOT NULL,
    process_after  BIGINT       NOT NULL,
    status         VARCHAR(255) NOT NULL CHECK (status IN ('PENDING', 'ABORTED')),
    tenant_id      VARCHAR(255)
);
CREATE INDEX hsearch_outbox_event_process_after ON hsearch_outbox_event (process_after);

CREATE TABLE hsearch_agent (
    id                   UUID         NOT NULL PRIMARY KEY,
    type                 VARCHAR(255) NOT NULL CHECK (type IN ('EVENT_PROCESSING_DYNAMIC_SHARDING',
                                                               'EVENT_PROCESSING_STATIC_SHARDING', 'MASS_INDEXING')),
    name                 VARCHAR(255) NOT NULL,
    expiration           BIGINT       NOT NULL,
    state                VARCHAR(255) NOT NULL CHECK (state IN ('RUNNING', 'WAITING', 'SUSPENDED')),
    total_shard_count    INTEGER,
    assigned_shard_index INTEGER,
    payload              BYTEA,
    tenant_id            VARCHAR(255)
);

-- The one build of the whole index that the cluster runs at a time (SharedIndexBuild): requested (at start-up when the
-- index is missing, or from the Administration page), claimed by one node, which counts its progress and beats its
-- heart here while it builds; ready once built, for the mapping version built. Every node reads it to know whether
-- search can answer. A build whose node stopped beating is taken over by another.
CREATE TABLE search_index_build (
    id           SMALLINT     NOT NULL PRIMARY KEY CHECK (id = 1),
    state        VARCHAR(16)  NOT NULL CHECK (state IN ('REQUESTED', 'BUILDING', 'READY', 'FAILED')),
    mapping      INTEGER      NOT NULL,
    node         VARCHAR(100),
    total        BIGINT       NOT NULL DEFAULT 0,
    indexed      BIGINT       NOT NULL DEFAULT 0,
    started_at   BIGINT,
    heartbeat_at BIGINT,
    finished_at  BIGINT,
    failure      VARCHAR(500)
);
