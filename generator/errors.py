"""Errors a user can act on.

Every problem with input names the file, the line and column, what is wrong and
what to write instead. :class:`InputError` carries all problems found in one
run; the command line prints them sorted and exits with code 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file. ``line``/``col`` are 1-based; 0 means unknown."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}: {self.message}"
        if not self.file:  # a problem with the request itself (an option), not a file
            return self.message
        return f"{self.file}: {self.message}"


class ImplkitError(Exception):
    """Base of the errors the command line turns into a message and an exit code."""

    exit_code = 1


class InputError(ImplkitError):
    """The input or the request is wrong (exit code 2). Holds every problem found."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", 0, 0, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: Path | str, line: int, col: int, message: str) -> InputError:
        return cls([Problem(str(path), line, col, message)])


def os_error(err: OSError, path: Path | str | None = None) -> InputError:
    """An :class:`InputError` (exit 2) for a file-system problem: the path and what to do.

    ``path`` defaults to ``err.filename``. Permission, read-only, disk-full,
    quota and too-long-path problems get their own advice; any other error
    the system's text. Windows' "file is open in another program" (winerror
    32/33) counts as a permission problem.
    """
    import errno

    from generator.i18n import _

    where = str(path if path is not None else (err.filename or ""))
    code = err.errno
    winerror = getattr(err, "winerror", None)
    in_use = winerror in (32, 33)  # Windows: the file is open in another program
    if isinstance(err, PermissionError) or code in (errno.EACCES, errno.EPERM) or in_use:
        advice = _(
            "cannot write or read here (permission denied, or the file is open in Excel, WPS or "
            "Word); close the file or make the folder writable, then run the command again"
        )
    elif code == errno.EROFS:
        advice = _("the disk or folder is read-only; choose a writable folder")
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        advice = _("the disk is full (or the quota is used up); free some space and run again")
    elif code == errno.ENAMETOOLONG or winerror == 206:
        advice = _("the path is too long for the file system; move the kit to a shorter folder")
    else:
        advice = _("{reason}; check the path and run again").format(
            reason=err.strerror or type(err).__name__
        )
    return InputError([Problem(where, 0, 0, advice)])
