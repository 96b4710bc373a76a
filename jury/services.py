"""The jury's workflows: conflicts, scoring, results, the decision and publishing.

Every change here writes an AuditEntry. Challenge statuses change only through
``applications.services.change_status``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application
from applications.services import change_status
from gnist.i18n import in_each_language
from jury import results
from jury.models import (
    AuditEntry,
    Conflict,
    Decision,
    JurySeat,
    JurySettings,
    NotificationTemplate,
    Review,
    Score,
)
from jury.permissions import can_score
from jury.tasks import send_decision_notifications

Status = Application.Status


def audit(round, action, summary, *, by=None, application=None, **data) -> AuditEntry:
    """Write one audit entry. ``summary`` is a text, or a function giving it in the active
    language (called once per language, so each reader sees it in their own)."""
    texts = in_each_language(summary) if callable(summary) else {"nb": summary, "en": summary}
    return AuditEntry.objects.create(
        round=round,
        actor=by,
        action=action,
        summary=texts["nb"],
        summary_en=texts["en"],
        application=application,
        data=data,
    )


# Conflicts of interest


def declare_conflict(
    seat: JurySeat, *, kind: str, municipality=None, county=None, note: str = "", by
) -> Conflict:
    """Record a juror's tie. Side effects: saves the Conflict and an audit entry."""
    with transaction.atomic():
        conflict = Conflict.objects.create(
            seat=seat,
            municipality=municipality,
            county=county,
            kind=kind,
            note=note,
            recorded_by=by,
        )
        audit(
            seat.round,
            AuditEntry.Action.CONFLICT_DECLARED,
            lambda: f"{seat.user}: {conflict.target} ({conflict.get_kind_display()})",
            by=by,
            juror=seat.user_id,
            municipality=municipality.number if municipality else None,
            county=county.number if county else None,
            kind=kind,
            note=note,
        )
    return conflict


def remove_conflict(conflict: Conflict, *, by) -> None:
    """Delete a tie. Side effects: deletes the row and writes an audit entry."""
    with transaction.atomic():
        audit(
            conflict.seat.round,
            AuditEntry.Action.CONFLICT_REMOVED,
            f"{conflict.seat.user}: {conflict.target}",
            by=by,
            juror=conflict.seat.user_id,
        )
        conflict.delete()


def confirm_conflicts(seat: JurySeat, *, by) -> JurySeat:
    """The juror confirms their list of ties is complete; scoring may begin.

    Side effects: sets ``conflicts_declared_at`` and writes an audit entry
    listing the ties and the challenges the juror is recused from.
    """
    ties = [str(conflict.target) for conflict in seat.conflicts.all()]
    recused = results.recused_pairs(seat.round, seats=[seat])
    with transaction.atomic():
        seat.conflicts_declared_at = timezone.now()
        seat.save(update_fields=["conflicts_declared_at"])
        audit(
            seat.round,
            AuditEntry.Action.NO_CONFLICTS_DECLARED
            if not ties
            else AuditEntry.Action.CONFLICT_DECLARED,
            lambda: (
                _("%(juror)s confirmed their ties: %(ties)s")
                % {"juror": seat.user, "ties": ", ".join(ties) or _("none")}
            ),
            by=by,
            juror=seat.user_id,
            recused_from=sorted(application_id for application_id, _seat in recused),
        )
    return seat


# Scoring


def save_review(
    seat: JurySeat,
    application: Application,
    *,
    values: dict[int, tuple[int | None, str]],
    comment: str,
    submit: bool,
    by,
) -> Review:
    """Save a juror's scores for one challenge, as a draft or submitted.

    ``values`` maps criterion id to ``(value or None for abstain, comment)``.
    Refuses outside the scoring window, after publishing, and for recused jurors.
    Side effects: saves the Review and its Scores, and an audit entry with
    every changed value (old → new).
    """
    jury_settings = JurySettings.for_round(seat.round)
    if not can_score(seat, application, jury_settings, timezone.now()):
        raise ValidationError(_("Scoring this challenge is not open to you now."))
    with transaction.atomic():
        review, _created = Review.objects.select_for_update().get_or_create(
            seat=seat, application=application
        )
        existing = {score.criterion_id: score for score in review.scores.all()}
        changes = {}
        for criterion_id, (value, criterion_comment) in values.items():
            score = existing.get(criterion_id)
            if score is None:
                Score.objects.create(
                    review=review, criterion_id=criterion_id, value=value, comment=criterion_comment
                )
                changes[str(criterion_id)] = [None, value]
            elif score.value != value or score.comment != criterion_comment:
                if score.value != value:
                    changes[str(criterion_id)] = [score.value, value]
                score.value, score.comment = value, criterion_comment
                score.save(update_fields=["value", "comment"])
        review.comment = comment
        fields = ["comment", "updated_at"]
        if submit and not review.is_submitted:
            review.status = Review.Status.SUBMITTED
            review.submitted_at = timezone.now()
            fields += ["status", "submitted_at"]
        review.save(update_fields=fields)
        audit(
            seat.round,
            AuditEntry.Action.SCORES_SUBMITTED if submit else AuditEntry.Action.SCORES_SAVED,
            f"{seat.user} → {application}",
            by=by,
            application=application,
            juror=seat.user_id,
            changes=changes,
        )
    return review


# Results


# Decision and publishing


