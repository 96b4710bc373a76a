"""The enforced Content-Security-Policy breaks nothing: Chromium reports no violation
while people use the pages that run JavaScript (menu, htmx autosave, TOTP set-up)."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_csp(page) -> list[str]:
    """Every CSP violation the page reports, from the DOM event and from the console."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return violations


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_challenge_editing_with_autosave_runs_under_the_csp(
    browser, live_server, municipality_user, challenge_deadline, media_root
):
    page = browser.new_context(viewport={"width": 400, "height": 900}).new_page()
    page.set_default_timeout(10_000)
    violations = watch_csp(page)

    sign_in(page, live_server, "ingrid@tynset.kommune.no")
    page.get_by_role("button", name="Show menu").click()
    expect(page.get_by_role("link", name="Our challenges")).to_be_visible()
    page.goto(live_server.url + "/en/challenges/")
    page.get_by_role("button", name="Start a new challenge").click()
    page.locator("#id_title").fill("Mobilitetshub på Tynset")
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved")

    assert violations == []


def test_staff_sets_up_totp_under_the_csp(browser, live_server):
    UserFactory(email="stab@doga.no", is_staff=True)
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    violations = watch_csp(page)

    sign_in(page, live_server, "stab@doga.no")
    page.goto(live_server.url + "/en/staff/")
    # allauth asks for the password again before a new authenticator is added.
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    qr_code = page.locator("img[src^='data:']")
    expect(qr_code).to_be_visible()

    assert page.evaluate("img => img.naturalWidth", qr_code.element_handle()) > 0
    assert violations == []
