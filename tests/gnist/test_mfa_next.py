"""Two-factor set-up and sign-in take people back to the page they asked for."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/staff/", "/en/staff/"])
def test_sign_in_with_totp_ends_on_the_page_asked_for(client, path):
    user = UserFactory(email="stab@doga.no", is_staff=True, mfa=True)
    secret = decrypt(Authenticator.objects.get(user=user).data["secret"])
    to_login = client.get(path)

    to_code = client.post(to_login.url, {"login": user.email, "password": PASSWORD})
    signed_in = client.post(to_code.url, {"code": current_code(secret)})

    assert to_code.url == reverse("mfa_authenticate")
    assert signed_in.url == path


@pytest.mark.django_db
def test_totp_set_up_shows_recovery_codes_with_a_link_back_to_the_page_asked_for(client):
    user = UserFactory(email="ny@doga.no", is_staff=True)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    to_set_up = client.get("/staff/")
    to_reauthenticate = client.get(to_set_up.url)
    back = client.post(to_reauthenticate.url, {"password": PASSWORD})
    form_page = client.get(back.url)
    secret = form_page.context["form"].secret

    activated = client.post(to_set_up.url, {"code": current_code(secret)})
    codes_page = client.get(activated.url)

    assert to_set_up.url == "/accounts/2fa/totp/activate/?next=%2Fstaff%2F"
    assert back.url == to_set_up.url
    assert 'action="/accounts/2fa/totp/activate/?next=%2Fstaff%2F"' in (form_page.content.decode())
    assert activated.url == "/accounts/2fa/recovery-codes/?next=%2Fstaff%2F"
    assert codes_page.context["next_url"] == "/staff/"
    assert 'href="/staff/"' in codes_page.content.decode()
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_totp_set_up_ignores_a_next_to_another_site(client):
    user = UserFactory(email="ny@doga.no", is_staff=True)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    url = "/accounts/2fa/totp/activate/?next=https%3A%2F%2Fevil.example%2F"
    client.post(client.get(url).url, {"password": PASSWORD})
    secret = client.get(url).context["form"].secret

    activated = client.post(url, {"code": current_code(secret)})

    assert activated.url == "/accounts/2fa/recovery-codes/"
