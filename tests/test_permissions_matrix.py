"""Every page of the portal × every persona, with the status each must get.

Anonymous → 302 to sign-in; refused → 403; an object one must not learn
exists → 404; staff and jurors without MFA → 302 to set-up. The rows live in
``tests/<app>/matrix_rows.py``; every new page adds its rows there.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import get_resolver, reverse

from tests.matrix import PERSONAS


def collect_rows():
    rows = []
    for path in sorted(Path(__file__).parent.glob("*/matrix_rows.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.matrix_rows")
        rows.extend(module.ROWS)
    return rows


ROWS = collect_rows()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_page_access(request, client_as, current_round, persona, row):
    get = request.getfixturevalue
    for name in row.fixtures:
        get(name)
    client = client_as(persona)
    args = row.args(get) if callable(row.args) else row.args
    data = row.data(get) if callable(row.data) else (row.data or {})
    url = reverse(row.url_name, args=args)

    response = client.post(url, data) if row.method == "post" else client.get(url)
    response.close()  # file downloads are streamed; close them so no file handle leaks

    assert response.status_code == row.expected[persona]


def test_matrix_covers_every_named_url_of_our_apps():
    ours = {"accounts", "phases", "portal"}
    covered = {row.url_name for row in ROWS}
    missing = []
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        if namespace in ours | set(ALSO_COVERED_NAMESPACES):
            for name in resolver.reverse_dict:
                if isinstance(name, str) and f"{namespace}:{name}" not in covered:
                    missing.append(f"{namespace}:{name}")

    assert sorted(missing) == []


# Namespaces of later apps whose rows must also be complete.
ALSO_COVERED_NAMESPACES = ["workshops", "applications", "jury", "competitions", "notifications"]


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_with_next(client, current_round):
    response = client.get(reverse("accounts:dashboard"))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/me/"


@pytest.mark.django_db
def test_unpublished_round_is_404_to_everyone_but_staff(client_as, current_round):
    current_round.is_published = False
    current_round.save()

    citizen_response = client_as("citizen").get(reverse("portal:round", args=["2026-2027"]))
    staff_response = client_as("staff").get(reverse("portal:round", args=["2026-2027"]))

    assert citizen_response.status_code == 404
    assert staff_response.status_code == 200
