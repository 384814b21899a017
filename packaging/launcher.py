"""Entry script of the frozen program: the same ``main`` as the ``kmo-reintegratie`` command.

The program starts no worker processes (no multiprocessing), so no freeze_support() is needed.
"""

import sys

from kmo_reintegratie.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
