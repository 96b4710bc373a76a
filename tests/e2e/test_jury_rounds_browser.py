"""Next year's round, run in the browser (issue 9): staff create it from last year's round,
seat a juror by invitation; the juror accepts, sets up TOTP and scores in the new round.

Last year's round keeps its scores and its ranking throughout.
"""

import re
import time
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from jury.models import Criterion, JurySeat, JurySettings, Review, Score
from jury.results import ranking_rows, round_results
from phases.models import Round
from tests.e2e.conftest import axe_violations
from tests.e2e.test_jury_browser import sign_in
from tests.factories import (
    PASSWORD,
    DeadlineFactory,
    HandedInChallengeFactory,
    JurySeatFactory,
    ReviewFactory,
    RoundFactory,
    ScoreFactory,
    UserFactory,
    municipality,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scoring_round(name, slug, start, *, closes):
    round = RoundFactory(name=name, slug=slug, phases=start)
    DeadlineFactory(round=round, key="challenge_submission", at=start + timedelta(days=10))
    DeadlineFactory(
        round=round, key="jury_meeting", name_nb="Jurymøte", name_en="Jury meeting", at=closes
    )
    return round


def last_year_scored():
    """Last year's round: two challenges scored by two jurors, the window long closed."""
    start = timezone.now() - timedelta(days=400)
    round = scoring_round("Gnist 2025–2026", "2025-2026", start, closes=start + timedelta(days=90))
    seats = [JurySeatFactory(round=round, order=n) for n in range(2)]
    for number, value in [("1151", 4), ("1515", 2)]:
        challenge = HandedInChallengeFactory(round=round, municipality=municipality(number))
        for seat in seats:
            review = ReviewFactory(seat=seat, application=challenge)
            for criterion in Criterion.objects.for_round(round):
                ScoreFactory(review=review, criterion=criterion, value=value)
    return round


def totp_code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_staff_create_next_round_and_seat_a_juror_who_scores_in_it(page, browser, live_server):
    last_year = last_year_scored()
    ranking_before = ranking_rows(round_results(last_year))
    scores_before = sorted(Score.objects.values_list("pk", "value"))
    staff = UserFactory(email="stab@doga.no", full_name="Siri Stab", is_staff=True, mfa=True)
    page.set_default_timeout(15_000)

    # Staff create next year's round from last year's, starting 20 days ago: every date
    # moves with it, so its scoring window (submission deadline to jury meeting) is open now.
    sign_in(page, live_server, staff, f"{live_server.url}/en/staff/rounds/new/")
    page.locator("#id_name").fill("Gnist 2027–2028")
    page.get_by_label("Short name in addresses").fill("2027-2028")
    page.get_by_label("Copy from").select_option(label="Gnist 2025–2026")
    starts = timezone.localdate() - timedelta(days=20)
    page.get_by_label("Starts").fill(starts.isoformat())
    page.get_by_role("button", name="Create round").click()
    expect(page.get_by_role("status").first).to_contain_text("Gnist 2027–2028 was created.")
    new_round = Round.objects.get(slug="2027-2028")
    assert new_round.phases.count() == last_year.phases.count()
    assert list(new_round.criteria.values_list("key", "weight")) == list(
        last_year.criteria.values_list("key", "weight")
    )
    assert JurySettings.for_round(new_round).is_scoring_open_at(timezone.now())
    challenge = HandedInChallengeFactory(round=new_round, municipality=municipality("3427"))

    # Staff add a personal seat for an expert and invite her by e-mail.
    page.goto(f"{live_server.url}/en/staff/jury/seats/?round=2027-2028")
    expect(page.locator("h1")).to_have_text("Jury seats")
    page.locator("#id_display_name").fill("Hilde Fagekspert")
    page.locator("#id_email").fill("hilde@example.no")
    page.locator("#id_full_name").fill("Hilde Fagekspert")
    page.get_by_role("button", name="Add the seat").click()
    expect(page.get_by_role("status").first).to_contain_text("The seat was added.")
    expect(page.get_by_text("Invited: hilde@example.no")).to_be_visible()
    assert axe_violations(page) == []
    seat = JurySeat.objects.get(round=new_round)
    assert (seat.display_name, seat.organisation, seat.user) == ("Hilde Fagekspert", None, None)

    # The invited expert follows the link in her e-mail, signs up and accepts.
    assert mail.outbox[-1].to == ["hilde@example.no"]
    path = re.search(r"/invitations/[\w-]+/", mail.outbox[-1].body).group(0)
    juror_page = browser.new_page()
    juror_page.set_default_timeout(15_000)
    juror_page.goto(f"{live_server.url}/en{path}")
    expect(juror_page.get_by_text("the jury of Gnist 2027–2028")).to_be_visible()
    juror_page.get_by_role("link", name="Create an account to accept").click()
    juror_page.get_by_label("Full name").fill("Hilde Fagekspert")
    juror_page.get_by_label("Email").fill("hilde@example.no")
    juror_page.locator("#id_password1").fill(PASSWORD)
    juror_page.locator("#id_password2").fill(PASSWORD)
    juror_page.get_by_role("button", name="Sign Up").click()
    juror_page.get_by_role("button", name="Accept the invitation").click()

    # Jurors need TOTP: the panel sends her to set it up first, after her password again.
    expect(juror_page.locator("h1")).to_have_text("Confirm Access")
    juror_page.locator("input[name=password]").fill(PASSWORD)
    juror_page.locator("input[name=password]").press("Enter")
    expect(juror_page.locator("h1")).to_have_text("Activate Authenticator App")
    secret = juror_page.locator("#authenticator_secret").input_value()
    juror_page.locator("#id_code").fill(totp_code_for(secret))
    juror_page.get_by_role("button", name="Activate").click()
    expect(juror_page.locator("h1")).not_to_have_text("Activate Authenticator App")

    # She declares her ties and scores the new round's challenge.
    juror_page.goto(f"{live_server.url}/en/jury/?round=2027-2028")
    expect(juror_page.get_by_text("Gnist 2027–2028 · Hilde Fagekspert")).to_be_visible()
    juror_page.get_by_role("link", name="Declare conflicts of interest").click()
    juror_page.get_by_role("button", name="This list is complete").click()
    juror_page.get_by_role("link", name="Next unscored challenge").click()
    expect(juror_page.locator("h1")).to_contain_text("Tynset")
    for criterion in Criterion.objects.for_round(new_round):
        juror_page.locator(f"input[name=score_{criterion.pk}][value='4']").check()
    juror_page.get_by_role("button", name="Submit scores").click()
    expect(juror_page.get_by_role("status").first).to_contain_text("Your scores are submitted.")

    seat.refresh_from_db()
    review = Review.objects.get(seat=seat)
    assert seat.user.email == "hilde@example.no"
    assert (review.application, review.status) == (challenge, "submitted")
    assert sorted(set(review.scores.values_list("value", flat=True))) == [4]
    # Last year's round is untouched: the same scores and the same ranking.
    assert sorted(Score.objects.exclude(review=review).values_list("pk", "value")) == scores_before
    assert ranking_rows(round_results(last_year)) == ranking_before
    page.goto(f"{live_server.url}/en/staff/jury/ranking/?round=2025-2026")
    expect(page.get_by_role("row", name="Utsira")).to_contain_text("36.00")
    expect(page.get_by_role("row", name="Tynset")).to_have_count(0)
