"""The training curriculum's texts (headings, labels, delivery modes, methods, kinds of
self-support resource), from the deliverables catalogue."""

from __future__ import annotations

from generator.i18n import D_, DC_, TextTable

LABELS = TextTable(
    {
        "title": D_("Three-tier training curriculum"),
        "kicker": D_("Training curriculum"),
        "subject": D_("Training curriculum: basic operations, advanced application, self-support"),
        "category": D_("Training curriculum"),
        "client": DC_("client name", "Client"),
        "project": D_("Project"),
        "systems": D_("Systems"),
        "window": D_("Training window"),
        "go_live": D_("Go-live"),
        "pack": D_("Know-how pack"),
        "author": D_("Prepared by"),
        "scope": D_("This edition covers"),
        "all": D_("all audiences and tiers"),
        "about": D_("About this curriculum"),
        "about_text": D_(
            "Training follows three tiers. Basic operations teach every user the daily transactions of their role; advanced application covers exceptions, analysis and the processes that cross departments; self-support makes users independent after go-live through the knowledge base, quick-reference cards and the super-user network. End-user training runs before user acceptance testing, and super users give at-the-elbow support on every shift around go-live."
        ),
        "tier": D_("Tier"),
        "covers": D_("What it covers"),
        "delivery": D_("Typical delivery"),
        "tier_basic": D_(
            "The transactions each user performs daily, step by step on the training system"
        ),
        "tier_advanced": D_(
            "Exceptions, reports and analysis, cross-department processes, month-end"
        ),
        "tier_self-support": D_(
            "Finding answers without help: knowledge base, quick-reference cards, super users"
        ),
        "delivery_basic": D_(
            "Offline hands-on in class, with online recorded lessons to prepare and repeat"
        ),
        "delivery_advanced": D_("Offline hands-on workshops with the business's own cases"),
        "delivery_self-support": D_("Self-service, online recorded lessons"),
        "modes": D_("Delivery modes"),
        "mode_online-recorded": D_(
            "recorded lessons users watch before class and again whenever they need"
        ),
        "mode_offline-hands-on": D_(
            "classroom sessions on the training system with exercise data, one user per screen"
        ),
        "mode_self-service": D_(
            "knowledge-base articles, quick-reference cards and short videos, at any time"
        ),
        "evaluation": D_("Evaluation (Kirkpatrick)"),
        "evaluation_text": D_(
            "Level 1 reaction (survey after each class), level 2 learning (the course assessment and its pass mark), level 3 behaviour (observed work in the live system during hypercare), level 4 results (business measures after go-live)."
        ),
        "overview": D_("Overview: hours per person by audience and tier"),
        "audience": D_("Audience"),
        "users": D_("Users"),
        "total": D_("Total"),
        "target": D_("Target hours"),
        "courses": D_("Courses"),
        "support_courses": D_("Self-support courses"),
        "planned_hours": D_("Planned hours per person"),
        "no_courses": D_("No course at this tier for this audience."),
        "code": D_("Code"),
        "mode": D_("Delivery mode"),
        "duration": D_("Duration"),
        "objectives": D_("Objectives"),
        "prerequisites": D_("Prerequisites"),
        "environment": D_("Environment and data"),
        "materials": D_("Materials"),
        "assessment": D_("Assessment"),
        "pass_mark": D_("pass mark"),
        "evaluation_level": D_("Evaluation level"),
        "also_for": D_("Also for"),
        "modules": D_("Modules"),
        "topic": D_("Topic"),
        "method": D_("Method"),
        "minutes": DC_("curriculum", "Minutes"),
        "hours_unit": D_("h"),
        "minutes_unit": D_("min"),
        "schedule": D_("Session schedule"),
        "schedule_text": D_(
            "Sessions from {start} to {end}: trainers and key users first, then each wave's end users at their site shortly before its go-live; class size up to {size}."
        ),
        "schedule_none": D_("No sessions are scheduled for this selection."),
        "date": D_("Date"),
        "time": D_("Time"),
        "course": D_("Course"),
        "location": D_("Location"),
        "capacity": D_("Capacity"),
        "enrolled": D_("Enrolled"),
        "session": D_("No."),
        "support": D_("Self-support resources"),
        "support_text": D_(
            "After training, users help themselves first, then ask their super user, then the hypercare desk."
        ),
        "support_hypercare": D_("Hypercare runs from go-live on {start} to {end}."),
        "resource": D_("Resource"),
        "kind": DC_("curriculum", "Kind"),
        "description": D_("Description"),
        "hours": DC_("support", "Hours"),
        "course_hours": D_("Hours"),
    }
)

MODE_NAMES = TextTable(
    {
        "online-recorded": D_("Online recorded"),
        "offline-hands-on": D_("Offline hands-on"),
        "self-service": D_("Self-service"),
    }
)

METHOD_NAMES = TextTable(
    {
        "lecture": D_("Lecture"),
        "demo": D_("Demonstration"),
        "hands-on": D_("Hands-on exercise"),
        "exercise": D_("Exercise"),
        "discussion": D_("Discussion"),
        "case-study": D_("Case study"),
        "video": D_("Video"),
        "quiz": D_("Quiz"),
        "workshop": D_("Workshop"),
        "self-study": D_("Self-study"),
        "assessment": DC_("training method", "Assessment"),
    }
)

SUPPORT_KINDS = TextTable(
    {
        "knowledge-base": D_("Knowledge base"),
        "quick-reference": D_("Quick-reference cards"),
        "super-user-network": D_("Super-user network"),
        "hypercare-desk": D_("Hypercare desk"),
        "other": D_("Other"),
    }
)
