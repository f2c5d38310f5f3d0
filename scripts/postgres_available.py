"""Exit 0 when the PostgreSQL server of the given URL accepts connections, 1 otherwise."""

from __future__ import annotations

import sys

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo


def main(url: str) -> int:
    # The test database is created by the test runner; reaching the server is what counts.
    params = conninfo_to_dict(url)
    params["dbname"] = "postgres"
    try:
        psycopg.connect(make_conninfo(**params), connect_timeout=3).close()
    except psycopg.Error:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
