"""Every kind of PDF the portal makes is a tagged PDF/UA document with a title and a language."""

import re
import subprocess
import zlib

import pytest
from django.utils import timezone

from applications import exports as application_exports
from applications.models import ApplicationVersion
from briefs.exports import render_brief_pdf
from gnist.pdf import render_pdf
from jury import exports as jury_exports
from jury.models import Decision
from jury.results import round_results
from tests.briefs.content import ACTORS, CONTENT
from tests.factories import ApplicationFactory, JurySeatFactory, WorkshopFactory
from tests.jury.test_views import score_everything


def pdf_facts(content: bytes) -> dict:
    """What a screen reader relies on: the structure tree, the title and the language."""
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
    fields = dict(line.split(":", 1) for line in info.stdout.decode().splitlines() if ":" in line)
    languages = set(re.findall(rb"/Lang\s*\(([^)]*)\)", content))
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            languages.update(re.findall(rb"/Lang\s*\(([^)]*)\)", zlib.decompress(stream)))
        except zlib.error:
            continue
    return {
        "tagged": fields["Tagged"].strip(),
        "title": fields.get("Title", "").strip(),
        "languages": {language.decode() for language in languages},
    }


def pdf_text(content: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True)
    return result.stdout.decode()


@pytest.fixture
def submitted_version(current_round, tynset, municipality_user):
    application = ApplicationFactory(
        round=current_round, municipality=tynset, complete=True, title="Ungdommens møteplass"
    )
    return ApplicationVersion.objects.create(
        application=application,
        number=1,
        snapshot=application.snapshot(),
        submitted_by=municipality_user,
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("nb", "Kvittering: utfordring fra Tynset, versjon 1"),
        ("en", "Receipt: challenge from Tynset, version 1"),
    ],
)
def test_receipt_pdf_is_tagged_with_title_and_language(submitted_version, language, title):
    content = application_exports.receipt_pdf(submitted_version, language=language)

    assert pdf_facts(content) == {"tagged": "yes", "title": title, "languages": {language}}


def test_challenge_pdf_is_tagged_with_title_and_language(submitted_version):
    application = submitted_version.application

    content = application_exports.application_pdf(
        application, submitted_version.snapshot, language="en"
    )

    assert pdf_facts(content) == {
        "tagged": "yes",
        "title": "Ungdommens møteplass",
        "languages": {"en"},
    }


def test_jury_report_and_score_profile_are_tagged(tynset_challenge, utsira_challenge):
    round = tynset_challenge.round
    score_everything(round, [tynset_challenge], [JurySeatFactory(round=round)], value=4)

    report = jury_exports.report_pdf(round, language="nb")
    profile = jury_exports.profile_pdf(round, round_results(round), tynset_challenge, language="en")

    assert pdf_facts(report) == {"tagged": "yes", "title": "Juryrapport", "languages": {"nb"}}
    assert pdf_facts(profile) == {"tagged": "yes", "title": "Score profile", "languages": {"en"}}


def test_needs_description_pdf_is_tagged_and_keeps_the_grid_on_one_page(tynset_brief_v1):
    content = render_brief_pdf(tynset_brief_v1)

    pages = pdf_text(content).split("\x0c")
    grid_pages = [
        number
        for number, page in enumerate(pages)
        if "Innflytelse og interesse" in page or "Aktører plassert etter innflytelse" in page
    ]
    assert pdf_facts(content) == {
        "tagged": "yes",
        "title": "Behovsbeskrivelse og aktørkartlegging – Tynset",
        "languages": {"nb"},
    }
    assert len(set(grid_pages[1:])) == 1  # heading and caption of the figure: one page
    assert len(ACTORS) > 0 and CONTENT


def test_workshop_handout_pdf_is_tagged(current_round):
    workshop = WorkshopFactory(round=current_round, title_nb="Stedsutvikling", title_en="Places")

    content = render_pdf(
        "workshops/pdf/handout.html",
        {"workshop": workshop, "programme": [], "now": timezone.now()},
        language="nb",
    )

    assert pdf_facts(content) == {"tagged": "yes", "title": "Stedsutvikling", "languages": {"nb"}}


def test_jury_report_opens_with_the_decision_and_prints_each_title_once(
    tynset_challenge, utsira_challenge, staff
):
    round = tynset_challenge.round
    score_everything(round, [tynset_challenge], [JurySeatFactory(round=round)], value=4)
    tynset_challenge.title = "Tynset: levende sentrum"
    tynset_challenge.save()
    Decision.objects.create(
        round=round,
        application=tynset_challenge,
        outcome=Decision.Outcome.SELECTED,
        rank=1,
        justification="Sterk forankring og tydelige mål.",
        decided_by=staff,
    )

    text = " ".join(pdf_text(jury_exports.report_pdf(round, language="nb")).split())

    assert text.index("Vedtak") < text.index("Rangering")
    assert "Sterk forankring og tydelige mål." in text
    assert "Tynset: Tynset:" not in text
    assert text.count("Tynset: levende sentrum") == 2  # in the decision and as the profile heading
