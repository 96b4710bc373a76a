"""Challenges out of the portal: the PDF copy, the receipt and status e-mails, CSV and XLSX."""

import difflib
import hashlib
import json
import re

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import MunicipalityMembership
from applications.models import (
    Anchoring,
    Application,
    ApplicationVersion,
    Commitment,
    ProjectStage,
    RoadmapPrinciple,
    StatusChange,
    SustainableDevelopmentGoal,
)
from gnist import exports as spreadsheets
from gnist.emails import send_email
from gnist.pdf import render_pdf

CHOICE_LABELS = {"project_stage": ProjectStage, "anchoring": Anchoring}
# Snapshots store reference rows as "<number>. <Norwegian name>" lines.
REFERENCE_MODELS = {"roadmap_principles": RoadmapPrinciple, "sdgs": SustainableDevelopmentGoal}
NUMBERED_LINE = re.compile(r"^(\d+)\. ")


def display_value(name: str, value: str) -> str:
    """A snapshot field as the reader sees it, in the active language."""
    if name in CHOICE_LABELS and value:
        return str(CHOICE_LABELS[name](value).label)
    if name in REFERENCE_MODELS and value:
        return reference_lines(REFERENCE_MODELS[name], value)
    if name == "resources_nok" and value.isdigit():
        return number_format(int(value), force_grouping=True)
    return value


def published(snapshot: dict[str, str], application: Application) -> dict[str, str]:
    """What a selected challenge shows to the public (README, "What a published challenge
    shows"): every field of the challenge, with the project leader by name only. No
    personal e-mail address or phone number is ever on a public page."""
    leader = application.project_leader
    return {**snapshot, "project_leader": leader.full_name if leader else ""}


def reference_lines(model, value: str) -> str:
    """Each "<number>. <name>" line with the row's name in the active language."""
    names = {row.number: row.name for row in model.objects.all()}
    lines = []
    for line in value.splitlines():
        match = NUMBERED_LINE.match(line)
        number = int(match.group(1)) if match else None
        lines.append(f"{number}. {names[number]}" if number in names else line)
    return "\n".join(lines)


def snapshot_rows(snapshot: dict[str, str]) -> list[tuple[str, str]]:
    """(label, text) per field of a snapshot, in form order, in the active language."""
    return [
        (Application.field_label(name), display_value(name, snapshot.get(name, "")))
        for name in Application.SNAPSHOT_FIELDS
    ]


def snapshot_diff(old: dict[str, str], new: dict[str, str]) -> list[dict]:
    """The fields that differ between two snapshots, each with a line diff."""
    changes = []
    for name in Application.SNAPSHOT_FIELDS:
        before = display_value(name, old.get(name, ""))
        after = display_value(name, new.get(name, ""))
        if before != after:
            changes.append(
                {
                    "name": name,
                    "label": Application.field_label(name),
                    "lines": line_diff(before, after),
                }
            )
    return changes


def line_diff(before: str, after: str) -> list[tuple[str, str]]:
    """``(kind, text)`` per line where kind is "removed", "added" or "same"."""
    lines = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        marker, text = line[:2], line[2:]
        if marker == "- ":
            lines.append(("removed", text))
        elif marker == "+ ":
            lines.append(("added", text))
        elif marker == "  ":
            lines.append(("same", text))
    return lines


def application_pdf(application: Application, snapshot: dict[str, str], *, language: str) -> bytes:
    """The PDF copy of a challenge (a submitted version's snapshot or the current content)."""
    with override(language):
        rows = snapshot_rows(snapshot)
    return render_pdf(
        "applications/pdf/application.html",
        {"application": application, "rows": rows, "printed_at": timezone.now()},
        language=language,
    )


def fingerprint(snapshot: dict[str, str]) -> str:
    """SHA-256 of a submitted version's text, independent of key order and language."""
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def receipt_pdf(version: ApplicationVersion, *, language: str) -> bytes:
    """The receipt of one submitted version: what, by whom, when, and its fingerprint."""
    application = version.application
    accepted = set(application.commitments or [])
    with override(language):
        commitments = [str(label) for value, label in Commitment.choices if value in accepted]
    return render_pdf(
        "applications/pdf/receipt.html",
        {
            "application": application,
            "version": version,
            "commitments": commitments,
            "fingerprint": fingerprint(version.snapshot),
            "printed_at": timezone.now(),
        },
        language=language,
    )


def recipients(application: Application) -> list:
    """The project leader and every member of the municipality, once each."""
    people = {}
    if application.project_leader and application.project_leader.is_active:
        people[application.project_leader.pk] = application.project_leader
    for membership in MunicipalityMembership.objects.filter(
        municipality_id=application.municipality_id, user__is_active=True
    ).select_related("user"):
        people[membership.user.pk] = membership.user
    return list(people.values())


def send_status_mail(change: StatusChange) -> None:
    """Tell the municipality about a status change.

    On submission this is the receipt: the e-mail carries the PDF of the
    submitted version, rendered in each recipient's language.
    """
    application = change.application
    version = application.versions.order_by("-number").first()
    pdfs = {}
    for person in recipients(application):
        attachments = ()
        if change.to_status == Application.Status.SUBMITTED and version is not None:
            if person.language not in pdfs:
                pdfs[person.language] = receipt_pdf(version, language=person.language)
            filename = f"gnist-{application.municipality.number}-v{version.number}-receipt.pdf"
            attachments = [(filename, pdfs[person.language], "application/pdf")]
        name = "application-receipt" if attachments else "application-status"
        send_email(
            name,
            [person.email],
            {"application": application, "change": change, "version": version, "person": person},
            language=person.language,
            attachments=attachments,
        )


EXPORT_COLUMNS = [
    "municipality_number",
    "municipality",
    "county",
    "status",
    "title",
    "summary",
    "roadmap_principles",
    "sdgs",
    "resources_people",
    "resources_hours",
    "resources_nok",
    "county_support",
    "submitted_at",
]


def export_rows(applications) -> tuple[list[str], list[list]]:
    """Header and rows for CSV and XLSX; ``applications`` comes from ``for_export()``."""
    header = [
        _("Municipality number"),
        _("Municipality"),
        _("County"),
        _("Status"),
        _("Title"),
        _("Summary"),
        _("Roadmap principles"),
        _("UN Sustainable Development Goals"),
        _("People"),
        _("Hours"),
        _("NOK"),
        _("County council support"),
        _("Submitted"),
    ]
    rows = []
    for application in applications:
        submitted = (
            timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
            if application.submitted_at
            else ""
        )
        rows.append(
            [
                application.municipality.number,
                application.municipality.name,
                application.municipality.county.name,
                str(application.get_status_display()),
                application.title,
                application.summary,
                ", ".join(str(p.number) for p in application.roadmap_principles.all()),
                ", ".join(str(g.number) for g in application.sdgs.all()),
                application.resources_people,
                application.resources_hours,
                application.resources_nok,
                _("yes") if application.has_county_support else _("no"),
                submitted,
            ]
        )
    return header, rows


def as_csv(applications) -> bytes:
    return spreadsheets.csv_bytes(*export_rows(applications))


def as_xlsx(applications) -> bytes:
    return spreadsheets.xlsx_bytes(_("Challenges"), *export_rows(applications))
