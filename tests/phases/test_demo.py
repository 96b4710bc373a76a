"""The demo a newcomer tries: the finished 2020–2021 round and a live round whose clock
``seed_demo --phase N`` puts in phase N."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Max, Min
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import ProjectLeader, User
from applications.models import (
    Application,
    ApplicationVersion,
    CountySupport,
    StatusChange,
)
from applications.permissions import can_start_application, can_submit_application
from briefs.models import Brief, BriefVersion
from jury.models import AuditEntry, Conflict, Decision, JurySeat, JurySettings, Review, Score
from jury.permissions import can_score
from jury.results import pool, round_results
from municipalities.models import Municipality
from phases.demo import OSLO, build_live_round, live_round, seed_round
from phases.management.commands.seed_demo import demo_modules
from phases.models import Round
from workshops.models import Material, Registration, Workshop

pytestmark = pytest.mark.django_db


def seed_live_only(phase: int) -> Round:
    """The live round without the finished round's challenges, PDFs and jury (faster)."""
    accounts_demo.seed(seed_round(), stdout=io.StringIO())
    live = build_live_round(timezone.localdate(timezone.now(), OSLO), phase)
    for module in demo_modules():
        if hasattr(module, "seed_live"):
            module.seed_live(live, phase=phase, stdout=io.StringIO())
    return live


def user(email: str) -> User:
    return User.objects.get(email=email)


def challenge(round, number: str) -> Application:
    return Application.objects.select_related("municipality", "round").get(
        round=round, municipality__number=number
    )


@pytest.mark.parametrize("phase", [1, 2, 3, 4, 5])
def test_phase_n_puts_today_inside_phase_n_of_the_live_round_which_is_current(phase):
    live = seed_live_only(phase)
    now = timezone.now()

    assert live.phase_at(now).number == phase
    assert Round.objects.current() == live
    assert Round.objects.published().current() == live


def test_in_phase_1_workshop_registration_and_challenge_submission_are_open():
    live = seed_live_only(1)
    now = timezone.now()

    assert live.allows_at("workshop_registration_open", now)
    open_workshops = [w for w in Workshop.objects.filter(round=live, audience="open")]
    assert [w.accepts_registrations_at(now) for w in open_workshops] == [False, True, True]
    assert Registration.objects.filter(workshop=open_workshops[0], attended=True).count() >= 5

    assert live.allows_at("accepts_applications", now)
    tynset_draft = challenge(live, "3427")
    assert tynset_draft.is_draft
    assert can_submit_application(user("ingrid.tynset@gnist.test"), tynset_draft, now)
    # Utsira has no challenge in the live round yet: its member may start one.
    assert not Application.objects.filter(round=live, municipality__number="1151").exists()
    assert can_start_application(
        user("kari.utsira@gnist.test"), Municipality.objects.get(number="1151")
    )
    assert Application.objects.filter(round=live, status="submitted").count() == 4

    jury_settings = JurySettings.for_round(live)
    assert not jury_settings.is_scoring_open_at(now)
    assert JurySeat.objects.filter(round=live).count() == 5
    assert not Review.objects.filter(seat__round=live).exists()


def test_in_phase_2_the_jury_scores_handed_in_challenges_and_submission_is_closed():
    live = seed_live_only(2)
    now = timezone.now()
    jury_settings = JurySettings.for_round(live)

    assert live.allows_at("jury_scoring_open", now)
    assert jury_settings.is_scoring_open_at(now)
    assert not jury_settings.is_published
    assert pool(live).count() == 7
    halfway = JurySeat.objects.get(round=live, user__email="jury1@gnist.test")
    unscored = pool(live).exclude(reviews__seat=halfway).select_related("municipality")
    assert unscored and all(can_score(halfway, a, jury_settings, now) for a in unscored)
    assert Review.objects.filter(seat=halfway, status="draft").count() == 2
    # The new juror declares their ties before scoring anything.
    newcomer = JurySeat.objects.get(round=live, user__email="jury9@gnist.test")
    assert newcomer.conflicts_declared_at is None
    assert not newcomer.reviews.exists()

    vaga = challenge(live, "3435")
    assert vaga.is_draft and not vaga.is_editable_at(now)
    assert not live.allows_at("accepts_applications", now)


def test_in_phase_3_proposals_are_open_and_the_selection_is_published():
    live = seed_live_only(3)
    now = timezone.now()

    assert live.allows_at("accepts_proposals", now)
    assert live.allows_at("partners_can_follow", now)
    jury_settings = JurySettings.for_round(live)
    assert jury_settings.is_published and not jury_settings.is_scoring_open_at(now)
    assert Application.objects.filter(round=live, status="selected").count() == 3
    assert Brief.objects.filter(round=live).count() == 3
    joint = Workshop.objects.get(round=live, audience="selected")
    assert joint.has_ended_at(now)
    assert joint.registrations.filter(attended=True).count() >= 4


@pytest.mark.parametrize("phase", [4, 5])
def test_in_phases_4_and_5_partners_follow_and_nothing_is_open_to_submit(phase):
    live = seed_live_only(phase)
    now = timezone.now()

    assert live.allows_at("partners_can_follow", now)
    for capability in ("workshop_registration_open", "accepts_applications", "accepts_proposals"):
        assert not live.allows_at(capability, now)


