import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_member_signs_in_registers_two_colleagues_and_sees_them_listed(
    reference_municipalities, page, live_server, municipality_user, open_workshop
):
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/accounts/login/?next=/workshops/{open_workshop.pk}/")
    page.locator("#id_login").fill("ingrid@tynset.kommune.no")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("h1")).to_have_text("Workshop 1: Stedsutvikling")

    page.get_by_role("link", name="Deltakere fra Tynset (Innlandet)").click()
    expect(page.locator("h1")).to_have_text("Deltakere fra Tynset (Innlandet)")
    assert axe_violations(page) == []
    for name, email, department in [
        ("Per Moen", "per@tynset.kommune.no", "business_development"),
        ("Ola Skare", "ola@tynset.kommune.no", "planning"),
    ]:
        page.get_by_label("Navn").fill(name)
        page.get_by_label("E-postadresse").fill(email)
        page.get_by_label("Avdeling").select_option(department)
        page.get_by_role("button", name="Meld på", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text(f"{name} er påmeldt.")

    rows = page.locator("#attendees tbody tr th")
    expect(rows).to_have_text(["Per Moen", "Ola Skare"])
    assert axe_violations(page) == []
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ola@tynset.kommune.no",
        "per@tynset.kommune.no",
    ]
    assert [message.attachments[0][0] for message in mail.outbox] == [
        "workshop.ics",
        "workshop.ics",
    ]