def record_selection(
    round, *, selected: list[Application], justifications: dict[int, str], ranks, by
) -> list[Decision]:
    """Replace the pending selection with ``selected``.

    A challenge chosen from outside the top ``round.selected_municipality_count``
    of the ranking needs a justification. Refused once the decision is published.
    Side effects: saves Decision rows and an audit entry.
    """
    jury_settings = JurySettings.for_round(round)
    if jury_settings.is_published:
        raise ValidationError(_("The decision is already published."))
    top = round.selected_municipality_count
    missing = [
        application
        for application in selected
        if ranks.get(application.pk, top + 1) > top and not justifications.get(application.pk)
    ]
    if missing:
        raise ValidationError(
            _("Give a justification for %(names)s: the choice departs from the ranking.")
            % {"names": ", ".join(str(application.municipality) for application in missing)}
        )
    with transaction.atomic():
        Decision.objects.filter(round=round).delete()
        decisions = [
            Decision.objects.create(
                round=round,
                application=application,
                outcome=Decision.Outcome.SELECTED,
                rank=ranks.get(application.pk),
                justification=justifications.get(application.pk, ""),
                decided_by=by,
            )
            for application in selected
        ]
        audit(
            round,
            AuditEntry.Action.DECISION_RECORDED,
            ", ".join(str(application.municipality) for application in selected) or "–",
            by=by,
            selected=[application.pk for application in selected],
            justifications={str(pk): text for pk, text in justifications.items() if text},
        )
    return decisions


DEFAULT_TEMPLATES = {
    NotificationTemplate.Key.SELECTED: (
        "{{ municipality }} er valgt ut til Gnist",
        "{{ municipality }} is selected for Gnist",
        "Gratulerer! Juryen har valgt ut utfordringen «{{ title }}» fra {{ municipality }} til "
        "{{ round }}. Vi tar kontakt med prosjektlederen om felles workshop og veien videre.",
        "Congratulations! The jury has selected the challenge “{{ title }}” from "
        "{{ municipality }} for {{ round }}. We will contact the project leader about the joint "
        "workshop and the next steps.",
    ),
    NotificationTemplate.Key.NOT_SELECTED: (
        "Svar på utfordringen fra {{ municipality }}",
        "Outcome for the challenge from {{ municipality }}",
        "Takk for utfordringen «{{ title }}» fra {{ municipality }}. Juryen har i år valgt ut "
        "andre kommuner til {{ round }}. Dere er velkomne til å følge programmet videre som "
        "følgekommune.",
        "Thank you for the challenge “{{ title }}” from {{ municipality }}. This year the jury "
        "selected other municipalities for {{ round }}. You are welcome to follow the "
        "programme as a follower municipality.",
    ),
}


def notification_templates(round) -> dict[str, NotificationTemplate]:
    """The round's editable e-mail texts, created from the defaults when missing."""
    templates = {}
    for key, (subject_nb, subject_en, body_nb, body_en) in DEFAULT_TEMPLATES.items():
        templates[key], _created = NotificationTemplate.objects.get_or_create(
            round=round,
            key=key,
            defaults={
                "subject_nb": subject_nb,
                "subject_en": subject_en,
                "body_nb": body_nb,
                "body_en": body_en,
            },
        )
    return templates


def publish_decision(round, *, by, attach_profiles: bool = False) -> list[Decision]:
    """End phase 2's selection: every challenge gets its outcome, and e-mails go out.

    Idempotent: a published round is left as it is and nothing is sent twice.
    Side effects: sets each handed-in challenge to selected or not selected via
    ``change_status``; creates the not-selected Decisions; stamps the round's
    JurySettings as published; writes audit entries; queues one batch task
    that e-mails every municipality on commit.
    """
    with transaction.atomic():
        jury_settings = JurySettings.objects.select_for_update().get(
            pk=JurySettings.for_round(round).pk
        )
        if jury_settings.is_published:
            return []
        selected_ids = set(
            Decision.objects.filter(round=round, outcome=Decision.Outcome.SELECTED).values_list(
                "application_id", flat=True
            )
        )
        if not selected_ids:
            raise ValidationError(_("Select at least one challenge before publishing."))
        notification_templates(round)
        ranks = {
            result.application_id: result.rank for result in results.round_results(round).ranking
        }
        decisions = []
        for application in results.pool(round).select_related("municipality"):
            outcome = (
                Decision.Outcome.SELECTED
                if application.pk in selected_ids
                else Decision.Outcome.NOT_SELECTED
            )
            if application.status == Status.SUBMITTED:
                change_status(application, to=Status.UNDER_REVIEW, by=by, notify=False)
            if application.status != outcome:
                change_status(
                    application,
                    to=outcome,
                    by=by,
                    reason=_("Published jury decision"),
                    notify=False,
                )
            decision, _created = Decision.objects.get_or_create(
                application=application,
                defaults={
                    "round": round,
                    "outcome": outcome,
                    "rank": ranks.get(application.pk),
                    "decided_by": by,
                },
            )
            decisions.append(decision)
        jury_settings.published_at = timezone.now()
        jury_settings.published_by = by
        jury_settings.save(update_fields=["published_at", "published_by"])
        audit(
            round,
            AuditEntry.Action.DECISION_PUBLISHED,
            lambda: (
                _("%(selected)s selected, %(others)s not selected")
                % {"selected": len(selected_ids), "others": len(decisions) - len(selected_ids)}
            ),
            by=by,
            attach_profiles=attach_profiles,
        )
        transaction.on_commit(
            lambda: send_decision_notifications.delay(
                round_id=round.pk, attach_profiles=attach_profiles
            )
        )
    return decisions
