import pytest
from django.urls import reverse

from phases.models import Phase
from tests.factories import DeadlineFactory, JurySeatFactory, RoundFactory, oslo


@pytest.mark.django_db
def test_landing_highlights_the_running_phase_in_norwegian(client, current_round):
    response = client.get(reverse("portal:landing"))

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["current_phase"].number == 1
    assert '<html lang="nb">' in body
    assert 'aria-current="step"' in body
    assert "De ni utvelgelseskriteriene" in body
    assert "Veikartet" in body


@pytest.mark.django_db
def test_landing_in_english(client, current_round):
    response = client.get("/en/")

    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "The nine selection criteria" in body
    assert "Roadmap" in body


@pytest.mark.django_db
def test_landing_shows_upcoming_deadlines_with_time_left(client, current_round):
    DeadlineFactory(
        round=current_round,
        key="challenge_submission",
        name_nb="Innsendingsfrist",
        at=current_round.phases.get(number=2).ends_at,
    )

    response = client.get(reverse("portal:landing"))

    assert [d.name_nb for d in response.context["upcoming_deadlines"]] == ["Innsendingsfrist"]
    assert "igjen" in response.content.decode()


@pytest.mark.django_db
def test_landing_shows_the_latest_round_and_the_next_opening_when_none_runs(client):
    past = RoundFactory(name="Gnist 2020–2021", slug="2020-2021", phases=oslo(2020, 10, 1))
    JurySeatFactory(round=past, display_name="Mona Handeland")
    RoundFactory(name="Gnist 2031", slug="2031", phases=oslo(2031, 3, 1))

    response = client.get(reverse("portal:landing"))

    assert response.context["round"] == past
    assert response.context["has_ended"] is True
    assert response.context["next_round"].slug == "2031"
    assert "Neste runde, Gnist 2031, åpner 1. mars 2031." in response.content.decode()
    assert "Mona Handeland" in response.content.decode()


@pytest.mark.django_db
def test_landing_without_any_round_says_so(client):
    response = client.get(reverse("portal:landing"))

    assert response.status_code == 200
    assert "Ingen programrunde er publisert ennå." in response.content.decode()


@pytest.mark.django_db
def test_round_list_shows_published_rounds_only(client):
    RoundFactory(name="Gnist 2020–2021", phases=oslo(2020, 10, 1))
    RoundFactory(name="Hemmelig", is_published=False, phases=oslo(2022, 10, 1))

    response = client.get(reverse("phases:round_list"))

    assert [r.name for r in response.context["rounds"]] == ["Gnist 2020–2021"]


def phase_post_data(round, **changes):
    data = {
        "name": round.name,
        "slug": round.slug,
        "intro_nb": "",
        "intro_en": "",
        "contact_name": "",
        "contact_email": "",
        "max_challenges_per_municipality": "1",
        "selected_municipality_count": "3",
        "is_published": "on",
        "phases-TOTAL_FORMS": "1",
        "phases-INITIAL_FORMS": "0",
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "5",
        "phases-0-number": "1",
        "phases-0-name_nb": "Utfordring",
        "phases-0-name_en": "Challenge",
        "phases-0-starts_at": "2021-03-01T00:00",
        "phases-0-ends_at": "2021-03-28T03:00",
        "deadlines-TOTAL_FORMS": "0",
        "deadlines-INITIAL_FORMS": "0",
        "deadlines-MIN_NUM_FORMS": "0",
        "deadlines-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_staff_edit_phase_times_as_oslo_time(client_as):
    round = RoundFactory(name="Gnist 2021", slug="gnist-2021")

    response = client_as("staff").post(
        reverse("phases:staff_round_edit", args=[round.slug]), phase_post_data(round)
    )

    phase = Phase.objects.get(round=round)
    assert response.status_code == 302
    assert phase.ends_at.isoformat() == "2021-03-28T01:00:00+00:00"


@pytest.mark.django_db
def test_staff_phase_error_keeps_what_was_typed(client_as):
    round = RoundFactory(name="Gnist 2021", slug="gnist-2021")
    data = phase_post_data(
        round, **{"phases-0-ends_at": "2021-02-01T00:00", "intro_nb": "Min tekst"}
    )

    response = client_as("staff").post(reverse("phases:staff_round_edit", args=[round.slug]), data)

    assert response.status_code == 200
    assert response.context["phases"].forms[0].errors == {
        "ends_at": ["Fasen må slutte etter at den starter."]
    }
    assert response.context["form"]["intro_nb"].value() == "Min tekst"
    assert Phase.objects.count() == 0
