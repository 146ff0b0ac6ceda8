"""``python -m tests.e2e.mc_procs ARGS...``: the real ``accord ARGS`` (e.g. ``mc ...``), with a
hook that freezes the process inside the transaction that stores the result.

Once the UPDATE that marks the run finished (with its payload) has been sent, but before it is
committed, the process prints ``UPDATED`` and sleeps, so that a test can SIGKILL it exactly
there.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _hang(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
    if statement.lstrip().upper().startswith("UPDATE RUNS"):
        print("UPDATED", flush=True)
        time.sleep(300)


if __name__ == "__main__":
    event.listen(Engine, "after_cursor_execute", _hang)
    from accord.cli import main

    sys.argv = ["accord", *sys.argv[1:]]
    main()
