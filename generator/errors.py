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
