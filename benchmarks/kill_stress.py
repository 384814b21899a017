"""Kill a writer with SIGKILL during large writes, again and again; print what survived.

    python benchmarks/kill_stress.py [--kills 200] [--seed 1]

Each round a subprocess imports batches of employees into one dossier with a
tiny page cache (pages spill to the file before COMMIT) and kills itself at a
random SQLite step; then the dossier is opened as the program opens it.
Prints kills / journals left / refused / corrupt / lost: all but the first
two must be 0. (POSIX only.)
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from crash_writer import kill_round, next_batch  # noqa: E402

from kmo_reintegratie.store.dossier import Dossier  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    chooser = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="kmo-kill-"))
    path = folder / "stress.kmo"
    Dossier.create(path).close()
    journals = refused = corrupt = lost = 0
    started = time.perf_counter()
    for number in range(1, args.kills + 1):
        result = kill_round(path, next_batch(path), chooser.randint(5, 1500))
        journals += result.journal_left
        refused += result.refused is not None
        corrupt += result.corrupt
        lost += len(result.lost or [])
        if result.refused:
            print(f"  kill {number}: refused: {result.refused}")
        if number % 50 == 0:
            print(f"  {number} kills …", flush=True)
    seconds = time.perf_counter() - started
    print(f"kills {args.kills} / hot journals left {journals} / refused {refused} / "
          f"corrupt {corrupt} / lost commits {lost}  ({seconds:.0f} s; {path.stat().st_size // 1024} KiB)")
    return 0 if refused == corrupt == lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
