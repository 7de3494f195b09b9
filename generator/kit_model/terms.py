"""The Kit's vocabulary: languages, link types, training tiers and delivery modes,
migration kinds and the anchor dates a task can carry."""

from __future__ import annotations

from typing import Literal

from generator.i18n import DC_, TextTable

Lang = Literal["en", "zh"]
LinkType = Literal["FS", "SS"]
Tier = Literal["basic", "advanced", "self-support"]
DeliveryMode = Literal["online-recorded", "offline-hands-on", "self-service"]
MigrationKind = Literal["configuration", "master", "transactional", "balance", "history"]
Mandatory = Literal["yes", "no", "conditional"]

TIERS: tuple[Tier, ...] = ("basic", "advanced", "self-support")
TIER_NAMES = TextTable(
    {
        "basic": DC_("training tier", "Basic operations"),
        "advanced": DC_("training tier", "Advanced application"),
        "self-support": DC_("training tier", "Self-support"),
    }
)


# Names of the anchor dates a pack's tasks can carry (``anchor:`` on a task).
ANCHORS: tuple[str, ...] = (
    "kickoff",
    "prototype-signoff",  # signed prototype confirmation; the freeze starts after it
    "development-start",  # formal development; the freeze window ends here
    "mock-load-1",
    "mock-load-2",
    "train-the-trainer",  # the train-the-trainer window
    "key-user-training",  # the key-user training window, before UAT
    "dress-rehearsal",
    "training",  # the end-user training window (task start..finish)
    "uat",
    "cutover",
    "go-live",
    "hypercare-end",
    "evaluation",
)
