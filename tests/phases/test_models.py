from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from phases.models import Phase, Round
from tests.factories import PhaseFactory, RoundFactory, oslo


@pytest.fixture
def round_2020(db):
    round = RoundFactory(name="Gnist 2020–2021", slug="2020-2021")
    PhaseFactory(round=round, number=1, starts_at=oslo(2020, 10, 1), ends_at=oslo(2021, 1, 1))
    PhaseFactory(round=round, number=2, starts_at=oslo(2021, 1, 1), ends_at=oslo(2021, 3, 28, 3))
    PhaseFactory(round=round, number=3, starts_at=oslo(2021, 3, 28, 3), ends_at=oslo(2021, 7, 1))
    return round


def phase_number_at(round, moment):
    phase = round.phase_at(moment)
    return phase.number if phase else None


def test_phase_ends_at_midnight_oslo_not_utc(round_2020):
    last_second = datetime(2020, 12, 31, 22, 59, 59, tzinfo=UTC)  # 23:59:59 in Oslo
    midnight = datetime(2020, 12, 31, 23, 0, tzinfo=UTC)  # 00:00 in Oslo

    assert phase_number_at(round_2020, last_second) == 1
    assert phase_number_at(round_2020, midnight) == 2


def test_phase_boundary_on_the_night_clocks_go_forward(round_2020):
    # 28 March 2021: 02:00 CET jumps to 03:00 CEST, so 03:00 in Oslo is 01:00 UTC.
    before = datetime(2021, 3, 28, 0, 59, 59, tzinfo=UTC)
    at = datetime(2021, 3, 28, 1, 0, tzinfo=UTC)

    assert phase_number_at(round_2020, before) == 2
    assert phase_number_at(round_2020, at) == 3


def test_phase_boundary_after_clocks_go_back(db):
    # 25 October 2020: summer time ends at 03:00; noon in Oslo is then 11:00 UTC.
    round = RoundFactory()
    PhaseFactory(round=round, number=1, starts_at=oslo(2020, 10, 1), ends_at=oslo(2020, 10, 25, 12))
    PhaseFactory(round=round, number=2, starts_at=oslo(2020, 10, 25, 12), ends_at=oslo(2020, 12, 1))

    assert phase_number_at(round, datetime(2020, 10, 25, 10, 59, 59, tzinfo=UTC)) == 1
    assert phase_number_at(round, datetime(2020, 10, 25, 11, 0, tzinfo=UTC)) == 2


def test_no_phase_between_phases_or_after_the_round(round_2020):
    assert phase_number_at(round_2020, oslo(2021, 7, 1)) is None
    assert phase_number_at(round_2020, oslo(2020, 9, 30, 23, 59)) is None


def test_capability_follows_the_clock(round_2020):
    Phase.objects.filter(round=round_2020, number=1).update(accepts_applications=True)

    assert round_2020.allows_at("accepts_applications", oslo(2020, 12, 31, 23, 59)) is True
    assert round_2020.allows_at("accepts_applications", oslo(2021, 1, 1)) is False


def test_current_round_prefers_the_pinned_one(round_2020):
    later = RoundFactory(slug="later", phases=oslo(2030, 1, 1))

    assert Round.objects.current(oslo(2021, 2, 1)) == round_2020
    later.is_current = True
    later.save()
    assert Round.objects.current(oslo(2021, 2, 1)) == later


def test_current_round_is_the_latest_started_when_none_runs(round_2020):
    RoundFactory(slug="future", phases=oslo(2030, 1, 1))

    assert Round.objects.current(oslo(2025, 1, 1)) == round_2020
    assert [r.slug for r in Round.objects.upcoming(oslo(2025, 1, 1))] == ["future"]


def test_only_one_round_can_be_pinned(db):
    RoundFactory(is_current=True)

    with pytest.raises(IntegrityError):
        RoundFactory(is_current=True)


def test_phase_must_end_after_it_starts(db):
    with pytest.raises(IntegrityError):
        PhaseFactory(starts_at=oslo(2021, 1, 1), ends_at=oslo(2021, 1, 1))


def test_last_moment_is_shown_as_the_day_before_an_exclusive_midnight_end(round_2020):
    phase = round_2020.phases.get(number=1)

    assert timezone.localtime(phase.last_moment).date().isoformat() == "2020-12-31"


def test_deadline_has_passed_from_its_exact_moment(db):
    round = RoundFactory()
    deadline = round.deadlines.create(
        key="challenge_submission",
        name_nb="Frist",
        name_en="Deadline",
        at=oslo(2020, 12, 11, 23, 59),
    )

    assert deadline.has_passed_at(oslo(2020, 12, 11, 23, 58, 59)) is False
    assert deadline.has_passed_at(oslo(2020, 12, 11, 23, 59)) is True
    assert round.deadline_at("challenge_submission") == oslo(2020, 12, 11, 23, 59)
    assert round.deadline_at("jury_meeting") is None
    assert deadline.at - timedelta(minutes=1) < deadline.at
