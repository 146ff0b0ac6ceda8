"""Fuzzing the scenario loader: mutated files of every format either load or are refused with
the package's own error (an :class:`~accord.errors.AccordError`, which the command line shows
as located messages with exit status 2), each within 2 seconds.

The files come from :mod:`tests.unit.scenario.mutate` (seeded: a failure names the seed that
reproduces it, ``mutant(seed)``). The default run feeds 500 files; the ``slow`` run 10,000.
Time is CPU time of this process, so that a loaded machine does not fail the test.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from accord.errors import AccordError
from accord.scenario import yamlevents
from accord.scenario.files import read_file
from tests.unit.scenario.mutate import mutant, seeds

LIMIT_S = 2.0


def _feed(tmp_path: Path, first: int, count: int, group: int | None = None) -> dict[str, int]:
    """Load mutants ``first`` .. ``first + count - 1`` (of seed file group ``group``, else of
    any); counts of loaded and refused files."""
    counts = {"loaded": 0, "refused": 0}
    for seed in range(first, first + count):
        suffix, data = mutant(seed, group)
        path = tmp_path / f"m{seed}{suffix}"
        path.write_bytes(data)
        start = time.process_time()
        try:
            read_file(path)
            counts["loaded"] += 1
        except AccordError as exc:
            assert str(exc), f"seed {seed}: an error without a message"
            counts["refused"] += 1
        except Exception as exc:  # pragma: no cover - what the test is for
            raise AssertionError(f"seed {seed}: {type(exc).__name__}: {exc}") from exc
        finally:
            path.unlink()
        took = time.process_time() - start
        assert took < LIMIT_S, f"seed {seed}: took {took:.2f} s (limit {LIMIT_S} s)"
    return counts


def test_seed_files_load(tmp_path: Path) -> None:
    """The unmutated seeds are valid, so that mutants test more than refusals."""
    for k, (suffix, text) in enumerate(kind for group in seeds() for kind in group):
        path = tmp_path / f"seed{k}{suffix}"
        path.write_text(text, encoding="utf-8")
        assert read_file(path).scenarios


@pytest.mark.parametrize("chunk", range(5))
def test_mutants_load_or_are_refused(tmp_path: Path, chunk: int) -> None:
    counts = _feed(tmp_path, chunk * 100, 100)
    assert counts["loaded"] + counts["refused"] == 100
    assert counts["refused"] > 0


def test_mutants_with_the_pure_python_yaml_parser(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, ruamel.yaml's parser reads YAML: it too is bounded (small scenarios
    only: it takes about a second for a built-in case)."""
    monkeypatch.setattr(yamlevents, "_C_LOADER", None)
    assert not yamlevents.fast_parser()
    counts = _feed(tmp_path, 50_000, 60, group=1)
    assert counts["refused"] > 0


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(20))
def test_many_mutants_load_or_are_refused(tmp_path: Path, chunk: int) -> None:
    counts = _feed(tmp_path, 100_000 + chunk * 500, 500)
    assert counts["loaded"] + counts["refused"] == 500
