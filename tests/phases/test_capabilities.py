from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from jury.models import JurySettings
from phases import capabilities
from tests.factories import (
    ApplicationFactory,
    DeadlineFactory,
    PhaseFactory,
    RoundFactory,
    WorkshopFactory,
    oslo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_2020():
    round = RoundFactory(name="Gnist 2020–2021", slug="2020-2021")
    PhaseFactory(round=round, number=1, starts_at=oslo(2020, 10, 1), ends_at=oslo(2021, 1, 1))
    PhaseFactory(round=round, number=2, starts_at=oslo(2021, 1, 1), ends_at=oslo(2021, 4, 1))
    PhaseFactory(round=round, number=3, starts_at=oslo(2021, 4, 1), ends_at=oslo(2021, 7, 1))
    return round


def test_a_capability_opens_with_its_first_flagged_phase(round_2020):
    before = capabilities.challenge_submission(round_2020, oslo(2020, 9, 30, 12))
    during = capabilities.challenge_submission(round_2020, oslo(2020, 11, 1))

    assert before == capabilities.Capability(False, "Det åpner 1. oktober 2020 kl. 00:00.")
    assert during == capabilities.Capability(True, "")


def test_a_deadline_closes_a_capability_with_its_date_as_reason(round_2020):
    closed = capabilities.challenge_submission(
        round_2020, oslo(2020, 12, 11, 12), closes_at=oslo(2020, 12, 11, 12)
    )

    assert closed.reason == "Fristen gikk ut 11. desember 2020 kl. 12:00."


def test_a_capability_no_phase_carries_is_never_open(round_2020):
    round_2020.phases.update(accepts_proposals=False)

    closed = capabilities.proposal_submission(round_2020, oslo(2021, 5, 1))

    assert closed == capabilities.Capability(
        False, "Dette er ikke åpent i noen fase av Gnist 2020–2021."
    )


def test_proposals_follow_their_flag_and_deadline(round_2020):
    DeadlineFactory(round=round_2020, key="proposal_submission", at=oslo(2021, 6, 1, 12))

    open_ = capabilities.proposal_submission(round_2020, oslo(2021, 5, 1))
    closed = capabilities.proposal_submission(round_2020, oslo(2021, 6, 1, 12))

    assert (open_.is_open, closed.reason) == (True, "Fristen gikk ut 1. juni 2021 kl. 12:00.")


def test_jury_scoring_reads_its_flag(round_2020):
    window = {"opens_at": oslo(2020, 12, 11), "closes_at": oslo(2021, 1, 12)}

    with_flag = capabilities.jury_scoring(round_2020, oslo(2020, 12, 20), **window)
    round_2020.phases.update(jury_scoring_open=False)
    without = capabilities.jury_scoring(round_2020, oslo(2020, 12, 20), **window)

    assert (with_flag.is_open, without.is_open) == (True, False)


def test_workshop_registration_reads_its_flag(round_2020):
    workshop = WorkshopFactory(
        round=round_2020, starts_at=oslo(2020, 11, 5, 9), ends_at=oslo(2020, 11, 5, 12)
    )
    moment = oslo(2020, 10, 15)

    with_flag = workshop.registration_at(moment).is_open
    round_2020.phases.update(workshop_registration_open=False)
    without = type(workshop).objects.get(pk=workshop.pk).registration_at(moment).is_open

    assert (with_flag, without) == (True, False)


def test_partners_following_gives_the_phase_as_reason(round_2020):
    refused = capabilities.partners_following(round_2020, oslo(2020, 11, 1))
    allowed = capabilities.partners_following(round_2020, oslo(2021, 2, 1))

    assert refused.reason == ("Samarbeidspartnere kan ikke følge runden i fasen 1. Fase 1.")
    assert allowed.is_open is True


# Pages that refuse show the reason.


def test_closed_workshop_registration_page_shows_why(client_as, current_round, tynset):
    DeadlineFactory(
        round=current_round, key="workshop_registration", at=timezone.now() - timedelta(days=1)
    )
    workshop = WorkshopFactory(round=current_round)
    closes = timezone.localtime(current_round.deadline_at("workshop_registration"))

    response = client_as("municipality_user").get(
        reverse("workshops:register_municipality", args=[workshop.pk, tynset.number])
    )

    assert response.context["registration"].is_open is False
    assert f"Fristen gikk ut {closes.day}." in response.content.decode()


def test_closed_challenge_edit_says_when_the_window_closed(
    client_as, current_round, municipality_user, tynset
):
    deadline = DeadlineFactory(round=current_round, at=oslo(2026, 12, 11, 12))
    application = ApplicationFactory(round=current_round, municipality=tynset)

    with time_machine.travel(deadline.at + timedelta(minutes=1), tick=False):
        response = client_as("municipality_user").get(
            reverse("applications:edit", args=[application.pk])
        )

    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert response.status_code == 302
    assert messages == ["Fristen gikk ut 11. desember 2026 kl. 12:00."]


def test_jury_score_page_says_the_decision_is_published(
    client_as, juror_declared, tynset_challenge
):
    JurySettings.objects.create(round=tynset_challenge.round, published_at=timezone.now())

    response = client_as("juror_declared").get(reverse("jury:score", args=[tynset_challenge.pk]))

    assert response.context["scoring"].reason == "Vedtaket er offentliggjort."
    assert "Vedtaket er offentliggjort." in response.content.decode()


def test_partner_progress_page_says_why_it_is_closed(client_as, current_round):
    response = client_as("partner_user").get(reverse("portal:progress", args=[current_round.slug]))

    assert response.status_code == 403
    assert response.context["reason"] == (
        "Samarbeidspartnere kan ikke følge runden i fasen 1. Fase 1."
    )
