#!/bin/sh
# Installs the bench's Python peer (cqlengine, from the DataStax Python driver) for /usr/bin/python3.
# The Debian package python3-cassandra carries cassandra.cqlengine, so no PyPI access is needed.
# Exit 0 when the peer is importable afterwards; 1 (with how to install it) when it is not.
set -u
PYTHON="${CASSIA_BENCH_PYTHON:-/usr/bin/python3}"

peer_ready() {
  "$PYTHON" -c 'import cassandra.cqlengine.management' >/dev/null 2>&1
}

if peer_ready; then
  echo "python peer: cassandra.cqlengine is importable by $PYTHON" >&2
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "python peer: installing python3-cassandra with apt-get" >&2
  apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-cassandra >&2
  if peer_ready; then
    echo "python peer: installed" >&2
    exit 0
  fi
fi

cat >&2 <<HELP
python peer: cassandra.cqlengine is not importable by $PYTHON, so the bench skips the cqlengine rows.
Install it with one of:
  sudo apt-get install python3-cassandra            (Debian/Ubuntu, for /usr/bin/python3)
  $PYTHON -m pip install cassandra-driver           (where PyPI is reachable)
or point CASSIA_BENCH_PYTHON at a python that has it.
HELP
exit 1
