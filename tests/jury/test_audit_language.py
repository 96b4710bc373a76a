"""The jury's audit trail reads in the reader's language, details as a list, not a dict."""

import pytest

from jury.models import AuditEntry, Conflict
from jury.services import confirm_conflicts, declare_conflict
from tests.one_language import visible_text


@pytest.fixture
def declared(current_round, juror, tynset):
    seat = juror.jury_seats.get(round=current_round)
    declare_conflict(seat, kind=Conflict.Kind.EMPLOYER, municipality=tynset, by=juror)
    confirm_conflicts(seat, by=juror)


@pytest.mark.django_db
def test_audit_summary_is_stored_in_both_languages(declared, juror):
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.CONFLICT_DECLARED).last()

    assert entry.summary == f"{juror}: Tynset (Innlandet) (Arbeidsgiver)"
    assert entry.summary_en == f"{juror}: Tynset (Innlandet) (Employer)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "expected", "unexpected"),
    [
        ("/staff/jury/audit/", "nb", "Type tilknytning Arbeidsgiver", "Employer"),
        ("/en/staff/jury/audit/", "en", "Kind of tie Employer", "Arbeidsgiver"),
    ],
)
def test_audit_page_shows_summaries_and_details_in_the_readers_language(
    client_as, declared, path, language, expected, unexpected
):
    page = client_as("staff").get(path).content.decode()

    text = visible_text(page, language)
    assert expected in text
    assert unexpected not in text
    assert "{'" not in text
