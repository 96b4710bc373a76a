"""The jury's outputs: score exports (CSV, XLSX), PDFs and the decision e-mails."""

import logging

from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.models import ProjectLeader
from applications.models import Application
from gnist import exports as spreadsheets
from gnist.emails import send_email
from gnist.i18n import in_each_language
from gnist.pdf import render_pdf
from jury.models import (
    AuditEntry,
    Criterion,
    Decision,
    JurySeat,
    JurySettings,
    NotificationTemplate,
    Review,
    Score,
)
from jury.results import RoundResults, ranking_rows, round_results

logger = logging.getLogger(__name__)


def headers() -> list[str]:
    """The score export's column names, in the active language."""
    return [
        _("Municipality number"),
        _("Municipality"),
        _("County"),
        _("Challenge number"),
        _("Challenge"),
        _("Juror"),
        _("Organisation"),
        _("Criterion"),
        _("Weight"),
        _("Score given"),
        _("Comment"),
        _("Review status"),
        _("Submitted"),
    ]


WEIGHT_COLUMN = 8


def score_table(round):
    """Every score of the round (drafts included, marked) as rows of plain values.

    Five queries whatever the size: the scores, then the challenges, jurors,
    criteria and review times they point at, joined here in Python.
    """
    scores = (
        Score.objects.filter(review__application__round=round)
        .order_by(
            "review__application__municipality__number",
            "review__application_id",
            "review__seat__order",
            "criterion__order",
        )
        .values_list(
            "review__application_id",
            "review__seat_id",
            "criterion_id",
            "value",
            "comment",
            "review__status",
            "review_id",
        )
    )
    challenges = {
        pk: (number, name, county, pk, title)
        for pk, number, name, county, title in Application.objects.filter(round=round).values_list(
            "pk",
            "municipality__number",
            "municipality__name",
            "municipality__county__name",
            "title",
        )
    }
    jurors = {
        pk: (name, organisation)
        for pk, name, organisation in JurySeat.objects.filter(round=round).values_list(
            "pk", "user__full_name", "organisation__name"
        )
    }
    criteria = {
        criterion.pk: (criterion.name, criterion.weight)
        for criterion in Criterion.objects.for_round(round)
    }
    statuses = dict(Review.Status.choices)
    times = {
        pk: timezone.localtime(moment).isoformat(timespec="minutes") if moment else ""
        for pk, moment in Review.objects.filter(application__round=round).values_list(
            "pk", "submitted_at"
        )
    }
    for application_id, seat_id, criterion_id, value, comment, status, review_id in scores:
        yield (
            *challenges[application_id],
            *jurors[seat_id],
            *criteria[criterion_id],
            value,
            comment,
            str(statuses.get(status, status)),
            times[review_id],
        )


def scores_csv(round) -> bytes:
    # An abstention (None) stays an empty field, never zero.
    weight = WEIGHT_COLUMN
    rows = (
        [*row[:weight], number_format(row[weight], decimal_pos=2), *row[weight + 1 :]]
        for row in score_table(round)
    )
    return spreadsheets.csv_bytes(headers(), rows)


def scores_xlsx(round) -> bytes:
    weight = WEIGHT_COLUMN
    rows = ([*row[:weight], float(row[weight]), *row[weight + 1 :]] for row in score_table(round))
    return spreadsheets.xlsx_bytes(_("Scores"), headers(), rows)


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
        "rows": ranking_rows(results),
        "profiles": [
            (
                results.applications[result.application_id],
                profile_rows(results, result.application_id),
            )
            for result in results.ranking
        ],
        "calibration": [(seat, results.calibration.get(seat.pk)) for seat in results.seats],
        "generated_at": timezone.now(),
        "settings": JurySettings.for_round(round),
        "selected": Decision.objects.filter(round=round, outcome=Decision.Outcome.SELECTED)
        .select_related("application__municipality__county")
        .order_by("rank", "application__municipality__name"),
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
    """The staff-written template text filled in, as plain text.

    It is plain text in every sense: not escaped here (the subject and the text
    part are plain), and not marked safe, so the HTML part escapes it (a challenge
    title with ``<a href>`` must not arrive as a live link).
    """
    rendered = Template(text).render(Context(context, autoescape=False))
    return str.__str__(rendered)  # a plain str: the template engine marks its output safe


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
                summary = in_each_language(
                    lambda email=person.email, decision=decision: (
                        f"{email}: {decision.get_outcome_display()}"
                    )
                )
                AuditEntry.objects.create(
                    round=round,
                    action=AuditEntry.Action.NOTIFICATION_SENT,
                    application=application,
                    summary=summary["nb"],
                    summary_en=summary["en"],
                    data={"outcome": decision.outcome, "profile": results is not None},
                )
        except Exception:
            # Release the claim so the retry sends this one.
            Decision.objects.filter(pk=decision.pk).update(notified_at=None)
            raise
    logger.info("sent %s decision e-mails for round %s", sent, round.pk)
    return sent
