"""Refusals and errors in the portal's layout, in the reader's language, saying where to go."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.one_language import visible_text


@pytest.mark.django_db
def test_refused_page_says_why_and_where_to_go(client_as, current_round):
    response = client_as("citizen").get(reverse("phases:staff_home"))

    page = response.content.decode()
    text = visible_text(page, "nb")
    assert response.status_code == 403
    assert "Du har ikke tilgang til denne siden" in text
    assert "Denne siden er for programansatte." in text
    assert f'href="{reverse("account_logout")}"' in page
    assert f'href="{reverse("accounts:dashboard")}"' in page
    assert 'href="mailto:gnist@doga.no"' in page
    assert 'class="navbar' in page


@pytest.mark.django_db
def test_refused_page_is_in_english_on_english_pages(client_as, current_round):
    response = client_as("citizen").get("/en/staff/")

    text = visible_text(response.content.decode(), "en")
    assert response.status_code == 403
    assert "You do not have access to this page" in text
    assert "This page is for programme staff." in text


@pytest.mark.django_db
def test_refusal_without_a_reason_gives_the_general_one(client_as, current_round):
    response = client_as("citizen").get(reverse("applications:staff_list"))

    text = visible_text(response.content.decode(), "nb")
    assert response.status_code == 403
    assert (
        "Denne siden er for programansatte." in text
        or "Siden eller handlingen er for en annen rolle enn den du er logget inn med." in text
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [("/no-such-page/", "nb", "Fant ikke siden"), ("/en/no-such-page/", "en", "Page not found")],
)
def test_missing_page_uses_the_layout_in_the_readers_language(client, path, language, heading):
    response = client.get(path)

    page = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert f'href="{reverse("account_login")}?next={path.replace("/", "%2F")}"' in page


@pytest.mark.django_db
def test_server_error_page_renders_without_the_request(client, settings):
    settings.ROOT_URLCONF = "tests.gnist.urls"
    client.raise_request_exception = False

    response = client.get("/fail/")

    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Noe gikk galt</h1>" in page
    assert 'href="mailto:gnist@doga.no"' in page


def test_favicon_ico_is_answered(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response.url == "/static/img/favicon.ico"


@pytest.mark.django_db
def test_every_page_links_the_icons_it_has(client, current_round):
    page = client.get(reverse("portal:landing")).content.decode()

    for name in ("favicon.svg", "favicon-32.png", "favicon-16.png", "apple-touch-icon.png"):
        assert f"/static/img/{name}" in page
        assert finders.find(f"img/{name}") is not None
