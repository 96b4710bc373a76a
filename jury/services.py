"""The jury's workflows: conflicts, scoring, results, the decision and publishing.

Every change here writes an AuditEntry. Challenge statuses change only through
``applications.services.change_status``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Invitation
from accounts.services import invite_person
from applications.models import Application
from applications.services import change_status
from gnist.background import queue_task
from gnist.i18n import in_each_language
from jury import results
from jury.models import (
    AuditEntry,
    Conflict,
    CriteriaLocked,
    Criterion,
    Decision,
    JurySeat,
    JurySettings,
    NotificationTemplate,
    Review,
    ScaleStep,
    Score,
    criteria_locked,
)
from jury.permissions import scoring

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


# A round's criteria, scale, settings and e-mail texts

CRITERION_FIELDS = ["key", "order", "name_nb", "name_en", "guidance_nb", "guidance_en", "weight"]
STEP_FIELDS = ["value", "label_nb", "label_en"]
TEMPLATE_FIELDS = ["key", "subject_nb", "subject_en", "body_nb", "body_en"]


def copy_round_rows(copy) -> None:
    """The jury's round copier (see ``phases.services``).

    From a template: its criteria with weights and guidance, its scale, its jury
    settings (scoring window moved by the offset, never the publication) and its
    notification templates. Without one: the programme's default criteria and
    scale, unless the round has its own already.
    Side effects: creates Criterion, ScaleStep, JurySettings and NotificationTemplate rows.
    """
    round, template = copy.round, copy.template
    if template is None:
        if not round.criteria.exists():
            _copy_rows(Criterion.objects.defaults(), CRITERION_FIELDS, round)
        if not round.scale_steps.exists():
            _copy_rows(ScaleStep.objects.defaults(), STEP_FIELDS, round)
        return
    _copy_rows(template.criteria.all(), CRITERION_FIELDS, round)
    _copy_rows(template.scale_steps.all(), STEP_FIELDS, round)
    _copy_rows(template.jury_notification_templates.all(), TEMPLATE_FIELDS, round)
    old = JurySettings.objects.filter(round=template).first()
    if old is not None:
        JurySettings.objects.create(
            round=round,
            scoring_opens_at=copy.shift(old.scoring_opens_at),
            scoring_closes_at=copy.shift(old.scoring_closes_at),
            jurors_see_results=old.jurors_see_results,
            quorum=old.quorum,
        )


def _copy_rows(rows, fields, round) -> None:
    model = rows.model
    model.objects.bulk_create(
        model(round=round, **{name: getattr(row, name) for name in fields}) for row in rows
    )


def save_criteria(round, *, criteria, steps, by) -> None:
    """Save staff's changes to the round's criteria and scale (two bound, valid formsets).

    Refuses with ``CriteriaLocked`` once the round's decision is published: its
    results must stay exactly as published.
    Side effects: saves or deletes Criterion and ScaleStep rows; an audit entry.
    """
    if criteria_locked(round.pk):
        raise CriteriaLocked()
    with transaction.atomic():
        for formset in (criteria, steps):
            formset.save()
        audit(
            round,
            AuditEntry.Action.SETTINGS_CHANGED,
            _("Criteria and scale"),
            by=by,
            criteria={c.key: str(c.weight) for c in round.criteria.all()},
            scale=[step.value for step in round.scale_steps.all()],
        )


save_criteria.alters_data = True
# Seats


def add_seat(round, *, organisation=None, display_name: str = "", by) -> JurySeat:
    """Add a seat at the end of the round's jury, for an organisation or an individual expert.

    Side effects: saves the seat and an audit entry.
    """
    with transaction.atomic():
        last = round.jury_seats.aggregate(last=Max("order"))["last"]
        seat = JurySeat(
            round=round,
            organisation=organisation,
            display_name=display_name,
            order=0 if last is None else last + 1,
        )
        seat.full_clean()
        seat.save()
        audit(round, AuditEntry.Action.SEAT_ADDED, seat.label, by=by, seat=seat.pk)
    return seat


def invite_juror(seat: JurySeat, *, email: str, full_name: str = "", by) -> Invitation:
    """Invite a person by e-mail to take ``seat``; accepting links their account to it.

    Side effects: the invitation and its e-mail (accounts.services.invite_person),
    and an audit entry. A seat that already has its juror is refused.
    """
    if seat.user_id is not None:
        raise ValidationError(_("This seat already has its juror."))
    with transaction.atomic():
        invitation = invite_person(email=email, full_name=full_name, invited_by=by, jury_seat=seat)
        audit(
            seat.round,
            AuditEntry.Action.JUROR_INVITED,
            f"{seat.label}: {invitation.email}",
            by=by,
            seat=seat.pk,
        )
    return invitation


def move_seat(seat: JurySeat, *, up: bool) -> None:
    """Swap ``seat`` with its neighbour above (``up``) or below in the round's order.

    Side effect: renumbers the round's seats 0, 1, 2, … in their new order.
    """
    with transaction.atomic():
        seats = list(seat.round.jury_seats.select_for_update().order_by("order", "pk"))
        index = next(i for i, other in enumerate(seats) if other.pk == seat.pk)
        neighbour = index - 1 if up else index + 1
        if 0 <= neighbour < len(seats):
            seats[index], seats[neighbour] = seats[neighbour], seats[index]
        for order, other in enumerate(seats):
            if other.order != order:
                other.order = order
                other.save(update_fields=["order"])


move_seat.alters_data = True


def seat_removal_refusal(seat: JurySeat) -> str:
    """Why ``seat`` cannot be removed, or "": a seat that has scored stays on the record."""
    if seat.reviews.exists():
        return _("This seat has scores: it stays so the results can be traced.")
    return ""


def remove_seat(seat: JurySeat, *, by) -> None:
    """Remove a seat that has not scored, with its conflicts and pending invitations.

    Side effects: deletes the seat and writes an audit entry. Refused (ValidationError)
    once the seat has any review, draft or submitted.
    """
    with transaction.atomic():
        # Locked, so a review saved meanwhile cannot be deleted along with the seat.
        seat = JurySeat.objects.select_for_update().select_related("round").get(pk=seat.pk)
        refusal = seat_removal_refusal(seat)
        if refusal:
            raise ValidationError(refusal)
        audit(seat.round, AuditEntry.Action.SEAT_REMOVED, seat.label, by=by, seat=seat.pk)
        seat.delete()


remove_seat.alters_data = True


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
    scoring_now = scoring(seat, application, jury_settings, timezone.now())
    if not scoring_now:
        raise ValidationError(
            _("Scoring this challenge is not open to you now. %(reason)s")
            % {"reason": scoring_now.reason}
        )
    criteria = set(Criterion.objects.for_round(seat.round).values_list("pk", flat=True))
    if not set(values) <= criteria:
        raise ValidationError(_("Score only on this round's criteria."))
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
        queue_task(
            "jury.send_decision_notifications", round_id=round.pk, attach_profiles=attach_profiles
        )
    return decisions
