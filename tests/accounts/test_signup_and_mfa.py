import re
import time
from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

SIGNUP = {
    "full_name": "Eva Innbygger",
    "email": "eva@example.no",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/[^\s]*confirm-email/[^\s]+/)", message.body).group(1)


@pytest.mark.django_db
def test_signup_sends_a_verification_link_and_does_not_sign_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), SIGNUP)

    user = User.objects.get(email="eva@example.no")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert (user.full_name, user.language) == ("Eva Innbygger", "nb")
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["eva@example.no"]
    assert client.get(reverse("accounts:dashboard")).status_code == 302


@pytest.mark.django_db
def test_unverified_account_cannot_sign_in(client):
    client.post(reverse("account_signup"), SIGNUP)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "eva@example.no", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:dashboard")).status_code == 302


@pytest.mark.django_db
def test_verifying_the_address_signs_in_and_makes_a_citizen(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP)
    link = confirmation_link(mail.outbox[0])

    response = client.post(link)

    user = User.objects.get(email="eva@example.no")
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified is True
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    assert user.roles.citizen is True


@pytest.mark.django_db
def test_signup_in_english_records_english_for_e_mails(client):
    client.post("/en/accounts/signup/", SIGNUP)

    assert User.objects.get(email="eva@example.no").language == "en"


@pytest.mark.django_db
def test_login_is_rate_limited_after_repeated_failures(client):
    UserFactory(email="kari@example.no")
    wrong = {"login": "kari@example.no", "password": "wrong-password"}

    responses = [client.post(reverse("account_login"), wrong) for _ in range(6)]

    errors = [list(r.context["form"].non_field_errors()) for r in responses]
    assert [r.status_code for r in responses] == [200] * 6
    assert errors[4] == ["E-postadressen og/eller passordet du oppgav er feil."]
    assert errors[5] == ["For mange innloggingsforsøk. Vennligst prøv igjen senere."]


@pytest.mark.django_db
def test_password_reset_mails_a_link(client, django_capture_on_commit_callbacks):
    UserFactory(email="kari@example.no")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "kari@example.no"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/staff/", "/en/staff/", "/admin/"])
def test_staff_without_totp_is_sent_to_set_it_up(client, path):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_activate_totp')}?next={path.replace('/', '%2F')}"


@pytest.mark.django_db
def test_staff_with_totp_reaches_the_staff_area(client):
    client.force_login(UserFactory(is_staff=True, mfa=True))

    response = client.get(reverse("phases:staff_home"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_juror_without_totp_is_sent_to_set_it_up(client_as):
    response = client_as("juror_without_mfa").get("/staff/")

    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_activate_totp')}?next=%2Fstaff%2F"


@pytest.mark.django_db
def test_municipality_member_is_not_asked_for_totp(client_as):
    response = client_as("municipality_user").get(reverse("accounts:dashboard"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_sign_in_with_totp_asks_for_the_code_before_letting_in(client):
    user = UserFactory(email="stab@doga.no", is_staff=True, mfa=True)
    secret = decrypt(Authenticator.objects.get(user=user).data["secret"])

    first = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    before_code = client.get(reverse("accounts:dashboard"))
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    second = client.post(reverse("mfa_authenticate"), {"code": code})

    assert first.url == reverse("mfa_authenticate")
    assert before_code.status_code == 302
    assert second.status_code == 302
    assert client.get(reverse("phases:staff_home")).status_code == 200


@pytest.mark.django_db
def test_staff_without_totp_holds_no_staff_privilege():
    user = UserFactory(is_staff=True)

    assert (user.roles.programme_staff, user.roles.mfa_missing) == (False, True)


@pytest.mark.django_db
def test_juror_without_totp_holds_no_jury_privilege(juror_without_mfa, current_round):
    roles = juror_without_mfa.roles

    assert (roles.juror_round_ids, roles.mfa_missing) == (frozenset(), True)


@pytest.mark.django_db
def test_staff_with_totp_holds_the_staff_role(staff):
    assert (staff.roles.programme_staff, staff.roles.mfa_missing) == (True, False)


def set_up_then(path: str) -> str:
    """TOTP set-up, then back to ``path``."""
    return f"{reverse('mfa_activate_totp')}?{urlencode({'next': path})}"


@pytest.mark.django_db
def test_staff_without_totp_cannot_read_a_municipalitys_draft(client_as, tynset_draft):
    response = client_as("staff_without_mfa").get(
        reverse("applications:detail", args=[tynset_draft.pk])
    )

    assert response.status_code == 302
    assert response.url == set_up_then(response.request["PATH_INFO"])


@pytest.mark.django_db
def test_staff_without_totp_cannot_download_a_drafts_attachment(client_as, tynset_attachment):
    response = client_as("staff_without_mfa").get(
        reverse(
            "applications:attachment_download",
            args=[tynset_attachment.application_id, tynset_attachment.pk],
        )
    )

    assert response.status_code == 302
    assert response.url == set_up_then(response.request["PATH_INFO"])


@pytest.mark.django_db
def test_juror_without_totp_cannot_read_a_handed_in_challenge(client_as, tynset_submitted):
    response = client_as("juror_without_mfa").get(
        reverse("applications:detail", args=[tynset_submitted.pk])
    )

    assert response.status_code == 302
    assert response.url == set_up_then(response.request["PATH_INFO"])


@pytest.mark.django_db
def test_staff_without_totp_still_uses_their_own_profile(client_as):
    response = client_as("staff_without_mfa").get(reverse("accounts:profile"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_admin_sign_in_form_cannot_skip_the_totp_code(client):
    UserFactory(email="stab@doga.no", is_staff=True, mfa=True)

    response = client.post("/admin/login/", {"username": "stab@doga.no", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=%2Fadmin%2Flogin%2F"
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session
