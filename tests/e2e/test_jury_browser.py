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
from tests.factories import PASSWORD, JurySeatFactory, ReviewFactory, ScoreFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _async_unsafe(monkeypatch):
    # Playwright's sync API runs an event loop in the test thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def current_code(user) -> str:
    secret = decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # the middle one is now
    return format_hotp_value(hotp_value(secret, counter))


def test_juror_scores_with_the_keyboard_and_only_then_sees_the_panel(
    page, live_server, juror_declared, tynset_challenge
):
    juror = juror_declared
    JurySettings.objects.create(round=tynset_challenge.round, jurors_see_results=True)
    other = ReviewFactory(
        seat=JurySeatFactory(round=tynset_challenge.round, user__full_name="Randi Torvik"),
        application=tynset_challenge,
    )
    for criterion in Criterion.objects.all():
        ScoreFactory(review=other, criterion=criterion, value=2)
    page.set_default_timeout(10_000)
    url = f"{live_server.url}/en/jury/challenges/{tynset_challenge.pk}/"

    page.goto(url)
    page.locator("input[name=login]").fill(juror.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.locator("input[name=code]").fill(current_code(juror))
    page.locator("input[name=code]").press("Enter")
    expect(page.locator("h1")).to_contain_text("Tynset")
    expect(page.get_by_role("heading", name="The panel's scores")).to_have_count(0)

    # Keyboard only: in each criterion, Space picks 1 and three arrow presses move to 4;
    # Tab goes on to the comment and then to the next criterion.
    page.locator("input[type=radio]").first.focus()
    for _criterion in range(Criterion.objects.count()):
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
    review = Review.objects.get(seat=JurySeat.objects.get(user=juror))
    assert (review.status, review.comment) == ("submitted", "Godt forankret i veikartet.")
    assert sorted(set(review.scores.values_list("value", flat=True))) == [4]
