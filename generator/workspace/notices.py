"""Where a command's notices go: a recovered interrupted run, a workbook open in Excel,
an output file name Office may refuse.

The CLI prints them on stderr as they happen; a caller of :mod:`generator.api` passes its
own :data:`Notice` to collect them, or lets :func:`no_notice` drop them. A module of its
own so that the command modules can name it without loading the install machinery.
"""

from __future__ import annotations

from collections.abc import Callable

Notice = Callable[[str], None]
"""Called with each notice, in the language of the messages."""


def no_notice(_message: str) -> None:
    """The default :data:`Notice`: drop the message."""
