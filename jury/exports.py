"""The jury's outputs: score exports (CSV, XLSX), PDFs and the decision e-mails."""

import csv
import io
import logging

from django.db.models import F
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts.models import ProjectLeader
from gnist.emails import send_email
from gnist.pdf import render_pdf
from jury.models import AuditEntry, Decision, NotificationTemplate, Score
from jury.results import RoundResults, round_results

logger = logging.getLogger(__name__)

SCORE_COLUMNS = [
    ("review__application__municipality__number", "municipality_number"),
    ("review__application__municipality__name", "municipality"),
    ("review__application__municipality__county__name", "county"),
    ("review__application_id", "challenge_id"),
    ("review__application__title", "challenge"),
    ("review__seat__user__full_name", "juror"),
    ("review__seat__organisation__name", "organisation"),
    ("criterion__key", "criterion"),
    ("criterion__weight", "weight"),
    ("value", "score"),
    ("comment", "comment"),
    ("review__status", "review_status"),
    ("review__submitted_at", "submitted_at"),
]


def score_table(round):
    """Every score of the round (drafts included, marked) as rows of plain values. One query."""
    return (
        Score.objects.filter(review__application__round=round)
        .order_by(
            "review__application__municipality__number",
            "review__seat__order",
            F("criterion__order"),
        )
        .values_list(*(column for column, _header in SCORE_COLUMNS))
    )


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return value


def scores_csv(round) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([header for _column, header in SCORE_COLUMNS])
    writer.writerows([_cell(value) for value in row] for row in score_table(round))
    return buffer.getvalue()


def scores_xlsx(round) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Scores"))
    sheet.append([header for _column, header in SCORE_COLUMNS])
    for row in score_table(round):
        sheet.append(
            [
                _cell(float(value) if column == "criterion__weight" else value)
                for (column, _header), value in zip(SCORE_COLUMNS, row, strict=True)
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def profile_rows(results: RoundResults, application_id: int):
    """Per criterion: the challenge's mean beside the field's median of means."""
    result = results.challenges[application_id]
    return [
        (criterion, result.per_criterion[criterion.pk], results.field_medians[criterion.pk])
        for criterion in results.criteria
    ]


def report_pdf(round, *, language=None) -> bytes:
    results = round_results(round)
    context = {
        "round": round,
        "results": results,
        "ranking": [
            (result, results.applications[result.application_id]) for result in results.ranking
        ],
        "profiles": [
            (
                results.applications[result.application_id],
                profile_rows(results, result.application_id),
            )
            for result in results.ranking
        ],
        "calibration": [(seat, results.calibration.get(seat.pk)) for seat in results.seats],
        "generated_at": timezone.now(),
    }
    return render_pdf("jury/pdf/report.html", context, language=language)


def profile_pdf(round, results: RoundResults, application, *, language=None) -> bytes:
    context = {
        "round": round,
        "application": application,
        "result": results.challenges[application.pk],
        "rows": profile_rows(results, application.pk),
    }
    return render_pdf("jury/pdf/profile.html", context, language=language)


def recipients_for(application) -> list:
    if application.project_leader_id:
        return [application.project_leader]
    leader = (
        ProjectLeader.objects.filter(
            round=application.round_id, municipality=application.municipality_id
        )
        .select_related("user")
        .first()
    )
    return [leader.user] if leader else []


def render_text(text: str, context: dict) -> str:
    return Template(text).render(Context(context, autoescape=False))


def send_decision_mails(round, *, attach_profiles: bool = False) -> int:
    """E-mail every municipality its published outcome, once.

    Each decision is claimed with a conditional update before sending, so a
    retried or repeated batch never sends the same e-mail twice. Returns the
    number of e-mails sent. Side effects: sends e-mails, stamps
    ``Decision.notified_at``, writes audit entries.
    """
    templates = {
        template.key: template for template in NotificationTemplate.objects.filter(round=round)
    }
    decisions = Decision.objects.filter(round=round, notified_at=None).select_related(
        "application__municipality__county", "application__project_leader", "application__round"
    )
    results = round_results(round) if attach_profiles else None
    sent = 0
    for decision in decisions:
        application = decision.application
        claimed = Decision.objects.filter(pk=decision.pk, notified_at=None).update(
            notified_at=timezone.now()
        )
        if not claimed:
            continue
        template = templates[decision.outcome]
        context = {
            "municipality": application.municipality.name,
            "title": str(application),
            "round": round.name,
        }
        try:
            for person in recipients_for(application):
                language = person.language
                attachments = []
                if results is not None:
                    with translation.override(language):
                        filename = _("score-profile-%(number)s.pdf") % {
                            "number": application.municipality.number
                        }
                    attachments.append(
                        (
                            filename,
                            profile_pdf(round, results, application, language=language),
                            "application/pdf",
                        )
                    )
                send_email(
                    "jury-decision",
                    [person.email],
                    {
                        "subject": render_text(template.subject_in(language), context),
                        "body": render_text(template.body_in(language), context),
                    },
                    language=language,
                    attachments=attachments,
                )
                sent += 1
                AuditEntry.objects.create(
                    round=round,
                    action=AuditEntry.Action.NOTIFICATION_SENT,
                    application=application,
                    summary=f"{person.email}: {decision.get_outcome_display()}",
                    data={"outcome": decision.outcome, "profile": results is not None},
                )
        except Exception:
            # Release the claim so the retry sends this one.
            Decision.objects.filter(pk=decision.pk).update(notified_at=None)
            raise
    logger.info("sent %s decision e-mails for round %s", sent, round.pk)
    return sent
