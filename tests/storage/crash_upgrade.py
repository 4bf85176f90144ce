"""Test helper, run as its own process: open databases with ``Database.open``, killed mid-upgrade.

Reads lines ``URL N`` from stdin. For each it forks a child that counts every SQL statement sent
by any engine (an ``after_cursor_execute`` listener on :class:`sqlalchemy.Engine`) and kills
itself with SIGKILL right after the N-th — no cleanup, no rollback, as a crash or a power switch
(for the file: a kill leaves what the operating system already has). It answers one line per
request: ``killed`` (statement N was reached) or ``done`` (the open finished in fewer statements),
or ``error …``. Forking from one warm process keeps a kill at every statement cheap.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback

import alembic.command  # noqa: F401  (imported once, before forking)
from sqlalchemy import Engine, event

from kimdesk.storage.base import load_model_modules
from kimdesk.storage.database import Database


def _open_and_die_after(url: str, statement: int) -> None:
    count = 0

    def after_cursor_execute(*_args: object) -> None:
        nonlocal count
        count += 1
        if count == statement:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "after_cursor_execute", after_cursor_execute)
    Database.open(url).close()


def main() -> None:
    load_model_modules()
    Database.revisions()
    for line in sys.stdin:
        url, statement = line.rsplit(maxsplit=1)
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                _open_and_die_after(url, int(statement))
            except BaseException:
                traceback.print_exc()
                code = 3
            sys.stderr.flush()
            os._exit(code)
        _pid, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            print("killed", flush=True)
        elif os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
            print("done", flush=True)
        else:
            print(f"error {status}", flush=True)


if __name__ == "__main__":
    main()
