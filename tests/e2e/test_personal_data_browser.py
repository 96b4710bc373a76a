import json

import pytest
from playwright.sync_api import expect

from accounts.models import ErasureRequest
from tests.e2e.conftest import axe_violations
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_reads_the_privacy_statement_downloads_their_data_and_asks_for_deletion(
    browser, live_server, citizen
):
    page = browser.new_context(accept_downloads=True).new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email").fill("eva@example.no")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    page.get_by_role("link", name="Privacy statement").click()
    expect(page.locator("h1")).to_have_text("Privacy statement")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Download your data or delete your account").click()
    expect(page.locator("h1")).to_have_text("My data")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["profile"]["email"] == "eva@example.no"

    page.get_by_label("I understand that my account will be deleted").check()
    page.get_by_role("button", name="Ask for my account to be deleted").click()

    expect(page.locator(".alert-success")).to_contain_text("Your request was sent.")
    assert list(ErasureRequest.objects.values_list("user__email", "status")) == [
        ("eva@example.no", "pending")
    ]
