import pytest
from django.urls import reverse

from phases.models import Deadline, Phase, Round
from tests.factories import DeadlineFactory, JurySeatFactory, PhaseFactory, RoundFactory, oslo


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


def round_post_data(round, phases, deadlines=(), **changes):
    """The round page as posted: ``phases`` and ``deadlines`` are lists of field dicts."""
    data = phase_post_data(round)
    data = {
        key: value for key, value in data.items() if not key.startswith(("phases-", "deadlines-"))
    }
    data.update(
        {
            "phases-TOTAL_FORMS": str(len(phases)),
            "phases-INITIAL_FORMS": "0",
            "deadlines-TOTAL_FORMS": str(len(deadlines)),
            "deadlines-INITIAL_FORMS": "0",
        }
    )
    for prefix, rows in (("phases", phases), ("deadlines", deadlines)):
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    data.update(changes)
    return data


def phase_row(number, starts_at, ends_at):
    return {
        "number": number,
        "name_nb": f"Fase {number}",
        "name_en": f"Phase {number}",
        "starts_at": starts_at,
        "ends_at": ends_at,
    }


@pytest.mark.django_db
def test_staff_refuse_overlapping_phases_with_a_message_at_the_field(client_as):
    round = RoundFactory(name="Gnist 2021", slug="gnist-2021")
    data = round_post_data(
        round,
        [
            phase_row("1", "2021-03-01T00:00", "2021-04-01T00:00"),
            phase_row("2", "2021-03-20T00:00", "2021-05-01T00:00"),
        ],
        intro_nb="Min tekst",
    )

    response = client_as("staff").post(reverse("phases:staff_round_edit", args=[round.slug]), data)

    assert response.status_code == 200
    assert response.context["phases"].forms[1].errors == {
        "starts_at": ["Fasen overlapper fase 1, som slutter 1. april 2021 kl. 00:00."]
    }
    assert response.context["phases"].forms[1]["starts_at"].value() == "2021-03-20T00:00"
    assert response.context["form"]["intro_nb"].value() == "Min tekst"
    assert Phase.objects.count() == 0


@pytest.mark.django_db
def test_staff_refuse_a_deadline_outside_the_round(client_as):
    round = RoundFactory(name="Gnist 2021", slug="gnist-2021")
    data = round_post_data(
        round,
        [phase_row("1", "2021-03-01T00:00", "2021-04-01T00:00")],
        [
            {
                "key": "challenge_submission",
                "name_nb": "Frist",
                "name_en": "Deadline",
                "at": "2021-04-02T12:00",
            }
        ],
    )

    response = client_as("staff").post(reverse("phases:staff_round_edit", args=[round.slug]), data)

    assert response.status_code == 200
    assert response.context["deadlines"].forms[0].errors == {
        "at": [
            "Fristen må ligge innenfor runden: 1. mars 2021 kl. 00:00 til 1. april 2021 kl. 00:00."
        ]
    }
    assert (Phase.objects.count(), Deadline.objects.count()) == (0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["0", "6", ""])
def test_staff_refuse_a_phase_without_a_number_from_1_to_5(client_as, number):
    round = RoundFactory(name="Gnist 2021", slug="gnist-2021")
    data = round_post_data(round, [phase_row(number, "2021-03-01T00:00", "2021-04-01T00:00")])

    response = client_as("staff").post(reverse("phases:staff_round_edit", args=[round.slug]), data)

    assert response.status_code == 200
    assert response.context["phases"].forms[0].errors == {
        "number": ["Gi fasen et nummer fra 1 til 5."]
    }
    assert Phase.objects.count() == 0


@pytest.mark.django_db
def test_staff_add_edit_and_remove_phases_and_deadlines_on_the_round_page(client_as):
    round = RoundFactory(name="Gnist 2021", slug="gnist-2021")
    kept = PhaseFactory(round=round, number=1, starts_at=oslo(2021, 3, 1), ends_at=oslo(2021, 4, 1))
    removed = PhaseFactory(
        round=round, number=2, starts_at=oslo(2021, 4, 1), ends_at=oslo(2021, 5, 1)
    )
    data = round_post_data(
        round,
        [
            {**phase_row("1", "2021-03-01T00:00", "2021-04-15T00:00"), "id": kept.pk},
            {
                **phase_row("2", "2021-04-01T00:00", "2021-05-01T00:00"),
                "id": removed.pk,
                "DELETE": "on",
            },
            phase_row("3", "2021-05-01T00:00", "2021-06-01T00:00"),
        ],
        [{"key": "other", "name_nb": "Møte", "name_en": "Meeting", "at": "2021-03-10T09:00"}],
        **{"phases-INITIAL_FORMS": "2"},
    )

    response = client_as("staff").post(reverse("phases:staff_round_edit", args=[round.slug]), data)

    assert response.status_code == 302
    assert [(p.number, p.ends_at) for p in round.phases.all()] == [
        (1, oslo(2021, 4, 15)),
        (3, oslo(2021, 6, 1)),
    ]
    assert list(round.deadlines.values_list("name_nb", flat=True)) == ["Møte"]


@pytest.mark.django_db
def test_staff_create_next_round_from_the_previous_one(client_as):
    template = RoundFactory(name="Gnist 2026", slug="2026")
    PhaseFactory(round=template, number=1, starts_at=oslo(2026, 10, 1, 9), ends_at=oslo(2027, 1, 1))

    response = client_as("staff").post(
        reverse("phases:staff_round_create"),
        {"name": "Gnist 2027", "slug": "2027", "template": template.pk, "starts_on": "2027-10-01"},
    )

    new = Round.objects.get(slug="2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("phases:staff_round_edit", args=["2027"])
    assert new.phases.get().starts_at == oslo(2027, 10, 1, 9)
    assert new.criteria.count() == 9


@pytest.mark.django_db
def test_staff_create_a_round_without_template_gets_five_phases(client_as):
    response = client_as("staff").post(
        reverse("phases:staff_round_create"),
        {"name": "Gnist 2027", "slug": "2027", "template": "", "starts_on": "2027-10-01"},
    )

    new = Round.objects.get(slug="2027")
    assert response.status_code == 302
    assert list(new.phases.values_list("number", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_new_round_form_refuses_a_slug_in_use_and_keeps_the_rest(client_as, current_round):
    response = client_as("staff").post(
        reverse("phases:staff_round_create"),
        {"name": "Gnist ny", "slug": current_round.slug, "starts_on": "2027-10-01"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "slug": ["Det finnes allerede en runde med dette kortnavnet."]
    }
    assert response.context["form"]["name"].value() == "Gnist ny"
