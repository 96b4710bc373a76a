"""Every page of the portal passes axe-core's WCAG 2.1 A/AA rules in a real browser."""

import pytest
from django.conf import settings
from django.test import Client

from tests.e2e.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (persona, path) — signed in through a session cookie; one page per kind.
PAGES = [
    ("anonymous", "/"),
    ("anonymous", "/en/"),
    ("anonymous", "/rounds/"),
    ("anonymous", "/accounts/login/"),
    ("anonymous", "/accounts/password/reset/"),
    ("municipality_user", "/me/"),
    ("municipality_user", "/me/profile/"),
    ("municipality_user", "/municipalities/3427/members/"),
    ("staff", "/staff/"),
    ("staff", "/staff/rounds/2026-2027/"),
    ("staff", "/staff/invitations/"),
]


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize(("persona", "path"), PAGES)
def test_page_has_no_serious_accessibility_violations(
    request, page, live_server, current_round, persona, path
):
    user = request.getfixturevalue(persona)
    if user is not None:
        sign_in(page.context, live_server, user)

    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
