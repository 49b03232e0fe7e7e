-- Running `serve` instances, so that `credsvc admin show` and the admin API
-- know how many answers to wait for when they ask every instance for its live
-- subscriber counts (db/live_query.hpp). An instance inserts its row once it
-- LISTENs on credsvc_queries, refreshes seen_at every heartbeat and deletes
-- the row when it stops. A row not refreshed for three heartbeats belongs to
-- an instance that died; each heartbeat removes rows a day old.
CREATE TABLE instances (
    id                text        PRIMARY KEY,
    host              text        NOT NULL,
    pid               integer     NOT NULL,
    started_at        timestamptz NOT NULL DEFAULT now(),
    seen_at           timestamptz NOT NULL DEFAULT now(),
    heartbeat_seconds integer     NOT NULL,
    CONSTRAINT instances_heartbeat_positive CHECK (heartbeat_seconds > 0)
);
