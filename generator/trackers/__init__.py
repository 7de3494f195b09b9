"""Progress flows back from where the team works: Azure Boards, Jira, MS Project, timesheets.

``implkit import`` reads a tracker's export (:mod:`.detect` tells the format from the
content), turns every row into a :class:`~generator.trackers.model.TrackerItem` (one
parser a format: :mod:`.ado`, :mod:`.jira`, :mod:`.msproject`, :mod:`.timesheet_read`),
matches items to the kit's tasks by the identity the exports wrote (:mod:`.identity`,
:mod:`.idmap`), maps states to the kit's statuses (:mod:`.states`), lists every change
(:mod:`.changes`; a task deleted in MS Project: :mod:`.deleted`) and writes them through the kit's own rebuild (:mod:`.run`).

Nothing here writes a file of the kit by itself: the rebuild's install transaction does.
"""
