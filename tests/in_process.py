"""A `panelwatch` command run in the test's own process, as the console script runs it:
:func:`scraper.cli.main` with its arguments, its exit code and its two streams.

A command in a process of its own spends about 0.7 s loading Python and panelwatch
before it starts; the command-line tests ran some 220 of them, over half of the suite's
time. Tests of what only a process of its own shows (signals, `run`, the console
script, what a command imports) still start one.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping

from click.testing import CliRunner

from scraper.cli import main


def panelwatch_in_process(
    *args: str, env: Mapping[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``panelwatch ARGS``; a crash (an exception :func:`main` does not report)
    is raised here, to fail the test with its traceback."""
    argv = [str(arg) for arg in args]
    with CliRunner().isolation(input=stdin, env=env) as (out, err, _):
        try:
            main(argv)
            code = 0
        except SystemExit as exit:
            code = _exit_code(exit)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return subprocess.CompletedProcess(
            ["panelwatch", *argv], code, out.getvalue().decode(), err.getvalue().decode()
        )


def _exit_code(exit: SystemExit) -> int:
    if exit.code is None:
        return 0
    if isinstance(exit.code, int):
        return exit.code
    sys.stderr.write(f"{exit.code}\n")  # sys.exit("message"), as Python reports it
    return 1
