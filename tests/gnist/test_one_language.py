"""Every page, e-mail and PDF speaks one language: see tests/one_language.py."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Organisation
from jury.models import Conflict
from jury.services import confirm_conflicts, declare_conflict
from tests.factories import OrganisationFactory, municipality
from tests.one_language import other_language_in, visible_text
from tests.test_permissions_matrix import ROWS

# Who walks each page: the first persona allowed to see it, most to least privileged.
WALKERS = [
    "staff",
    "municipality_user",
    "juror",
    "county_user",
    "partner_user",
    "business_user",
    "citizen",
    "anonymous",
    "colleague_user",
    "other_municipality_user",
    "other_county_user",
    "conflicted_juror",
]
# Downloads and feeds: their language is checked with the e-mails and PDFs
# (test_one_language_mail_pdf.py) and the exports (tests/gnist/test_exports.py).
NOT_HTML = {
    "healthz",
    "accounts:data_export",
    "applications:pdf",
    "applications:attachment_download",
    "applications:staff_export_csv",
    "applications:staff_export_xlsx",
    "briefs:version_pdf",
    "jury:attachment",
    "jury:export_csv",
    "jury:export_xlsx",
    "jury:report_pdf",
    "workshops:material_download",
    "workshops:ical_public",
    "workshops:ical_private",
    "workshops:staff_registrations_csv",
    "workshops:staff_coverage_csv",
}
PAGES = [
    (row, next(persona for persona in WALKERS if row.expected.get(persona) == 200))
    for row in ROWS
    if row.method == "get"
    and row.url_name not in NOT_HTML
    and any(row.expected.get(persona) == 200 for persona in WALKERS)
]


@pytest.fixture
def programme_content(current_round, staff, juror, tynset):
    """Content the bare personas lack: the programme's owners and an audit trail."""
    for name in ("DOGA", "Nordic Edge"):
        OrganisationFactory(name=name, kind=Organisation.Kind.PROGRAMME)
    seat = juror.jury_seats.get(round=current_round)
    # A tie to a municipality no page of the walk shows, so the juror still opens them all.
    oslo = municipality("0301")
    declare_conflict(seat, kind=Conflict.Kind.EMPLOYER, municipality=oslo, by=juror)
    confirm_conflicts(seat, by=juror)


@pytest.mark.django_db
@pytest.mark.usefixtures("programme_content")
@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize(
    ("row", "persona"), PAGES, ids=[f"{row.url_name}-{persona}" for row, persona in PAGES]
)
def test_page_has_no_text_from_the_other_language(
    request, client_as, current_round, row, persona, language
):
    get = request.getfixturevalue
    for name in row.fixtures:
        get(name)
    client = client_as(persona)
    args = row.args(get) if callable(row.args) else row.args
    with translation.override(language):
        url = reverse(row.url_name, args=args)

    response = client.get(url)

    response.close()
    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
    text = visible_text(response.content.decode(), language)
    assert f'<html lang="{language}"' in response.content.decode()
    assert other_language_in(text, language) == []
