"""Challenges with two rounds in the database: this year's and last year's, finished.

Tynset submitted a challenge last year (``tynset_last_year``); each page shows the
round it is about, and a POST acts on the round its form names.
"""

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, DeadlineExtension, accepts_new_challenge
from tests.factories import municipality, submitted_application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def titles(applications):
    return [application.title for application in applications]


def test_our_challenges_shows_every_round_newest_first(
    client_as, municipality_user, tynset_last_year, tynset_draft
):
    client = client_as("municipality_user")

    response = client.get(reverse("applications:mine"))

    sections = [
        (round.slug, [(m.number, titles(apps), can_start) for m, apps, can_start in groups])
        for round, groups in response.context["sections"]
    ]
    assert sections == [
        ("2026-2027", [("3427", ["Mobilitetshub i Tynset sentrum"], False)]),
        ("2025-2026", [("3427", ["Fjorårets utfordring: tomme lokaler"], False)]),
    ]
    assert "Fjorårets utfordring: tomme lokaler" in response.content.decode()


def test_a_new_challenge_can_be_started_only_in_the_round_that_accepts_them_now(
    client_as, municipality_user, tynset_last_year, challenge_deadline
):
    client = client_as("municipality_user")

    response = client.get(reverse("applications:mine"))

    starts = [
        (round.slug, can_start)
        for round, groups in response.context["sections"]
        for _municipality, _apps, can_start in groups
    ]
    assert starts == [("2026-2027", True), ("2025-2026", False)]
    assert 'name="round" value="2026-2027"' in response.content.decode()


def test_starting_a_challenge_in_a_finished_round_is_refused_with_the_reason(
    client_as, municipality_user, last_round, current_round, challenge_deadline
):
    client = client_as("municipality_user")

    response = client.post(reverse("applications:start", args=["3427"]), {"round": last_round.slug})

    assert response.status_code == 302
    assert not Application.objects.filter(round=last_round).exists()
    probe = Application(round=last_round, municipality=municipality("3427"))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        str(probe.submission_at(timezone.now()).reason)
    ]


def test_starting_a_challenge_follows_the_posted_round_not_the_remembered_one(
    client_as, municipality_user, last_round, current_round, challenge_deadline
):
    client = client_as("municipality_user")
    client.get(reverse("applications:county_dashboard") + f"?round={last_round.slug}")

    client.post(reverse("applications:start", args=["3427"]), {"round": current_round.slug})

    assert Application.objects.get().round == current_round


def test_a_running_round_is_open_for_new_challenges_and_a_finished_one_is_not(
    current_round, last_round, challenge_deadline, tynset
):
    now = timezone.now()

    assert accepts_new_challenge(current_round, tynset, now)
    assert not accepts_new_challenge(last_round, tynset, now)


def test_staff_list_defaults_to_the_current_round_and_the_picker_switches(
    client_as, staff, tynset_last_year, utsira_draft
):
    client = client_as("staff")

    current = client.get(reverse("applications:staff_list"))
    last = client.get(reverse("applications:staff_list") + "?round=2025-2026")
    remembered = client.get(reverse("applications:staff_list"))

    assert titles(current.context["applications"]) == ["Helårs reiseliv på Utsira"]
    assert titles(last.context["applications"]) == ["Fjorårets utfordring: tomme lokaler"]
    assert titles(remembered.context["applications"]) == ["Fjorårets utfordring: tomme lokaler"]
    assert last.context["count_rows"] == [("Innlandet", [0, 1, 0, 0, 0, 0], 1)]
    assert 'id="round-picker"' in last.content.decode()


def test_exports_export_the_round_shown(client_as, staff, tynset_last_year, utsira_draft):
    client = client_as("staff")

    page = client.get(reverse("applications:staff_list") + "?round=2025-2026")
    export_url = reverse("applications:staff_export_csv") + "?" + page.context["query_string"]
    client.get(reverse("applications:staff_list") + "?round=2026-2027")  # another tab
    response = client.get(export_url)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[4] for row in rows[1:]] == ["Fjorårets utfordring: tomme lokaler"]
    assert response["Content-Disposition"] == (
        'attachment; filename="gnist-challenges-2025-2026.csv"'
    )


def test_moving_to_review_acts_on_the_posted_round_only(
    client_as, staff, last_round, tynset_last_year, current_round
):
    this_year = submitted_application(
        round=current_round, municipality=tynset_last_year.municipality
    )
    client = client_as("staff")
    client.get(reverse("applications:staff_list") + "?round=2026-2027")

    response = client.post(reverse("applications:staff_start_review"), {"round": last_round.slug})

    tynset_last_year.refresh_from_db()
    this_year.refresh_from_db()
    assert (tynset_last_year.status, this_year.status) == ("under_review", "submitted")
    assert response.url == reverse("applications:staff_list") + "?round=2025-2026"


def test_county_dashboard_shows_last_years_challenges_when_chosen(
    client_as, county_user, tynset_last_year, tynset_submitted
):
    client = client_as("county_user")

    current = client.get(reverse("applications:county_dashboard"))
    last = client.get(reverse("applications:county_dashboard") + "?round=2025-2026")

    def shown(response):
        return [
            item["application"].title
            for row in response.context["rows"]
            for item in row["applications"]
        ]

    assert shown(current) == ["Sentrumsutvikling med tomme lokaler"]
    assert shown(last) == ["Fjorårets utfordring: tomme lokaler"]


def test_an_extension_is_granted_in_the_round_the_form_names(
    client_as, staff, last_round, current_round, tynset
):
    client = client_as("staff")
    client.get(reverse("applications:staff_extensions") + "?round=2026-2027")

    client.post(
        reverse("applications:staff_extensions"),
        {
            "round": last_round.slug,
            "municipality": tynset.pk,
            "until": "2026-01-15T12:00",
            "reason": "Kommunestyret møttes sent",
        },
    )

    assert DeadlineExtension.objects.get().round == last_round
