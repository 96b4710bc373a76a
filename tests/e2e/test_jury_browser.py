"""A juror scores a challenge with the keyboard in a real browser, then sees the panel."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from playwright.sync_api import expect

from jury.models import Criterion, JurySeat, JurySettings, Review
from tests.e2e.conftest import axe_violations
from tests.factories import PASSWORD, JurySeatFactory, ReviewFactory, ScoreFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_code(user) -> str:
    secret = decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # the middle one is now
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(page, live_server, user, url):
    page.goto(url)
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.locator("input[name=code]").fill(current_code(user))
    page.locator("input[name=code]").press("Enter")


def test_juror_scores_with_the_keyboard_and_only_then_sees_the_panel(
    page, live_server, juror_declared, tynset_challenge
):
    juror = juror_declared
    JurySettings.objects.create(round=tynset_challenge.round, jurors_see_results=True)
    other = ReviewFactory(
        seat=JurySeatFactory(round=tynset_challenge.round, user__full_name="Randi Torvik"),
        application=tynset_challenge,
    )
    for criterion in Criterion.objects.for_round(tynset_challenge.round):
        ScoreFactory(review=other, criterion=criterion, value=2)
    page.set_default_timeout(10_000)
    url = f"{live_server.url}/en/jury/challenges/{tynset_challenge.pk}/"

    sign_in(page, live_server, juror, url)
    expect(page.locator("h1")).to_contain_text("Tynset")
    expect(page.get_by_role("heading", name="The panel's scores")).to_have_count(0)
    assert axe_violations(page) == []

    # Keyboard only: in each criterion, Space picks 1 and three arrow presses move to 4;
    # Tab goes on to the comment and then to the next criterion.
    page.locator("input[type=radio]").first.focus()
    for _criterion in range(Criterion.objects.for_round(tynset_challenge.round).count()):
        page.keyboard.press("Space")
        for _step in range(3):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
    page.keyboard.type("Godt forankret i veikartet.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Submit scores")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").first).to_contain_text("Your scores are submitted.")
    expect(page.get_by_role("heading", name="The panel's scores")).to_be_visible()
    expect(page.get_by_role("row", name="Randi Torvik")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/en/jury/")
    expect(page.get_by_text("Submitted: 1 of 1")).to_be_visible()
    assert axe_violations(page) == []
    review = Review.objects.get(seat=JurySeat.objects.get(user=juror))
    assert (review.status, review.comment) == ("submitted", "Godt forankret i veikartet.")
    assert sorted(set(review.scores.values_list("value", flat=True))) == [4]


def test_staff_jury_pages_pass_the_accessibility_checks(
    page, live_server, staff, tynset_challenge, utsira_challenge
):
    review = ReviewFactory(seat__round=tynset_challenge.round, application=tynset_challenge)
    for criterion in Criterion.objects.for_round(tynset_challenge.round):
        ScoreFactory(review=review, criterion=criterion, value=3)
    page.set_default_timeout(10_000)
    base = f"{live_server.url}/en/staff/jury/"

    sign_in(page, live_server, staff, base + "ranking/")
    expect(page.locator("h1")).to_have_text("Ranking")
    expect(page.get_by_role("row", name="Tynset")).to_contain_text("27.00")
    ranking = axe_violations(page)
    pages = {}
    for path, heading in [
        ("", "Jury – Gnist 2026–2027"),
        ("calibration/", "Calibration"),
        ("decision/", "Decision"),
        ("conflicts/", "Conflicts of interest"),
        ("templates/", "E-mail texts"),
        ("audit/", "Audit trail"),
    ]:
        page.goto(base + path)
        expect(page.locator("h1")).to_have_text(heading)
        pages[path] = axe_violations(page)

    assert ranking == []
    assert pages == {path: [] for path in pages}
