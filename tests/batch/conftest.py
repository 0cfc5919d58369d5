"""Cluster batch fixtures: one real LocalCluster (2 worker processes, 1 thread each) for the module, and
the real PostgreSQL server of tests/store/conftest.py (loaded from there, so it skips where it skips)."""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_spec = importlib.util.spec_from_file_location(
    "store_fixtures", Path(__file__).parents[1] / "store" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_store_fixtures = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _store_fixtures  # dataclasses look their module up while it runs
_spec.loader.exec_module(_store_fixtures)
pg_server = _store_fixtures.pg_server
pg_url = _store_fixtures.pg_url


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    import dask
    import distributed  # in the test extra: a missing install fails here rather than skipping

    from stance_reader.services.cluster_batch import LOCAL_CONFIG

    # As run_batch's own local cluster: no sampling profiler.
    with dask.config.set(LOCAL_CONFIG), distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
    ) as cluster, distributed.Client(cluster) as client:  # fmt: skip
        yield client
