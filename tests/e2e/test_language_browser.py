import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_language_switch_goes_both_ways_on_the_same_page_and_nothing_is_missing(
    page, live_server, current_round
):
    missing = []
    page.on("response", lambda response: response.status == 404 and missing.append(response.url))
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/rounds/")

    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(live_server.url + "/en/rounds/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Norsk").click()
    expect(page).to_have_url(live_server.url + "/rounds/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    page.goto(live_server.url + "/favicon.ico")

    assert missing == []
