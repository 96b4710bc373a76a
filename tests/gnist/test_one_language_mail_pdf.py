"""Every e-mail template and every PDF, in both languages: no text from the other one."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from applications.exports import application_pdf, receipt_pdf
from applications.models import StatusChange
from briefs.exports import render_brief_pdf
from gnist.emails import render_email
from gnist.pdf import render_pdf
from jury.exports import report_pdf
from tests.factories import (
    HandedInChallengeFactory,
    InvitationFactory,
    WorkshopFactory,
    WorkshopRegistrationFactory,
    submitted_application,
)
from tests.one_language import other_language_in, visible_text

EMAIL_NAMES = sorted(
    path.name.removesuffix("-subject.txt")
    for path in (Path(settings.BASE_DIR) / "templates" / "emails").glob("*-subject.txt")
)


@pytest.fixture
def email_contexts(current_round, municipality_user, staff, reminder_rule, tynset):
    application = submitted_application(round=current_round, municipality=tynset)
    change = StatusChange.objects.create(
        application=application,
        from_status="draft",
        to_status="submitted",
        changed_by=municipality_user,
        reason="",
    )
    workshop = WorkshopFactory(round=current_round)
    registration = WorkshopRegistrationFactory(workshop=workshop, status="waiting")
    invitation = InvitationFactory(
        email="ny@tynset.kommune.no", municipality=tynset, invited_by=staff
    )
    return {
        "application-receipt": {
            "application": application,
            "change": change,
            "version": application.versions.first(),
            "person": municipality_user,
        },
        "application-status": {"application": application, "change": change},
        "invitation": {"invitation": invitation},
        "jury-decision": {"subject": "Tynset", "body": "Tynset"},
        "reminder": {
            "rule": reminder_rule,
            "deadline": reminder_rule.deadline,
            "user": municipality_user,
            "days_before": 3,
        },
        "workshop-cancellation": {"registration": registration, "workshop": workshop},
        "workshop-registration": {"registration": registration, "workshop": workshop},
        "workshop-reminder": {"registration": registration, "workshop": workshop},
    }


def test_every_email_template_has_a_context_here():
    assert EMAIL_NAMES == [
        "application-receipt",
        "application-status",
        "invitation",
        "jury-decision",
        "reminder",
        "workshop-cancellation",
        "workshop-registration",
        "workshop-reminder",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("name", EMAIL_NAMES)
def test_email_is_in_one_language_and_says_which(email_contexts, name, language):
    subject, text, html = render_email(name, email_contexts[name], language=language)

    assert f'<html lang="{language}">' in html
    assert other_language_in(subject, language) == []
    assert other_language_in(text, language) == []
    assert other_language_in(visible_text(html, language), language) == []


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_challenge_pdf_is_in_one_language(
    current_round, tynset, municipality_user, language, tmp_path
):
    application = submitted_application(round=current_round, municipality=tynset)

    content = application_pdf(application, application.versions.first().snapshot, language=language)

    text = pdf_text(content, tmp_path)
    principle = application.roadmap_principles.first()
    assert (principle.name_en if language == "en" else principle.name_nb) in " ".join(text.split())
    assert other_language_in(text, language) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_receipt_pdf_is_in_one_language(
    current_round, tynset, municipality_user, language, tmp_path
):
    application = submitted_application(round=current_round, municipality=tynset)

    version = application.versions.first()
    version.submitted_by = municipality_user
    version.save(update_fields=["submitted_by"])

    content = receipt_pdf(version, language=language)

    assert other_language_in(pdf_text(content, tmp_path), language) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_jury_report_pdf_is_in_one_language(current_round, tynset, language, tmp_path):
    HandedInChallengeFactory(round=current_round, municipality=tynset)

    content = report_pdf(current_round, language=language)

    assert other_language_in(pdf_text(content, tmp_path), language) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_workshop_handout_pdf_is_in_one_language(current_round, language, tmp_path):
    workshop = WorkshopFactory(round=current_round)

    content = render_pdf(
        "workshops/pdf/handout.html",
        {"workshop": workshop, "programme": ["Velkommen", "Stedsutvikling"]},
        language=language,
    )

    assert other_language_in(pdf_text(content, tmp_path), language) == []


@pytest.mark.django_db
def test_needs_description_pdf_is_in_bokmal(tynset_brief_v1, tmp_path):
    """A needs description is the municipality's own document in bokmål, whoever prints it."""
    content = render_brief_pdf(tynset_brief_v1)

    assert other_language_in(pdf_text(content, tmp_path), "nb") == []
