"""Min side: each role's next steps with deadlines, and the latest messages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gnist.emails import queue_email
from tests.factories import (
    ApplicationFactory,
    DeadlineFactory,
    HandedInChallengeFactory,
    WorkshopFactory,
)


@pytest.fixture
def submission_open(current_round):
    current_round.phases.filter(number=1).update(accepts_applications=True)
    DeadlineFactory(
        round=current_round, key="challenge_submission", at=timezone.now() + timedelta(days=10)
    )
    return current_round


def steps_on_page(response) -> list[str]:
    return [f"{step.role}: {step.text}" for step in response.context["next_steps"]]


def test_municipality_member_is_told_to_finish_the_draft_and_what_is_missing(
    client_as, municipality_user, submission_open, tynset
):
    ApplicationFactory(round=submission_open, municipality=tynset, title="Levende sentrum")

    response = client_as("municipality_user").get(reverse("accounts:dashboard"))

    (step,) = response.context["next_steps"]
    assert (
        f"{step.role}: {step.text}" == "Tynset: Fullfør og send inn utfordringen «Levende sentrum»"
    )
    assert step.url == reverse("applications:edit", args=[tynset.applications.get().pk])
    assert step.due == submission_open.deadline_at("challenge_submission")
    assert step.details[0].startswith("Dette mangler fortsatt: ")
    assert "Fullfør og send inn utfordringen «Levende sentrum»" in response.content.decode()


def test_municipality_without_a_challenge_is_told_to_write_one(
    client_as, municipality_user, submission_open
):
    response = client_as("municipality_user").get(reverse("accounts:dashboard"))

    assert steps_on_page(response) == [
        "Tynset: Skriv utfordringen fra Tynset til Gnist 2026–2027",
    ]


def test_county_member_is_asked_to_support_a_handed_in_challenge(
    client_as, county_user, current_round, tynset
):
    HandedInChallengeFactory(round=current_round, municipality=tynset, title="Levende sentrum")

    response = client_as("county_user").get(reverse("accounts:dashboard"))

    assert steps_on_page(response) == [
        "Innlandet fylkeskommune: Støtt utfordringen fra Tynset: «Levende sentrum»"
    ]


def test_juror_sees_how_many_challenges_are_left_to_score(
    client_as, juror, tynset_challenge, utsira_challenge
):
    juror.jury_seats.update(conflicts_declared_at=timezone.now())

    response = client_as("juror").get(reverse("accounts:dashboard"))

    (step,) = response.context["next_steps"]
    assert (step.text, step.url, step.done) == (
        "Vurder 2 av 2 utfordringer",
        reverse("jury:home"),
        False,
    )


def test_juror_who_has_not_declared_ties_is_asked_to_first(client_as, juror, tynset_challenge):
    response = client_as("juror").get(reverse("accounts:dashboard"))

    assert [step.url for step in response.context["next_steps"]] == [reverse("jury:conflicts")]


def test_municipality_member_is_reminded_of_open_workshops(
    client_as, municipality_user, open_workshop
):
    response = client_as("municipality_user").get(reverse("accounts:dashboard"))

    (step,) = response.context["next_steps"]
    assert (step.text, step.details) == (
        "Meld dere på workshopene (1 åpne)",
        [str(open_workshop)],
    )


def test_registered_municipality_is_not_reminded(client_as, municipality_user, open_workshop):
    open_workshop.registrations.create(
        municipality=municipality_user.municipality_memberships.get().municipality,
        full_name="Ingrid",
        email=municipality_user.email,
        department="planning",
    )

    response = client_as("municipality_user").get(reverse("accounts:dashboard"))

    assert response.context["next_steps"] == []


def test_latest_messages_are_only_the_persons_own(client_as, municipality_user, colleague_user):
    queue_email(kind="test", to=[municipality_user.email], subject="Til deg", body_text="Hei")
    queue_email(kind="test", to=[colleague_user.email], subject="Til kollegaen", body_text="Hei")

    response = client_as("municipality_user").get(reverse("accounts:dashboard"))

    assert [m.subject for m in response.context["latest_messages"]] == ["Til deg"]


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_queries_do_not_grow_with_workshops(
    client_as, municipality_user, current_round, count, django_assert_max_num_queries
):
    for _ in range(count):
        WorkshopFactory(round=current_round)
    client = client_as("municipality_user")

    with django_assert_max_num_queries(22):
        client.get(reverse("accounts:dashboard"))
