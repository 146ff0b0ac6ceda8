"""The Dask backend gives the same document as the serial and pool backends."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from accord.bargaining import BargainOptions
from accord.errors import AccordError, UsageError
from accord.uncertainty import (
    DaskCluster,
    McSettings,
    ProcessPool,
    Serial,
    monte_carlo,
)
from tests.conftest import cli
from tests.helpers import configured, mc_json
from tests.unit.uncertainty.cases import TALKS, talks

pytestmark = pytest.mark.slow  # a Dask cluster

distributed = pytest.importorskip("distributed")

SETTINGS = McSettings(draws=500, seed=9, models=(configured("compromise"), configured("median"),
                                                configured("eum", None, {"rounds": 4})),
                      bargain=BargainOptions(horizon=24), chunk=120)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A small local Dask cluster (threads in this process; its scheduler listens on TCP)."""
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None, protocol="tcp://",
                                       host="127.0.0.1")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_serial_pool_and_dask_give_identical_documents(scheduler: str) -> None:
    docs = [mc_json(monte_carlo(talks(), SETTINGS, backend))
            for backend in (Serial(), ProcessPool(2), DaskCluster(scheduler))]
    assert docs[0] == docs[1] == docs[2]


def test_the_command_line_on_a_dask_cluster(scheduler: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "talks.yaml"
    path.write_text(TALKS)
    args = ["mc", path, "--draws", "300", "--seed", "4", "-m", "compromise", "--no-store",
            "-f", "json", "--horizon", "24"]
    local = cli(*args, "--workers", "1")
    remote = cli(*args, "--scheduler", scheduler)
    assert local.returncode == 0 and remote.returncode == 0, remote.stderr
    assert json.loads(local.stdout) == json.loads(remote.stdout)
    assert "Dask cluster" in remote.stderr


def test_a_bad_or_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(AccordError, match="cannot reach the Dask scheduler"):
        list(DaskCluster("tcp://127.0.0.1:9", timeout=2).results(None, [0]))  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        DaskCluster("  ")
