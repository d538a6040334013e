"""The bench's Python peer: cqlengine's sync_table loop over the sync scenario's work.

The same models as bench/src/sync-models.ts (count models, composite keys, clustering order,
collections, an index on every fifth) synced with cqlengine's multi-connection API into the given
keyspaces (which must exist and be empty) on the given connections: first the creating sync, then
rounds that find nothing to change, then the same rounds each after its driver read the schema
afresh (refresh_schema_metadata on every connection, what a new process's connect reads, timed
with the loop: the one-shot peer of a plan that reads system_schema). Connecting is not timed (as on the Cassia side); each sync is
timed inside Python. Prints one JSON object on stdout, progress on stderr.

usage: cqlengine_sync.py --connection c1=127.0.0.1:9042 --connection c2=127.0.0.2:9042
                         --keyspace ks_a --keyspace ks_b [--models 20] [--rounds 3]
"""
import argparse
import json
import os
import sys
import time

# cqlengine warns on every management call unless schema management is allowed explicitly.
os.environ.setdefault("CQLENG_ALLOW_SCHEMA_MANAGEMENT", "1")

import cassandra  # noqa: E402
from cassandra.cqlengine import columns, connection, management  # noqa: E402
from cassandra.cqlengine.models import Model  # noqa: E402


def sync_models(count):
    """The models of bench/src/sync-models.ts, column for column (declaration order is key order)."""
    models = []
    for i in range(count):
        composite = i % 3 == 0
        attrs = {
            "__table_name__": "sync_model_%02d" % i,
            "id": columns.UUID(partition_key=True),
            # Partition key (id, bucket) with `at` clustering, or key id with bucket ASC, at DESC.
            "bucket": columns.Integer(partition_key=True) if composite else columns.Integer(primary_key=True),
            "at": columns.DateTime(primary_key=True, clustering_order="DESC"),
            "title": columns.Text(index=(i % 5 == 0)),
            "score": columns.Double(),
            "tags": columns.Set(columns.Text),
            "attributes": columns.Map(columns.Text, columns.Integer),
            "field_%d" % i: columns.BigInt() if i % 2 == 0 else columns.List(columns.Text),
        }
        models.append(type("SyncModel%02d" % i, (Model,), attrs))
    return models


def timed_loop(models, keyspaces, connections):
    """One application start: sync_table for each model over every keyspace and connection; milliseconds."""
    started = time.perf_counter()
    for model in models:
        management.sync_table(model, keyspaces=keyspaces, connections=connections)
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connection", action="append", required=True, help="name=host:port")
    parser.add_argument("--keyspace", action="append", required=True)
    parser.add_argument("--models", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    names = []
    for spec in args.connection:
        name, _, address = spec.partition("=")
        host, _, port = address.rpartition(":")
        connection.register_connection(name, hosts=[host], cluster_options={"port": int(port)})
        names.append(name)
    models = sync_models(args.models)
    tables = len(models) * len(args.keyspace) * len(names)
    try:
        first_ms = timed_loop(models, args.keyspace, names)
        print("cqlengine: first sync (%d tables) %.0f ms" % (tables, first_ms), file=sys.stderr)
        unchanged_ms = []
        for _ in range(args.rounds):
            unchanged_ms.append(timed_loop(models, args.keyspace, names))
        print("cqlengine: unchanged %s ms" % ", ".join("%.1f" % ms for ms in unchanged_ms), file=sys.stderr)
        fresh_ms = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            for name in names:
                connection.get_cluster(name).refresh_schema_metadata()
            fresh_ms.append((time.perf_counter() - started) * 1000 + timed_loop(models, args.keyspace, names))
        print("cqlengine: schema read afresh, then unchanged %s ms" % ", ".join("%.1f" % ms for ms in fresh_ms), file=sys.stderr)
        created = 0
        for name in names:
            keyspaces = connection.get_cluster(name).metadata.keyspaces
            created += sum(len(keyspaces[keyspace].tables) for keyspace in args.keyspace)
    finally:
        for name in names:
            connection.unregister_connection(name)
    json.dump(
        {
            "driver": cassandra.__version__,
            "python": sys.version.split()[0],
            "tables": tables,
            "tablesFound": created,
            "firstSyncMs": first_ms,
            "unchangedSyncMs": unchanged_ms,
            "freshUnchangedSyncMs": fresh_ms,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
