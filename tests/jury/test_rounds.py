"""The jury's pages know their round: a juror keeps each round's panel, staff pick the round."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from jury.models import AuditEntry, Criterion, JurySettings, Review
from tests.factories import (
    DeadlineFactory,
    HandedInChallengeFactory,
    JurySeatFactory,
    ReviewFactory,
    RoundFactory,
    ScoreFactory,
    oslo,
)

pytestmark = pytest.mark.django_db


def full_post(value="4", round=None):
    criteria = (
        Criterion.objects.for_round(round) if round else Criterion.objects.exclude(round=None)
    )
    data = {f"score_{criterion.pk}": value for criterion in criteria}
    data["submit"] = "1"
    return data


def scored(seat, application, value=3):
    review = ReviewFactory(seat=seat, application=application)
    for criterion in Criterion.objects.for_round(application.round):
        ScoreFactory(review=review, criterion=criterion, value=value)
    return review


def test_juror_of_two_rounds_sees_each_round_in_its_own_panel(
    client_as, juror_declared, tynset_challenge, last_round_seat, last_round_challenge
):
    client = client_as("juror")

    this_year = client.get(reverse("jury:home"))
    last_year = client.get(reverse("jury:home") + "?round=2025-2026")

    assert (this_year.context["round"].slug, this_year.context["finished"]) == ("2026-2027", False)
    assert [row["pk"] for row in this_year.context["rows"]] == [tynset_challenge.pk]
    assert (last_year.context["round"].slug, last_year.context["finished"]) == ("2025-2026", True)
    assert [row["pk"] for row in last_year.context["rows"]] == [last_round_challenge.pk]
    assert [option.slug for option in last_year.context["choice"].rounds] == [
        "2026-2027",
        "2025-2026",
    ]


def test_finished_round_panel_is_read_only_with_the_reason(
    client_as, juror_declared, tynset_challenge, last_round_seat, last_round_challenge
):
    client = client_as("juror")
    closed_on = JurySettings.for_round(last_round_seat.round).closes_at

    panel = client.get(reverse("jury:home") + "?round=2025-2026")
    page = client.get(reverse("jury:score", args=[last_round_challenge.pk]))
    refused = client.post(reverse("jury:score", args=[last_round_challenge.pk]), full_post())
    conflicts = client.post(reverse("jury:conflicts") + "?round=2025-2026", {"confirm": "1"})
    accepted = client.post(reverse("jury:score", args=[tynset_challenge.pk]), full_post())

    closed = date_format(timezone.localtime(closed_on), "j. F Y H:i")
    assert panel.context["next_unscored"] is None
    assert panel.context["closed_reason"] == f"Perioden for poenggiving ble avsluttet {closed}."
    assert "Panelet ditt kan bare leses." in panel.content.decode()
    assert page.context["may_score"] is False
    assert page.context["closed_reason"] == panel.context["closed_reason"]
    assert (refused.status_code, conflicts.status_code, accepted.status_code) == (403, 403, 302)
    assert list(Review.objects.values_list("application_id", "seat__round__slug")) == [
        (tynset_challenge.pk, "2026-2027")
    ]


def test_published_round_panel_gives_the_decision_as_reason(
    client_as, juror_declared, tynset_challenge
):
    JurySettings.objects.create(round=tynset_challenge.round, published_at=timezone.now())

    response = client_as("juror").get(reverse("jury:score", args=[tynset_challenge.pk]))

    assert response.context["may_score"] is False
    assert str(response.context["closed_reason"]) == "Vedtaket er offentliggjort."


def test_juror_keeps_their_panel_when_another_round_becomes_current(
    client_as, juror_declared, tynset_challenge
):
    RoundFactory(name="Gnist 2027–2028", slug="2027-2028", is_current=True)
    client = client_as("juror")

    home = client.get(reverse("jury:home"))
    scored_response = client.post(reverse("jury:score", args=[tynset_challenge.pk]), full_post())

    assert home.status_code == 200
    assert home.context["round"].slug == "2026-2027"
    assert scored_response.status_code == 302
    assert Review.objects.get().status == "submitted"


def test_juror_of_last_round_only_opens_its_challenge_from_the_challenge_round(
    client_as, last_round_juror, last_round_challenge, tynset_challenge
):
    client = client_as("last_round_juror")

    own = client.get(reverse("jury:score", args=[last_round_challenge.pk]))
    other_round = client.get(reverse("jury:score", args=[tynset_challenge.pk]))
    home = client.get(reverse("jury:home"))
    not_theirs = client.get(reverse("jury:home") + "?round=2026-2027")

    assert (own.status_code, other_round.status_code, not_theirs.status_code) == (200, 404, 404)
    assert own.context["round"].slug == "2025-2026"
    assert home.context["round"].slug == "2025-2026"


def test_staff_pages_show_the_chosen_round_and_remember_it(
    client_as, staff, tynset_challenge, last_round_challenge, last_round_juror
):
    client = client_as("staff")

    chosen = client.get(reverse("jury:staff_ranking") + "?round=2025-2026")
    remembered = client.get(reverse("jury:staff_calibration"))
    seats = client.get(reverse("jury:staff_seats"))

    assert [row["title"] for row in chosen.context["rows"]] == [str(last_round_challenge)]
    assert remembered.context["round"].slug == "2025-2026"
    assert [row["seat"].user for row in seats.context["rows"]] == [last_round_juror]


def test_staff_post_acts_on_the_round_in_its_url_not_the_remembered_one(
    client_as, staff, scoring_window, last_round
):
    client = client_as("staff")
    client.get(reverse("jury:staff_home") + "?round=2025-2026")

    client.post(reverse("jury:staff_home"), {"quorum": "3"})
    client.post(reverse("jury:staff_home") + "?round=2025-2026", {"quorum": "4"})

    assert dict(JurySettings.objects.values_list("round__slug", "quorum")) == {
        "2026-2027": 3,
        "2025-2026": 4,
    }
    assert list(AuditEntry.objects.order_by("pk").values_list("round__slug", "action")) == [
        ("2026-2027", "settings_changed"),
        ("2025-2026", "settings_changed"),
    ]


def test_staff_page_forms_name_their_round(client_as, staff, last_round):
    client = client_as("staff")

    pages = [
        client.get(reverse(name) + "?round=2025-2026").content.decode()
        for name in ["jury:staff_home", "jury:staff_conflicts", "jury:staff_seats"]
    ]

    for html in pages:
        actions = re.findall(r'<form method="post" action="([^"]*)"', html)
        assert actions
        assert all("round=2025-2026" in action or "/seats/" in action for action in actions)


def test_last_round_ranking_stays_when_this_round_is_scored(
    client_as, staff, juror_declared, tynset_challenge, last_round_seat, last_round_challenge
):
    scored(last_round_seat, last_round_challenge, value=5)
    client = client_as("staff")
    url = reverse("jury:staff_ranking") + "?round=2025-2026"
    before = ranking_table(client.get(url))

    client_as("juror").post(reverse("jury:score", args=[tynset_challenge.pk]), full_post("2"))
    after = ranking_table(client_as("staff").get(url))

    assert Review.objects.count() == 2
    assert "Fjorårets utfordring fra Utsira" in before
    assert before == after


def ranking_table(response) -> str:
    return re.search(r"<table.*</table>", response.content.decode(), re.S).group(0)


def add_rounds(count, seat_user=None):
    """``count`` earlier rounds, one a year back, each with a handed-in challenge."""
    for n in range(count):
        start = oslo(2019 - n, 10, 1)
        round = RoundFactory(name=f"Gnist {2019 - n}", slug=f"r{2019 - n}", phases=start)
        DeadlineFactory(round=round, key="challenge_submission", at=start + timedelta(days=60))
        HandedInChallengeFactory(round=round)
        if seat_user is not None:
            JurySeatFactory(round=round, user=seat_user)


@pytest.mark.parametrize("round_count", [1, 3])
def test_juror_panel_query_count_is_constant_with_rounds(
    client_as, juror_declared, tynset_challenge, round_count, django_assert_num_queries
):
    add_rounds(round_count, seat_user=juror_declared)
    client = client_as("juror")
    client.get(reverse("jury:home") + "?round=2026-2027")

    with django_assert_num_queries(11):
        client.get(reverse("jury:home") + "?round=2026-2027")


@pytest.mark.parametrize("round_count", [1, 3])
@pytest.mark.parametrize(
    "name",
    [
        "jury:staff_home",
        "jury:staff_seats",
        "jury:staff_ranking",
        "jury:staff_calibration",
        "jury:staff_decision",
        "jury:staff_conflicts",
        "jury:staff_templates",
        "jury:staff_audit",
    ],
)
def test_staff_jury_page_query_count_is_constant_with_rounds(
    client_as, staff, tynset_challenge, round_count, name, django_assert_num_queries
):
    add_rounds(round_count)
    client = client_as("staff")
    response = client.get(reverse(name) + "?round=2026-2027")
    queries = QUERIES[name]

    with django_assert_num_queries(queries):
        response = client.get(reverse(name) + "?round=2026-2027")

    assert response.status_code == 200


QUERIES = {
    "jury:staff_home": 11,
    "jury:staff_seats": 7,
    "jury:staff_ranking": 11,
    "jury:staff_calibration": 10,
    "jury:staff_decision": 14,
    "jury:staff_conflicts": 9,
    "jury:staff_templates": 6,
    "jury:staff_audit": 6,
}


STAFF_PAGES = [
    "jury:staff_home",
    "jury:staff_seats",
    "jury:staff_conflicts",
    "jury:staff_ranking",
    "jury:staff_calibration",
    "jury:staff_decision",
    "jury:staff_templates",
    "jury:staff_audit",
]


def test_no_link_on_staff_jury_pages_leads_to_a_refusal(
    client_as, staff, tynset_challenge, last_round
):
    client = client_as("staff")
    links = set()
    for name in STAFF_PAGES:
        html = client.get(reverse(name)).content.decode()
        links |= {
            href.replace("&amp;", "&")
            for href in re.findall(r'href="(/[^"#]*)"', html)
            if not href.startswith("/static/")
        }

    statuses = {link: client.get(link).status_code for link in sorted(links)}

    assert {link: status for link, status in statuses.items() if status >= 400} == {}
    assert not any("/admin/" in link for link in links)


def test_staff_area_links_to_the_django_admin_only_for_superusers(client_as, staff, current_round):
    client = client_as("staff")

    for_staff = client.get(reverse("phases:staff_home")).content.decode()
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    for_superuser = client.get(reverse("phases:staff_home")).content.decode()

    assert (reverse("admin:index") in for_staff, reverse("admin:index") in for_superuser) == (
        False,
        True,
    )
