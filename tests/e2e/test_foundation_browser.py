import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Invitation
from tests.e2e.conftest import axe_violations
from tests.factories import PASSWORD, UserFactory

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


def totp_code(user) -> str:
    secret = decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_staff_signs_in_with_totp_and_invites_to_a_searched_municipality(page, live_server):
    staff = UserFactory(email="stab@doga.no", full_name="Siri Stab", is_staff=True, mfa=True)
    page.set_default_timeout(10_000)

    page.goto(live_server.url + "/accounts/login/?next=/staff/invitations/")
    page.locator("#id_login").fill(staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.locator("#id_code").fill(totp_code(staff))
    page.locator("#id_code").press("Enter")
    expect(page.locator("h1")).to_have_text("Invitasjoner")
    assert axe_violations(page) == []

    page.get_by_label("E-postadresse").fill("arne@heroy.kommune.no")
    page.get_by_label("Søk i listen").fill("herøy")
    visible = page.locator("#id_municipality option:not([hidden])").all_inner_texts()
    assert visible == ["---------", "Herøy (Møre og Romsdal) – 1515", "Herøy (Nordland) – 1818"]
    page.locator("#id_municipality").select_option(label="Herøy (Nordland) – 1818")
    page.get_by_role("button", name="Send invitasjon").click()

    expect(page.get_by_role("cell", name="Herøy (Nordland)")).to_be_visible()
    assert Invitation.objects.get().municipality.number == "1818"
    assert mail.outbox[0].to == ["arne@heroy.kommune.no"]
