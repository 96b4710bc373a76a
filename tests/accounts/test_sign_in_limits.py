"""Failed sign-ins are limited per account and address, not per address alone."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

TOO_MANY = ["For mange innloggingsforsøk. Vennligst prøv igjen senere."]


def sign_in(client, email, password, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors()) if response.context else []


@pytest.mark.django_db
def test_five_typos_by_one_person_do_not_lock_another_person_on_the_same_address(client):
    UserFactory(email="kari@example.no")
    UserFactory(email="ola@example.no")
    for _ in range(6):
        sign_in(client, "kari@example.no", "wrong-password")

    response = sign_in(client, "ola@example.no", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")


@pytest.mark.django_db
def test_five_typos_lock_that_person_on_that_address_only(client):
    UserFactory(email="kari@example.no")
    for _ in range(5):
        sign_in(client, "kari@example.no", "wrong-password")

    same_address = sign_in(client, "kari@example.no", PASSWORD)
    other_address = sign_in(client, "kari@example.no", PASSWORD, REMOTE_ADDR="192.0.2.7")

    assert errors(same_address) == TOO_MANY
    assert other_address.status_code == 302


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_address_counts_apart(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="kari@example.no")
    behind_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        sign_in(
            client, "kari@example.no", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.1", **behind_proxy
        )

    locked = sign_in(
        client, "kari@example.no", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1", **behind_proxy
    )
    other_client = sign_in(
        client, "kari@example.no", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2", **behind_proxy
    )

    assert errors(locked) == TOO_MANY
    assert other_client.status_code == 302


@pytest.mark.django_db
def test_a_trusted_client_ip_header_names_the_address(client, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    UserFactory(email="kari@example.no")
    for _ in range(5):
        sign_in(client, "kari@example.no", "wrong", HTTP_X_REAL_IP="198.51.100.1")

    locked = sign_in(client, "kari@example.no", PASSWORD, HTTP_X_REAL_IP="198.51.100.1")
    other_client = sign_in(client, "kari@example.no", PASSWORD, HTTP_X_REAL_IP="198.51.100.2")

    assert errors(locked) == TOO_MANY
    assert other_client.status_code == 302


@pytest.mark.django_db
def test_spraying_many_accounts_from_one_address_is_stopped(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "3/5m/ip,5/5m/key",
    }
    UserFactory(email="kari@example.no")
    for n in range(3):
        sign_in(client, f"person{n}@example.no", "wrong-password")

    response = sign_in(client, "kari@example.no", PASSWORD)

    assert errors(response) == TOO_MANY


@pytest.mark.django_db
def test_guessing_one_account_from_many_addresses_is_stopped(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "4/1h/key",
    }
    UserFactory(email="kari@example.no")
    for n in range(4):
        sign_in(client, "kari@example.no", "wrong-password", REMOTE_ADDR=f"192.0.2.{n + 1}")

    response = sign_in(client, "kari@example.no", PASSWORD, REMOTE_ADDR="192.0.2.99")

    assert errors(response) == TOO_MANY
