import subprocess
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications.models import Application
from jury import services
from jury.exports import send_decision_mails
from jury.models import AuditEntry, Criterion, Decision, JurySeat, JurySettings, Review
from jury.permissions import can_score
from jury.results import recused_pairs, round_results
from tests.factories import (
    ConflictFactory,
    HandedInChallengeFactory,
    ReviewFactory,
    ScoreFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


def all_criteria(value):
    criteria = Criterion.objects.filter(round__slug="2026-2027")
    return {criterion.pk: (value, "") for criterion in criteria}


@pytest.fixture
def seat(juror_declared, current_round):
    return JurySeat.objects.get(user=juror_declared, round=current_round)


def test_scoring_window_opens_at_submission_deadline_and_closes_at_jury_meeting(
    scoring_window, tynset_challenge, seat
):
    jury_settings = JurySettings.for_round(scoring_window)
    opens, closes = jury_settings.opens_at, jury_settings.closes_at

    before = can_score(seat, tynset_challenge, jury_settings, opens - timedelta(seconds=1))
    at_open = can_score(seat, tynset_challenge, jury_settings, opens)
    last_moment = can_score(seat, tynset_challenge, jury_settings, closes - timedelta(seconds=1))
    at_close = can_score(seat, tynset_challenge, jury_settings, closes)

    assert (before, at_open, last_moment, at_close) == (False, True, True, False)


def test_explicit_window_in_settings_overrides_the_deadlines(scoring_window):
    opens = timezone.now() + timedelta(days=30)
    JurySettings.objects.create(
        round=scoring_window, scoring_opens_at=opens, scoring_closes_at=opens + timedelta(days=1)
    )

    jury_settings = JurySettings.for_round(scoring_window)

    assert jury_settings.is_scoring_open_at(timezone.now()) is False
    assert jury_settings.is_scoring_open_at(opens) is True


def test_juror_cannot_save_scores_after_the_window_closes(scoring_window, tynset_challenge, seat):
    closes = JurySettings.for_round(scoring_window).closes_at

    with time_machine.travel(closes, tick=False), pytest.raises(ValidationError):
        services.save_review(
            seat, tynset_challenge, values=all_criteria(4), comment="", submit=True, by=seat.user
        )

    assert Review.objects.count() == 0


def test_juror_must_declare_ties_before_scoring(scoring_window, tynset_challenge, juror):
    seat = JurySeat.objects.get(user=juror)

    with pytest.raises(ValidationError):
        services.save_review(
            seat, tynset_challenge, values=all_criteria(4), comment="", submit=False, by=juror
        )

    services.confirm_conflicts(seat, by=juror)
    review = services.save_review(
        seat, tynset_challenge, values=all_criteria(4), comment="", submit=False, by=juror
    )
    assert review.status == Review.Status.DRAFT


def test_county_tie_recuses_juror_from_every_municipality_in_the_county(
    scoring_window, tynset_challenge, utsira_challenge, seat
):
    ConflictFactory(seat=seat, municipality=None, county=municipality("3427").county)

    pairs = recused_pairs(scoring_window)

    assert pairs == {(tynset_challenge.pk, seat.pk)}


def test_recused_juror_cannot_score_the_challenge(conflicted_juror, tynset_challenge):
    seat = JurySeat.objects.get(user=conflicted_juror)

    with pytest.raises(ValidationError):
        services.save_review(
            seat,
            tynset_challenge,
            values=all_criteria(5),
            comment="",
            submit=True,
            by=conflicted_juror,
        )

    assert Review.objects.filter(seat=seat).count() == 0


def test_recused_jurors_scores_are_left_out_of_the_aggregate(scoring_window, tynset_challenge):
    criterion = Criterion.objects.get(round=scoring_window, key="roadmap")
    for value, conflicted in [(5, False), (3, False), (1, True)]:
        review = ReviewFactory(seat__round=scoring_window, application=tynset_challenge)
        ScoreFactory(review=review, criterion=criterion, value=value)
        if conflicted:
            # Scored before the tie was declared: the score stays but is left out.
            ConflictFactory(seat=review.seat, municipality=tynset_challenge.municipality)

    result = round_results(scoring_window).challenges[tynset_challenge.pk]

    assert result.per_criterion[criterion.pk].mean == 4.0
    assert result.score_count == 2
    assert result.recusal_count == 1


def test_challenge_below_quorum_is_flagged(scoring_window, tynset_challenge):
    criterion = Criterion.objects.get(round=scoring_window, key="roadmap")
    for value in (4, 4, 4, 4):
        ScoreFactory(
            review__seat__round=scoring_window,
            review__application=tynset_challenge,
            criterion=criterion,
            value=value,
        )

    below = round_results(scoring_window).challenges[tynset_challenge.pk].below_quorum
    met = round_results(scoring_window, quorum=4).challenges[tynset_challenge.pk].below_quorum

    assert (below, met) == (True, False)


def test_draft_scores_do_not_count_until_submitted(scoring_window, tynset_challenge, seat):
    services.save_review(
        seat, tynset_challenge, values=all_criteria(4), comment="", submit=False, by=seat.user
    )

    result = round_results(scoring_window).challenges[tynset_challenge.pk]

    assert result.score_count == 0
    assert result.weighted_total is None


def test_every_score_change_is_in_the_audit_trail(scoring_window, tynset_challenge, seat):
    roadmap = Criterion.objects.get(round=scoring_window, key="roadmap")
    services.save_review(
        seat, tynset_challenge, values={roadmap.pk: (3, "")}, comment="", submit=False, by=seat.user
    )

    services.save_review(
        seat,
        tynset_challenge,
        values={roadmap.pk: (None, "")},
        comment="",
        submit=True,
        by=seat.user,
    )

    entries = list(
        AuditEntry.objects.filter(application=tynset_challenge)
        .order_by("pk")
        .values_list("action", "data")
    )
    assert entries == [
        ("scores_saved", {"juror": seat.user_id, "changes": {str(roadmap.pk): [None, 3]}}),
        ("scores_submitted", {"juror": seat.user_id, "changes": {str(roadmap.pk): [3, None]}}),
    ]


def test_selection_outside_the_top_needs_a_justification(scoring_window, staff):
    challenges = [
        HandedInChallengeFactory(round=scoring_window, municipality=municipality(number))
        for number in ("3427", "1151", "1515", "1818")
    ]
    ranks = {challenge.pk: rank for rank, challenge in enumerate(challenges, start=1)}

    with pytest.raises(ValidationError) as error:
        services.record_selection(
            scoring_window, selected=challenges[1:], justifications={}, ranks=ranks, by=staff
        )
    decisions = services.record_selection(
        scoring_window,
        selected=challenges[1:],
        justifications={challenges[3].pk: "Geografisk spredning: Nordland."},
        ranks=ranks,
        by=staff,
    )

    assert error.value.messages == [
        "Gi en begrunnelse for Herøy (Nordland): valget avviker fra rangeringen."
    ]
    assert [decision.rank for decision in decisions] == [2, 3, 4]


@pytest.fixture
def decided_round(scoring_window, staff, municipality_user, other_municipality_user):
    tynset_challenge = HandedInChallengeFactory(
        round=scoring_window, municipality=municipality("3427"), project_leader=municipality_user
    )
    utsira_challenge = HandedInChallengeFactory(
        round=scoring_window,
        municipality=municipality("1151"),
        project_leader=other_municipality_user,
    )
    services.record_selection(
        scoring_window,
        selected=[tynset_challenge],
        justifications={},
        ranks={tynset_challenge.pk: 1},
        by=staff,
    )
    return scoring_window, tynset_challenge, utsira_challenge


def test_publishing_sets_outcomes_through_the_status_door(decided_round, staff):
    round, tynset_challenge, utsira_challenge = decided_round

    services.publish_decision(round, by=staff)

    tynset_challenge.refresh_from_db()
    utsira_challenge.refresh_from_db()
    assert (tynset_challenge.status, utsira_challenge.status) == ("selected", "not_selected")
    assert list(
        utsira_challenge.status_changes.order_by("pk").values_list("from_status", "to_status")
    ) == [("submitted", "under_review"), ("under_review", "not_selected")]
    assert list(Application.objects.visible_to(AnonymousUser()).values_list("pk", flat=True)) == [
        tynset_challenge.pk
    ]


JURY_SUBJECTS = {
    "[Gnist] Tynset er valgt ut til Gnist",
    "[Gnist] Svar på utfordringen fra Utsira",
}


def test_publishing_twice_sends_nothing_twice(
    decided_round, staff, django_capture_on_commit_callbacks
):
    round, _tynset, _utsira = decided_round

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decision(round, by=staff)
    first = [(m.subject, m.to) for m in mail.outbox if m.subject in JURY_SUBJECTS]
    count_after_first = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.publish_decision(round, by=staff)

    assert again == []
    assert len(mail.outbox) == count_after_first
    assert sorted(first) == [
        ("[Gnist] Svar på utfordringen fra Utsira", ["kari@utsira.kommune.no"]),
        ("[Gnist] Tynset er valgt ut til Gnist", ["ingrid@tynset.kommune.no"]),
    ]
    assert Decision.objects.filter(notified_at=None).count() == 0


def test_publishing_sends_the_decision_letter_only(
    decided_round, staff, django_capture_on_commit_callbacks
):
    round, _tynset, _utsira = decided_round

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decision(round, by=staff)

    assert sorted(m.subject for m in mail.outbox) == sorted(JURY_SUBJECTS)


def test_decision_mails_are_not_sent_again_by_a_repeated_batch(
    decided_round, staff, django_capture_on_commit_callbacks
):
    round, _tynset, _utsira = decided_round
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decision(round, by=staff)
    mail.outbox.clear()

    sent = send_decision_mails(round)

    assert (sent, mail.outbox) == (0, [])


def test_decision_mails_use_the_edited_template_in_the_recipients_language(
    decided_round, staff, django_capture_on_commit_callbacks
):
    round, _tynset, utsira_challenge = decided_round
    templates = services.notification_templates(round)
    template = templates["not_selected"]
    template.subject_en = "About {{ municipality }}"
    template.body_en = "Dear {{ municipality }}, thank you for “{{ title }}”."
    template.save()
    utsira_challenge.project_leader.language = "en"
    utsira_challenge.project_leader.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decision(round, by=staff)

    jury_mail = [m for m in mail.outbox if m.subject == "[Gnist] About Utsira"]
    assert len(jury_mail) == 1
    assert jury_mail[0].to == ["kari@utsira.kommune.no"]
    assert jury_mail[0].body.startswith(f"Dear Utsira, thank you for “{utsira_challenge.title}”.")


def test_publishing_without_a_selection_is_refused(scoring_window, tynset_challenge, staff):
    with pytest.raises(ValidationError):
        services.publish_decision(scoring_window, by=staff)

    assert JurySettings.for_round(scoring_window).is_published is False


def test_publishing_can_attach_each_municipalitys_score_profile(
    decided_round, staff, django_capture_on_commit_callbacks
):
    round, tynset_challenge, _utsira = decided_round
    review = ReviewFactory(seat__round=round, application=tynset_challenge)
    for criterion in Criterion.objects.for_round(round):
        ScoreFactory(review=review, criterion=criterion, value=4)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decision(round, by=staff, attach_profiles=True)

    jury_mail = next(m for m in mail.outbox if m.subject == "[Gnist] Tynset er valgt ut til Gnist")
    ((filename, content, mimetype),) = jury_mail.attachments
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert (filename, mimetype) == ("poengprofil-3427.pdf", "application/pdf")
    assert lines[0] == "Poengprofil: Tynset"
    assert "Veikartet 4,00 4,00 4,00" in lines


def test_publishing_while_the_broker_is_down_succeeds_and_the_sweep_sends_the_mails_after(
    decided_round, staff, django_capture_on_commit_callbacks, settings
):
    from gnist.background import sweep_requests
    from gnist.celery import app as celery_app
    from notifications.models import TaskRequest
    from tests.celery_worker import free_port, use_broker

    round, _tynset, _utsira = decided_round
    previous = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.task_always_eager = False
    use_broker(f"redis://127.0.0.1:{free_port()}/0")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            decisions = services.publish_decision(round, by=staff)
    finally:
        use_broker(previous[0])
        celery_app.conf.task_always_eager = previous[1]
    waiting = TaskRequest.objects.get(task="jury.send_decision_notifications")
    nothing_yet = [m for m in mail.outbox if m.subject in JURY_SUBJECTS]

    with django_capture_on_commit_callbacks(execute=True):
        sweep_requests(at=timezone.now())

    waiting.refresh_from_db()
    assert decisions
    assert nothing_yet == []
    assert waiting.status == TaskRequest.Status.DONE
    assert [m for m in mail.outbox if m.subject in JURY_SUBJECTS]
