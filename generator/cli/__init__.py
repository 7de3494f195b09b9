"""The ``implkit`` command line: parse, call, print, exit code.

Exit codes: 0 done; 2 the input or the request is wrong (the message says what
and where); 1 an internal error (a bug: short message, traceback with --debug).

Heavy libraries (openpyxl, python-docx, cookiecutter, holidays) are imported
inside the commands that use them, so ``implkit --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

import click

from generator import __version__
from generator.errors import ImplkitError, InputError
from generator.i18n import _, default_language, set_language


class ImplkitGroup(click.Group):
    """A click group that turns our errors into messages and exit codes.

    Each command's module is imported when that command is asked for (``implkit new``
    imports the ``new`` command's module only); listing the commands (``--help``, or
    reading :attr:`commands`) imports them all."""

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        """Every command, their modules imported first (as they are while registering)."""
        if not _registering:
            _register()
        return self._commands

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._commands = value

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        _register(cmd_name)
        return self._commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug"))
        # each command picks its language (--lang or the kit's project.yaml); start from
        # $IMPLKIT_LANG or English so one command's language never leaks into the next
        set_language(default_language())
        try:
            from generator.workspace.scratch import private_scratch

            # temporary, cache and config files of every library in the run's own folder,
            # removed when the command ends: nothing under HOME, nothing left in TMPDIR
            with private_scratch():
                return super().invoke(ctx)
        except InputError as err:
            if debug:
                raise
            _print_input_error(err)
            ctx.exit(2)
        except ImplkitError as err:
            if debug:
                raise
            click.echo(_("Error: {error}").format(error=err), err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            if debug:
                raise
            click.echo(_("Interrupted (Ctrl-C); the kit was left as it was."), err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # the reader went away (`implkit packs list | head`): a normal end, not a bug
            _silence_stdout()
            ctx.exit(0)
        except OSError as err:  # permission, disk full, path too long: the user's to fix
            if debug or err.errno is None:
                raise
            from generator.errors import os_error

            _print_input_error(os_error(err))
            ctx.exit(2)
        except Exception as err:  # a bug: short message, traceback only with --debug
            if debug:
                raise
            click.echo(
                _("Internal error: {kind}: {error}").format(kind=type(err).__name__, error=err)
                + "\n"
                + _(
                    "This is a bug in implkit. Run again with --debug for the traceback "
                    "and report it."
                ),
                err=True,
            )
            ctx.exit(1)


def _terminate_as_interrupt() -> None:
    """SIGTERM (a closed terminal, `kill`, a CI timeout) rolls back like Ctrl-C (exit 130).

    Without this the process would end on the spot and leave the rollback of a
    half-installed kit to the next run (which still does it, from the journal).
    """
    import signal

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError, OSError, AttributeError):  # not the main thread
        signal.signal(signal.SIGTERM, interrupt)


def _tolerant_console() -> None:
    """Never fail on printing: characters a console cannot show become escapes.

    A Windows console or a redirected stream in code page 1252 cannot encode
    Chinese; without this the summary of a finished build would crash (exit 1).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a detached or closed stream
                reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit-time flush does not fail on the closed pipe."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _print_input_error(err: InputError) -> None:
    count = len(err.problems)
    for problem in err.problems:
        click.echo(str(problem), err=True)
    if count > 1:
        click.echo(_("{n} problems found; nothing was written.").format(n=count), err=True)
    else:
        click.echo(_("Nothing was written."), err=True)


@click.group(cls=ImplkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="implkit")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def cli(debug: bool) -> None:
    """implkit: turn an industry know-how pack into a ready project kit.

    \b
    Start here:
      implkit packs list                     the built-in industry packs
      implkit new manufacturing --out demo   a complete project kit
      implkit build demo                     rebuild after editing demo/project.yaml
    """


# the module(s) of generator/cli/ that register each command; `site` and `wiki` add
# themselves to the `packs` group (tests/test_cli_commands.py holds this table complete)
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "packs": ("packs", "site", "wiki"),
    "plan": ("documents",),
    "migration": ("documents",),
    "curriculum": ("training",),
    "charter": ("training",),
    "new": ("project",),
    "build": ("project",),
    "export": ("export",),
    "status": ("status",),
    "baseline": ("status",),
    "lessons": ("lessons",),
    "evaluate": ("evaluate",),
    "portfolio": ("portfolio",),
    "import": ("trackers",),
    "timesheets": ("trackers",),
    "outdated": ("outdated",),
}
_registered: set[str] = set()
_registering: list[str] = []  # the module registering now (add_command reads commands)


def _register(command: str | None = None) -> None:
    """Attach the sub-commands (``command``'s only, when given); each lives in its own
    module, imported here once."""
    from importlib import import_module

    if command is None:
        wanted = [m for names in COMMAND_MODULES.values() for m in names]
    else:
        wanted = list(COMMAND_MODULES.get(command, ()))
    for module_name in dict.fromkeys(wanted):
        if module_name in _registered:
            continue
        _registered.add(module_name)
        _registering.append(module_name)
        try:
            import_module(f"generator.cli.{module_name}").register(cli)
        finally:
            _registering.pop()


def main() -> None:
    """Console-script entry point."""
    _tolerant_console()
    _terminate_as_interrupt()
    _collect_for_one_command()
    cli.main(prog_name="implkit", standalone_mode=True)
    sys.exit(0)


def _collect_for_one_command() -> None:
    """Tune the cyclic garbage collector for a process that runs one command and exits.

    A command creates a hundred thousand long-lived objects (pack models and their
    schemas, the Kit, documents); with the default thresholds the collector walks them
    over and over (about 0.2 s CPU of ``new``) and twice more at exit, where the memory
    goes back to the system whole. Young collections now come every 50,000 allocations
    instead of 700 (cycles wait a few MB at most; at 10,000 the collector still took
    0.11-0.16 s of ``new``, at 50,000 0.08-0.11 s, with 5 MB less peak memory: fewer
    objects outlive a collection and move to the older generations), and what is left at
    exit is frozen, out of the collector's reach (files are closed by then: every write
    is atomic).
    """
    import atexit
    import gc

    gc.set_threshold(50_000, 10, 10)
    atexit.register(gc.freeze)
