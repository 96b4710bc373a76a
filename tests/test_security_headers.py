"""Response headers: an enforced Content-Security-Policy with nothing inline, Permissions-Policy,
and no caching of what belongs to a signed-in person or is downloaded.

Every page the permission matrix opens with GET is rendered once, as the first
persona that may see it, and checked for inline script and style.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.matrix import PERSONAS
from tests.test_permissions_matrix import ROWS

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style elements and attributes,
    event-handler attributes (``onclick``, htmx ``hx-on``) and ``javascript:`` links."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            if (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
                self.found.append(f"inline <script> {self.getpos()}")
        if tag == "style":
            self.found.append(f"<style> element {self.getpos()}")
        for name, value in attrs:
            if name == "style" or (name.startswith("on") and name.isalpha()):
                self.found.append(f'<{tag} {name}="{value}">')
            if name.startswith(("hx-on", "data-hx-on")):
                self.found.append(f'<{tag} {name}="{value}">')
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f'<{tag} {name}="{value}">')


def directives(header: str) -> dict[str, str]:
    """The policy as {directive: sources}; django-csp writes directives in no fixed order."""
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.found


PAGE_ROWS = [
    (row, next(p for p in PERSONAS if row.expected[p] == 200))
    for row in ROWS
    if row.method == "get" and 200 in row.expected.values()
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "persona"), PAGE_ROWS, ids=[f"{row.url_name}-{persona}" for row, persona in PAGE_ROWS]
)
def test_page_has_no_inline_script_or_style_and_an_enforced_csp(
    request, client_as, current_round, row, persona
):
    get = request.getfixturevalue
    for name in row.fixtures:
        get(name)
    client = client_as(persona)
    args = row.args(get) if callable(row.args) else row.args

    response = client.get(reverse(row.url_name, args=args))

    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == CSP
    if response["Content-Type"].startswith("text/html"):
        assert inline_code(response.content.decode()) == []
    response.close()


def test_the_finder_sees_every_kind_of_inline_code():
    html = (
        '<script>alert(1)</script><script type="application/json">{}</script>'
        '<script src="/static/a.js"></script><style>p{}</style><p style="color:red">'
        '<button onclick="x()" hx-on:click="y()"><a href="javascript:z()">'
    )

    assert len(inline_code(html)) == 6


@pytest.mark.django_db
def test_public_page_has_csp_and_permissions_policy_and_may_be_cached(client):
    response = client.get(reverse("portal:landing"))

    assert directives(response["Content-Security-Policy"]) == CSP
    assert response["Permissions-Policy"].startswith("accelerometer=(), camera=()")
    assert response.has_header("Cache-Control") is False


@pytest.mark.django_db
def test_signed_in_pages_are_not_stored(client_as):
    response = client_as("citizen").get(reverse("portal:landing"))

    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_downloads_are_not_stored_even_without_a_session(client, calendar_token):
    response = client.get(reverse("workshops:ical_private", args=[calendar_token.token]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_attachment_download_is_not_stored(client_as, tynset_attachment):
    response = client_as("municipality_user").get(
        reverse(
            "applications:attachment_download",
            args=[tynset_attachment.application_id, tynset_attachment.pk],
        )
    )
    response.close()

    assert response["Cache-Control"] == "private, no-store"
