"""Briefs of the Tynset persona (imported by tests/conftest.py for the permission matrix)."""

import pytest

from briefs.models import BriefVersion
from briefs.services import open_brief, save_version
from tests.briefs.content import ACTORS, CONTENT
from tests.factories import submitted_application


@pytest.fixture
def tynset_brief(current_round, tynset, municipality_user):
    application = submitted_application(
        round=current_round, municipality=tynset, title="Levende sentrum", status="selected"
    )
    return open_brief(application)


@pytest.fixture
def tynset_brief_v1(tynset_brief, municipality_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return save_version(tynset_brief, content=CONTENT, actors=ACTORS, by=municipality_user)


@pytest.fixture
def tynset_brief_ready(tynset_brief, municipality_user):
    """A saved version whose PDF is already made (without rendering one)."""
    return BriefVersion.objects.create(
        brief=tynset_brief,
        number=1,
        created_by=municipality_user,
        pdf=b"%PDF-1.7\n%%EOF\n",
        pdf_status=BriefVersion.PdfStatus.READY,
        **CONTENT,
    )
