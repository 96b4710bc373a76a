import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_newcomer_reads_the_landing_page_signs_up_and_verifies(page, live_server, current_round):
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_text("Gnist 2026–2027")
    assert axe_violations(page) == []

    # Keyboard: the first Tab reaches the skip link, Enter moves to the main content.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="The nine selection criteria")).to_be_visible()

    page.get_by_role("link", name="Create account").click()
    assert axe_violations(page) == []
    page.get_by_label("Full name").fill("Eva Innbygger")
    page.get_by_label("Email").fill("eva@example.no")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator("h1")).to_have_text("Verify Your Email Address")

    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link.replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Confirm").click()

    expect(page.locator("h1")).to_have_text("My page")
    expect(page.get_by_text("Citizen: you can follow the programme")).to_be_visible()
    assert axe_violations(page) == []
