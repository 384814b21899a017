"""Random input on the real window (scripts/random_input.py), briefly, for two fixed seeds.

Each seed runs ~25-30 s on a 2-core machine in its own process, so a native crash fails
this test instead of ending the whole suite. Any exception, Qt critical message, native
crash, hang or damaged dossier fails it; the runner's report (with the command that
replays the failure) is shown. Long campaigns are run by hand, for example
``python scripts/random_input.py --seed 1 --seed 2 --seed 3 --seed 4 --seconds 240 --jobs 2``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[1] / "scripts" / "random_input.py"
# Seed and action count: ~25-30 s of input each on the 2-core development machine.
RUNS = ((20261, 1700), (20262, 1700))


@pytest.mark.parametrize(("seed", "actions"), RUNS)
def test_random_input_finds_nothing(seed: int, actions: int, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               KMO_REINTEGRATIE_HOME=str(tmp_path / "home"))
    completed = subprocess.run(
        [sys.executable, str(RUNNER), "--seed", str(seed), "--actions", str(actions),
         "--log", str(tmp_path / "acties.log"), "--work-dir", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    output = completed.stdout + completed.stderr
    print(output)
    assert completed.returncode == 0, f"random input found problems (seed {seed}):\n{output}"
    figures = (f"actions {actions} / exceptions 0 (distinct 0) / native crashes 0 "
               "/ integrity problems 0")
    assert figures in output, output


@pytest.mark.parametrize(
    ("inject", "expected"),
    [
        ("exception@10", ("exceptions 1 (distinct 1)", "ValueError [runner]: injected at action 10",
                          "replay: python scripts/random_input.py --seed 5 --actions 10")),
        ("crash@10", ("native crashes 1", "died by SIGSEGV after action 10",
                      "Fatal Python error: Segmentation fault")),
    ],
)
def test_the_runner_reports_what_it_finds(inject: str, expected: tuple[str, ...],
                                          tmp_path: Path) -> None:
    """A runner that cannot see a failure passes for the wrong reason: inject one."""
    completed = subprocess.run(
        [sys.executable, str(RUNNER), "--seed", "5", "--actions", "30", "--inject", inject,
         "--work-dir", str(tmp_path)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True, text=True, timeout=300, check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    for text in expected:
        assert text in output, output
    assert "integrity problems 0" in output, output  # the parent checked after the crash
