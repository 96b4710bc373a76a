"""Language switch, per-language dates and amounts, and texts that must not mix languages."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from accounts.models import Organisation
from applications.exports import display_value, snapshot_diff
from applications.models import RoadmapPrinciple, SustainableDevelopmentGoal
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

OSLO = ZoneInfo("Europe/Oslo")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "language", "expected"),
    [
        ("/", "en", "/en/"),
        ("/en/", "nb", "/"),
        ("/rounds/", "en", "/en/rounds/"),
        ("/en/rounds/", "nb", "/rounds/"),
        ("/me/", "en", "/en/me/"),
        ("/en/me/", "nb", "/me/"),
        ("/en/rounds/2026-2027/", "nb", "/rounds/2026-2027/"),
        ("/workshops/?page=2", "en", "/en/workshops/?page=2"),
    ],
)
def test_language_switch_keeps_the_page_in_the_other_language(
    client_as, current_round, page, language, expected
):
    client = client_as("municipality_user")
    shown = client.get(page)
    form_next = shown.context["switch_next"]

    response = client.post(reverse("set_language"), {"language": language, "next": form_next})

    assert shown.context["switch_language"] == language
    assert form_next == expected
    assert response.status_code == 302
    assert response.url == expected
    assert client.get(response.url).context["LANGUAGE_CODE"] == language


@pytest.mark.django_db
def test_language_switch_on_an_unknown_page_only_swaps_the_prefix(client):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert response.context["switch_next"] == "/no-such-page/"


@pytest.mark.parametrize(
    ("language", "template", "expected"),
    [
        ("nb", '{{ moment|date:"WEEKDAY_DATETIME_FORMAT" }}', "fredag 30. oktober 2020 12:00"),
        ("en", '{{ moment|date:"WEEKDAY_DATETIME_FORMAT" }}', "Friday 30 October 2020 12:00"),
        ("nb", '{{ moment|date:"ABBR_DATE_FORMAT" }}', "30. okt. 2020"),
        ("en", '{{ moment|date:"ABBR_DATE_FORMAT" }}', "30 Oct 2020"),
        ("nb", '{{ moment|date:"DATE_FORMAT" }}', "30. oktober 2020"),
        ("en", '{{ moment|date:"DATE_FORMAT" }}', "30 October 2020"),
        ("nb", '{{ moment|date:"WEEKDAY_DEADLINE_FORMAT" }}', "fredag 30. oktober 2020 kl. 12:00"),
        ("en", '{{ moment|date:"WEEKDAY_DEADLINE_FORMAT" }}', "Friday 30 October 2020 at 12:00"),
        ("nb", "{% load humanize %}{{ amount|intcomma }}", "175\xa0000"),
        ("en", "{% load humanize %}{{ amount|intcomma }}", "175,000"),
    ],
)
def test_dates_and_amounts_are_written_the_way_each_language_writes_them(
    language, template, expected
):
    context = Context({"moment": datetime(2020, 10, 30, 12, 0, tzinfo=OSLO), "amount": 175000})

    with translation.override(language):
        rendered = Template(template).render(context)

    assert rendered == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_stored_versions_name_reference_rows_in_the_readers_language(language):
    principle = RoadmapPrinciple.objects.get(number=3)
    goal = SustainableDevelopmentGoal.objects.get(number=11)
    old = {"roadmap_principles": f"3. {principle.name_nb}", "sdgs": ""}
    new = {"roadmap_principles": "", "sdgs": f"11. {goal.name_nb}"}

    with translation.override(language):
        lines = [text for change in snapshot_diff(old, new) for _kind, text in change["lines"]]

    names = (
        (principle.name_nb, goal.name_nb)
        if language == "nb"
        else (
            principle.name_en,
            goal.name_en,
        )
    )
    assert principle.name_nb != principle.name_en
    assert lines == [f"3. {names[0]}", f"11. {names[1]}"]


@pytest.mark.parametrize(("language", "expected"), [("nb", "175\xa0000"), ("en", "175,000")])
def test_stored_amounts_have_thousands_separators(language, expected):
    with translation.override(language):
        assert display_value("resources_nok", "175000") == expected


@pytest.mark.django_db
def test_allauth_emails_name_the_portal(client, django_capture_on_commit_callbacks):
    UserFactory(email="kari@example.no")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "kari@example.no"})

    body = mail.outbox[0].body
    assert body.startswith("Hei fra Gnist!\n")
    assert "har bedt om å tilbakestille passordet for brukerkontoen din" in body
    assert body.rstrip().endswith("Takk for at du bruker Gnist!\n127.0.0.1:8000")


@pytest.mark.django_db
def test_sign_out_page_asks_in_correct_bokmal(client_as, citizen):
    response = client_as("citizen").get(reverse("account_logout"))

    assert "Er du sikker på at du vil logge ut?" in response.content.decode()


@pytest.mark.django_db
def test_two_factor_sign_in_offers_avbryt_not_avmeld(client):
    user = UserFactory(email="stab@doga.no", is_staff=True, mfa=True)
    assert Authenticator.objects.filter(user=user).exists()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    page = client.get(reverse("mfa_authenticate")).content.decode()

    assert "Avbryt" in page
    assert "Avmeld" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "Gnist er et initiativ fra DOGA og Nordic Edge"),
        ("/en/", "Gnist is an initiative of DOGA and Nordic Edge"),
    ],
)
def test_programme_owners_are_joined_in_the_pages_language(client, current_round, path, expected):
    for name in ("DOGA", "Nordic Edge"):
        OrganisationFactory(name=name, kind=Organisation.Kind.PROGRAMME)

    page = client.get(path).content.decode()

    assert expected in " ".join(page.split())
