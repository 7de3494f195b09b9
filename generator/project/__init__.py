"""ProjectSpec: the answers about one client project, their defaults and validation.

The answers come from project.yaml (:func:`load_project`), from command-line
options (:mod:`generator.workspace.answers`) or from code. Every answer has a default;
the defaults that depend on the pack (systems, country, currency, the project
name) and on the calendar (the start date) are filled by
:meth:`ProjectSpec.resolved`, which also checks the answers against the pack.

``--set KEY=VALUE`` overrides use dotted keys into the spec
(``day_rates.project-manager=4000``, ``users=800``); see :func:`apply_overrides`.

The package: :mod:`.spec` (the answers and their defaults), :mod:`.read` (reading
project.yaml), :mod:`.overrides` (``--set``), :mod:`.values` (checks on single answers)
and :mod:`.yaml_text` (writing project.yaml). Import from ``generator.project``, which
re-exports its names.
"""

from __future__ import annotations

from generator.project.overrides import apply_overrides
from generator.project.read import (
    MAX_DESCRIBED,
    describe_errors,
    load_project,
    parse_project,
    read_answers,
    spec_from_data,
)
from generator.project.spec import (
    DEFAULT_CLIENT,
    PROJECT_FILE,
    DayEntry,
    ProjectSpec,
    default_start,
    make_slug,
)

__all__ = [
    "DEFAULT_CLIENT",
    "MAX_DESCRIBED",
    "PROJECT_FILE",
    "DayEntry",
    "ProjectSpec",
    "apply_overrides",
    "default_start",
    "describe_errors",
    "load_project",
    "make_slug",
    "parse_project",
    "read_answers",
    "spec_from_data",
]
