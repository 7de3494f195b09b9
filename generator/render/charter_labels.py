"""The project charter's texts (headings, labels, ceremony cadences, weekdays), from
the deliverables catalogue."""

from __future__ import annotations

from generator.i18n import D_, DC_, TextTable

LABELS = TextTable(
    {
        "title": D_("Project charter"),
        "kicker": D_("Project charter"),
        "subject": D_("Project charter: objectives, scope, governance, timeline, risks, sign-off"),
        "category": D_("Project charter"),
        "client": DC_("client name", "Client"),
        "project": D_("Project"),
        "systems": D_("Systems"),
        "strategy": D_("Go-live strategy"),
        "big-bang": D_("Big bang"),
        "phased": D_("Phased"),
        "sites": DC_("charter", "Sites"),
        "users": DC_("charter", "Users"),
        "start": DC_("charter", "Start"),
        "go_live": D_("Go-live"),
        "finish": DC_("charter", "Finish"),
        "pack": D_("Know-how pack"),
        "author": D_("Prepared by"),
        "objectives": D_("Purpose and objectives"),
        "purpose": D_(
            "This charter authorises the project {project} for {client}: the implementation of {systems}, following the {pack} method. It states what the project will achieve, what it covers, who decides, and the dates the team commits to."
        ),
        "obj_go_live": D_("Go live with {systems} on {date} ({strategy}) for {users} at {sites}."),
        "obj_go_live_waves": D_(
            "Go live with {systems} in {waves} ({strategy}): {pilot} on {date}, the last wave on {last}; {users} at {sites} in all."
        ),
        "obj_finish": D_("Complete the plan by {date}, hypercare included."),
        "obj_key_node": D_("{gate}: signed by {roles} on or before {date}."),
        "obj_freeze": D_(
            "Freeze requirements from {start} to {end}; every change after the freeze goes to the change control board."
        ),
        "obj_training": D_(
            "Train every user in three tiers (basic operations, advanced application, self-support) between {start} and {end} (the first go-live's users), after user acceptance testing and shortly before their go-live."
        ),
        "obj_migration": D_(
            "Migrate {count} in {waves}, each reconciled and signed off by its data owner."
        ),
        "obj_evaluation": D_(
            "Measure the result at the post-project evaluation ({date}): planned versus actual cost, effort and resource utilisation, and customer satisfaction (NPS)."
        ),
        "obj_evaluation_nodate": D_(
            "Measure the result at the post-project evaluation: planned versus actual cost, effort and resource utilisation, and customer satisfaction (NPS)."
        ),
        "key_nodes": D_("Closed-loop control of the key nodes"),
        "scope": DC_("charter", "Scope"),
        "scope_systems": D_("Systems and modules"),
        "scope_phases": D_("Phases"),
        "phase": D_("Phase"),
        "description": D_("Description"),
        "tasks": D_("Tasks"),
        "scope_data": D_("Data migration"),
        "scope_data_text": D_("{count} data objects in derived load order: {names}."),
        "scope_training": DC_("charter", "Training"),
        "scope_training_text": D_(
            "{courses} courses for {audiences} audiences, {sessions} scheduled sessions."
        ),
        "item": D_("Item"),
        "value": DC_("content", "Value"),
        "governance": D_("Governance"),
        "steering": D_("Steering committee"),
        "steering_text": D_(
            "Sets direction, approves phase gates and decides escalated issues, scope and budget changes."
        ),
        "ccb": D_("Change control board (CCB)"),
        "ccb_text": D_(
            "Decides every change request after the requirements freeze: impact on scope, schedule and cost, then approve, defer or reject."
        ),
        "meets": D_("Meets"),
        "chair": D_("Chair"),
        "members": D_("Members"),
        "roles": D_("Project roles"),
        "role": D_("Role"),
        "side": D_("Side"),
        "vendor": D_("Vendor"),
        "client_side": D_("Client"),
        "joint": D_("Joint"),
        "jwg": D_("Joint working group"),
        "jwg_text": D_(
            "The business names a dedicated interface person for each department. Interface persons join the weekly cross-department sync, collect their department's requirements, and sign its decisions."
        ),
        "department": D_("Department"),
        "interface": DC_("charter", "Interface person"),
        "interest": D_("Interest"),
        "influence": D_("Influence"),
        "engagement": D_("Engagement"),
        "jwg_missing_label": D_("To name their interface person before kickoff"),
        "timeline": D_("Timeline and milestones"),
        "timeline_text": D_(
            "The project runs from {start} to {finish}; go-live is planned for {go_live}."
        ),
        "milestones": D_("Milestones"),
        "date": D_("Date"),
        "milestone": D_("Milestone"),
        "kind": D_("Type"),
        "gate": DC_("charter", "Quality gate"),
        "key_node": D_("Key-node gate"),
        "plain_milestone": D_("Milestone"),
        "signoff": D_("Sign-off"),
        "freeze": D_("Requirements freeze"),
        "freeze_rule": D_(
            "No requirement changes in the {days} days before formal development starts. The prototype is demonstrated and its confirmation signed ({signoff_task}, {signoff_date}) before the freeze. From {start} to {end} requirements are frozen; development starts on {dev_date} ({dev_task}). After the freeze, the change control board decides every change."
        ),
        "freeze_none": D_("No requirements freeze window is scheduled in this plan."),
        "freeze_start": D_("Freeze starts"),
        "freeze_end": D_("Freeze ends"),
        "prototype": D_("Prototype sign-off"),
        "development": D_("First development day"),
        "development_milestone": D_("Development-start milestone in the plan (end of day)"),
        "gates": D_("Quality gates and sign-off criteria"),
        "entry": DC_("charter", "Entry criteria"),
        "exit": DC_("charter", "Exit criteria"),
        "risks": D_("Top risks"),
        "risks_text": D_(
            "The {count} highest-scoring risks (likelihood × impact, 1-5 each) of {total} in the register."
        ),
        "risk": D_("Risk"),
        "likelihood": D_("L"),
        "impact": D_("I"),
        "score": D_("Score"),
        "owner": D_("Owner"),
        "trigger": D_("Trigger"),
        "mitigation": D_("Mitigation"),
        "communication": D_("Communication plan"),
        "meeting": D_("Meeting"),
        "purpose_col": D_("Purpose"),
        "cadence": D_("Cadence"),
        "when": D_("When"),
        "attendees": DC_("charter", "Attendees"),
        "period": D_("Period"),
        "approval": D_("Sign-off"),
        "approval_text": D_(
            "By signing, the sponsor and both project managers accept this charter: its objectives, scope, governance and dates. Changes after signature go through the change control board."
        ),
        "name": DC_("person", "Name"),
        "signature": D_("Signature"),
        "sponsor": D_("Project sponsor"),
        "client-project-manager": D_("Client project manager"),
        "project-manager": D_("Vendor project manager"),
        "steering-committee": D_("Steering committee"),
        "none": D_("None"),
    }
)

CADENCE = TextTable(
    {
        "daily": D_("Daily"),
        "weekly": D_("Weekly"),
        "biweekly": D_("Every two weeks"),
        "monthly": D_("Monthly"),
    }
)
WEEKDAYS = TextTable(
    {
        0: D_("Monday"),
        1: D_("Tuesday"),
        2: D_("Wednesday"),
        3: D_("Thursday"),
        4: D_("Friday"),
        5: D_("Saturday"),
        6: D_("Sunday"),
    }
)