def test_the_live_round_is_rebuilt_by_phase_and_kept_without_one(capsys):
    call_command("seed_demo", force=True, phase=2)
    live = live_round()
    utsira = Municipality.objects.get(number="1151")
    # A newcomer starts Utsira's challenge in the live round...
    Application.objects.create(round=live, municipality=utsira, title="Vår egen utfordring")

    call_command("seed_demo", force=True)

    # ...and running the seed again (as `make run` does) keeps it and the clock.
    assert live_round().pk == live.pk
    assert live.phase_at(timezone.now()).number == 2
    assert Application.objects.filter(round=live, municipality=utsira).exists()
    assert "Live round kept as it is" in capsys.readouterr().out

    call_command("seed_demo", force=True, phase=1)

    assert live_round().phase_at(timezone.now()).number == 1
    assert not Application.objects.filter(round=live_round(), municipality=utsira).exists()
    assert not Review.objects.filter(seat__round=live_round()).exists()


def test_both_demo_rounds_read_like_real_rounds(django_capture_on_commit_callbacks):
    """One seed (it takes a while) and every check of what the demo data looks like."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", force=True, phase=3, stdout=io.StringIO())
    finished, live = Round.objects.get(slug="2020-2021"), live_round()

    every_challenge_text_is_its_own()
    for round in (finished, live):
        the_ranking_has_no_equal_totals(round)
        jurors_disagree_like_a_real_panel(round)
        the_joint_workshop_has_its_attendance(round)
        every_timestamp_falls_inside_the_round_and_before_now(round)
    the_finished_round_keeps_utsira_among_the_selected(finished)
    a_2020_challenge_was_last_saved_in_2020(finished)


TEXT_FIELDS = [
    "title",
    "summary",
    "challenge",
    "project",
    "goals",
    "roadmap_rationale",
    "sdg_rationale",
    "resources_description",
    "anchoring_description",
    "involvement",
    "technology",
    "county_involvement",
]


def every_challenge_text_is_its_own():
    assert Application.objects.count() == 26 + 8
    texts = Application.objects.values_list(*TEXT_FIELDS)
    for position, field in enumerate(TEXT_FIELDS):
        values = [row[position] for row in texts if row[position]]
        assert len(values) == len(set(values)), field


def the_ranking_has_no_equal_totals(round):
    ranking = round_results(round).ranking
    totals = [result.weighted_total for result in ranking]

    assert len(totals) == pool(round).count() > 3
    assert None not in totals
    assert len({f"{total:.2f}" for total in totals}) == len(totals), round
    assert not any(result.tie_break for result in ranking), round


def jurors_disagree_like_a_real_panel(round):
    scores = Score.objects.filter(review__seat__round=round)
    values = set(scores.exclude(value=None).values_list("value", flat=True))
    means = [calibration.mean for calibration in round_results(round).calibration.values()]

    assert values == {1, 2, 3, 4, 5}, round
    assert max(means) - min(means) > 0.8, round
    assert 0 < scores.filter(value=None).count() < scores.count() / 50, round
    assert Conflict.objects.filter(seat__round=round).count() == 1, round


def the_joint_workshop_has_its_attendance(round):
    joint = Workshop.objects.get(round=round, audience="selected")
    selected = Application.objects.filter(round=round, status="selected")
    came = joint.registrations.filter(attended=True)

    assert set(selected.values_list("municipality", flat=True)) == set(
        came.exclude(municipality=None).values_list("municipality", flat=True)
    )
    assert came.filter(county__isnull=False).exists()


# (model, path to the round, timestamp fields)
TIMESTAMPS = [
    (Application, "round", ["created_at", "updated_at", "submitted_at"]),
    (StatusChange, "application__round", ["changed_at"]),
    (ApplicationVersion, "application__round", ["submitted_at"]),
    (CountySupport, "application__round", ["confirmed_at"]),
    (ProjectLeader, "round", ["appointed_at"]),
    (Review, "seat__round", ["updated_at", "submitted_at"]),
    (Conflict, "seat__round", ["created_at"]),
    (AuditEntry, "round", ["created_at"]),
    (Decision, "round", ["decided_at", "notified_at"]),
    (JurySettings, "round", ["published_at"]),
    (Workshop, "round", ["created_at"]),
    (Registration, "workshop__round", ["created_at", "attendance_marked_at"]),
    (Material, "workshop__round", ["published_at"]),
    (Brief, "round", ["created_at"]),
    (BriefVersion, "brief__round", ["created_at"]),
]


def every_timestamp_falls_inside_the_round_and_before_now(round):
    now = timezone.now()
    span = round.phases.aggregate(start=Min("starts_at"), end=Max("ends_at"))
    for model, path, fields in TIMESTAMPS:
        rows = model.objects.filter(**{path: round})
        assert rows.exists(), (model, round)
        for field in fields:
            found = rows.aggregate(first=Min(field), last=Max(field))
            if found["first"] is None:
                continue
            assert span["start"] <= found["first"], (model, field, round)
            assert found["last"] < min(span["end"], now), (model, field, round)


def the_finished_round_keeps_utsira_among_the_selected(finished):
    selected = Application.objects.filter(round=finished, status="selected")

    assert "1151" in selected.values_list("municipality__number", flat=True)
    assert selected.count() == 3
    assert JurySettings.for_round(finished).is_published


def a_2020_challenge_was_last_saved_in_2020(finished):
    tynset = challenge(finished, "3427")

    assert tynset.status == "selected"
    for moment in (tynset.created_at, tynset.updated_at, tynset.submitted_at):
        assert timezone.localtime(moment, OSLO).year == 2020
