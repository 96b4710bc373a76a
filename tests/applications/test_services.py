import subprocess
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from applications import services
from applications.exports import fingerprint
from applications.forms import ApplicationForm
from applications.models import Application, ApplicationVersion, Attachment, StatusChange
from tests.factories import (
    PDF_BYTES,
    PNG_BYTES,
    ApplicationFactory,
    DeadlineFactory,
    fill_in_application,
    oslo,
    submitted_application,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def deadline_round(current_round):
    """The round's challenge deadline: 11 December 2026 23:59 Norwegian time."""
    DeadlineFactory(round=current_round, at=oslo(2026, 12, 11, 23, 59))
    return current_round


@pytest.fixture
def complete_draft(deadline_round, tynset, municipality_user, media_root):
    application = ApplicationFactory(round=deadline_round, municipality=tynset, complete=True)
    services.add_attachment(
        application,
        SimpleUploadedFile("vedtak.pdf", PDF_BYTES),
        kind=Attachment.Kind.ANCHORING,
        by=municipality_user,
    )
    return application


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def test_change_status_records_who_when_and_why(tynset_submitted, staff):
    change = services.change_status(
        tynset_submitted, to="under_review", by=staff, reason="Fristen er ute"
    )

    tynset_submitted.refresh_from_db()
    assert tynset_submitted.status == "under_review"
    assert list(
        StatusChange.objects.values_list("from_status", "to_status", "changed_by", "reason")
    ) == [("submitted", "under_review", staff.pk, "Fristen er ute")]
    assert change.changed_at is not None


def test_change_status_refuses_a_transition_that_is_not_allowed(tynset_draft, staff):
    with pytest.raises(ValidationError) as error:
        services.change_status(tynset_draft, to="selected", by=staff)

    assert error.value.messages == ["A challenge cannot go from “Draft” to “Selected”."]
    tynset_draft.refresh_from_db()
    assert tynset_draft.status == "draft"
    assert StatusChange.objects.count() == 0


def test_change_status_mails_the_municipality_in_each_persons_language(
    tynset_submitted, staff, municipality_user, colleague_user, django_capture_on_commit_callbacks
):
    colleague_user.language = "en"
    colleague_user.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(tynset_submitted, to="under_review", by=staff)

    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        (
            "ingrid@tynset.kommune.no",
            "[Gnist] Utfordringen fra Tynset er nå: Til vurdering",
        ),
        (
            "per@tynset.kommune.no",
            "[Gnist] The challenge from Tynset is now: Under review",
        ),
    ]


def test_submission_lists_exactly_what_is_missing(deadline_round, tynset, municipality_user):
    application = ApplicationFactory(round=deadline_round, municipality=tynset, title="Bolyst")
    application.summary = "Kort"
    application.save()

    with time_machine.travel(oslo(2026, 12, 1, 12, 0)), pytest.raises(ValidationError) as error:
        services.submit_application(application, by=municipality_user)

    assert error.value.messages == [
        "the challenge and its local context",
        "the place-development project it belongs to",
        "project stage",
        "project timeline",
        "goals",
        "how it builds on the roadmap",
        "how it supports the goals",
        "resources, described",
        "the decision, described",
        "who should be involved (citizens, businesses, academia) and how",
        "the role of new technology and open data",
        "departments involved",
        "the county council's part",
        "at least one roadmap principle",
        "at least one UN Sustainable Development Goal",
        "people allocated",
        "hours allocated",
        "money allocated (NOK)",
        "internal anchoring",
        "project leader",
        "accept: Name a project leader, the contact person for the whole competition.",
        "accept: Send representatives of at least two departments (planning and business "
        "development) to three workshops, January–June.",
        "accept: Bring in the county council (planning and business) as a supporter.",
        "accept: Run a citizen-involvement process based on input from DOGA and the partners.",
        "accept: Identify and engage local businesses and other relevant actors.",
        "accept: Open a dialogue with the winning team about possible procurement or "
        "implementation.",
        "accept: Put up NOK 150,000, alone or with the county council, for the businesses' "
        "further development of solutions.",
    ]


def test_submission_requires_the_anchoring_document(deadline_round, tynset, municipality_user):
    application = ApplicationFactory(round=deadline_round, municipality=tynset, complete=True)

    missing = services.missing_for_submission(application)

    assert missing == ["the anchoring decision as a document"]


def test_submission_one_second_before_the_deadline_is_accepted(complete_draft, municipality_user):
    with time_machine.travel(oslo(2026, 12, 11, 23, 58, 59)):
        version = services.submit_application(complete_draft, by=municipality_user)

    complete_draft.refresh_from_db()
    assert complete_draft.status == "submitted"
    assert version.number == 1


def test_submission_at_the_deadline_is_refused(complete_draft, municipality_user):
    with time_machine.travel(oslo(2026, 12, 11, 23, 59)), pytest.raises(ValidationError) as error:
        services.submit_application(complete_draft, by=municipality_user)

    assert error.value.messages == ["The submission deadline has passed."]
    complete_draft.refresh_from_db()
    assert complete_draft.status == "draft"


def test_extension_lets_one_municipality_submit_after_the_deadline(
    complete_draft, municipality_user, staff, utsira
):
    services.grant_extension(
        complete_draft.round,
        complete_draft.municipality,
        until=oslo(2026, 12, 14, 12, 0),
        reason="Kommunestyremøtet ble flyttet",
        by=staff,
    )
    utsira_draft = ApplicationFactory(round=complete_draft.round, municipality=utsira)
    application = Application.objects.get(pk=complete_draft.pk)

    with time_machine.travel(oslo(2026, 12, 14, 11, 59)):
        services.submit_application(application, by=municipality_user)
        utsira_open = Application.objects.get(pk=utsira_draft.pk).is_open_at(
            oslo(2026, 12, 14, 11, 59)
        )

    application.refresh_from_db()
    assert application.status == "submitted"
    assert utsira_open is False
    assert Application.objects.get(pk=complete_draft.pk).is_open_at(oslo(2026, 12, 14, 12, 0)) is (
        False
    )


def test_submission_stores_a_version_and_mails_the_receipt_pdf(
    complete_draft, municipality_user, colleague_user, django_capture_on_commit_callbacks
):
    complete_draft.title = "Ungdommens møteplass på Tynset"
    complete_draft.save()

    with (
        time_machine.travel(oslo(2026, 12, 1, 12, 0)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.submit_application(complete_draft, by=municipality_user)

    version = ApplicationVersion.objects.get()
    assert version.snapshot["title"] == "Ungdommens møteplass på Tynset"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ingrid@tynset.kommune.no",
        "per@tynset.kommune.no",
    ]
    message = mail.outbox[0]
    assert message.subject == "[Gnist] Kvittering: utfordringen fra Tynset er sendt inn"
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("gnist-3427-v1-receipt.pdf", "application/pdf")
    text = " ".join(pdf_text(content).split())
    assert "Kvittering for en innsendt utfordring" in text
    assert "Ungdommens møteplass på Tynset" in text
    assert "Tynset (3427)" in text
    assert f"Versjon 1 Sendt inn av {municipality_user.full_name}" in text
    assert "1. desember 2026 12:00:00" in text
    assert fingerprint(version.snapshot) in text.replace(" ", "")
    assert "Tekst for challenge – æøå" not in text  # a receipt, not a copy of the challenge
    pages = text.split("\x0c")[:-1]
    assert [page.split()[-1] for page in pages] == [
        f"{number}/{len(pages)}" for number in range(1, len(pages) + 1)
    ]


def test_resubmission_after_reopening_keeps_both_versions(complete_draft, municipality_user):
    with time_machine.travel(oslo(2026, 12, 1, 12, 0)):
        services.submit_application(complete_draft, by=municipality_user)
        services.reopen_application(complete_draft, by=municipality_user, reason="Ny tekst")
        complete_draft.goals = "Nye mål"
        complete_draft.save()
        services.submit_application(complete_draft, by=municipality_user)

    assert [v.snapshot["goals"] for v in complete_draft.versions.order_by("number")] == [
        "Tekst for goals – æøå",
        "Nye mål",
    ]
    assert list(complete_draft.status_changes.values_list("to_status", flat=True)) == [
        "submitted",
        "draft",
        "submitted",
    ]


def test_withdrawing_after_the_deadline_is_refused(complete_draft, municipality_user):
    with time_machine.travel(oslo(2026, 12, 1, 12, 0)):
        services.submit_application(complete_draft, by=municipality_user)

    with time_machine.travel(oslo(2026, 12, 12, 0, 0)), pytest.raises(ValidationError):
        services.withdraw_application(complete_draft, by=municipality_user)

    complete_draft.refresh_from_db()
    assert complete_draft.status == "submitted"


def test_start_application_respects_the_rounds_limit(
    current_round, tynset, municipality_user, challenge_deadline
):
    services.start_application(current_round, tynset, by=municipality_user)

    with pytest.raises(ValidationError) as error:
        services.start_application(current_round, tynset, by=municipality_user)

    assert error.value.messages == [
        "Tynset (Innlandet) already has the number of challenges this round allows."
    ]
    assert Application.objects.count() == 1


def test_save_draft_refuses_a_save_based_on_an_older_version(
    tynset_draft, municipality_user, colleague_user
):
    first = ApplicationForm({"base_version": 1, "title": "Første"}, application=tynset_draft)
    first.is_valid()
    services.save_draft(tynset_draft, first, base_version=1, by=colleague_user)
    second = ApplicationForm({"base_version": 1, "title": "Andre"}, application=tynset_draft)
    second.is_valid()

    with pytest.raises(services.StaleDraft) as stale:
        services.save_draft(tynset_draft, second, base_version=1, by=municipality_user)

    assert stale.value.current.title == "Første"
    assert stale.value.current.version == 2


def test_save_draft_overwrites_the_same_persons_newer_autosave(tynset_draft, municipality_user):
    autosaved = ApplicationForm(
        {"base_version": 1, "title": "Halvskrevet"}, application=tynset_draft
    )
    autosaved.is_valid()
    services.save_draft(tynset_draft, autosaved, base_version=1, by=municipality_user)
    pressed_save = ApplicationForm({"base_version": 1, "title": "Ferdig"}, application=tynset_draft)
    pressed_save.is_valid()

    services.save_draft(tynset_draft, pressed_save, base_version=1, by=municipality_user)

    tynset_draft.refresh_from_db()
    assert (tynset_draft.title, tynset_draft.version) == ("Ferdig", 3)


def test_save_draft_keeps_valid_fields_when_others_are_invalid(tynset_draft, municipality_user):
    form = ApplicationForm(
        {"base_version": 1, "title": "Sirkulær næringspark", "resources_hours": "mange"},
        application=tynset_draft,
    )
    form.is_valid()

    services.save_draft(tynset_draft, form, base_version=1, by=municipality_user)

    tynset_draft.refresh_from_db()
    assert (tynset_draft.title, tynset_draft.resources_hours, tynset_draft.version) == (
        "Sirkulær næringspark",
        None,
        2,
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "program.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200,
            "This kind of file is not accepted. Upload PDF, Word (DOCX), Excel (XLSX), "
            "PowerPoint (PPTX) or an image (JPEG, PNG, GIF, WebP).",
        ),
        (
            "notat.docx",
            b"just plain text pretending to be a document",
            "This kind of file is not accepted. Upload PDF, Word (DOCX), Excel (XLSX), "
            "PowerPoint (PPTX) or an image (JPEG, PNG, GIF, WebP).",
        ),
        ("tom.pdf", b"", "The file is empty."),
    ],
)
def test_bad_upload_is_refused_and_nothing_is_stored(
    tynset_draft, municipality_user, media_root, name, content, message
):
    with pytest.raises(ValidationError) as error:
        services.add_attachment(
            tynset_draft, SimpleUploadedFile(name, content), kind="other", by=municipality_user
        )

    assert error.value.messages == [message]
    assert Attachment.objects.count() == 0
    assert not media_root.exists() or list(media_root.rglob("*.*")) == []


def test_too_large_upload_is_refused_and_nothing_is_stored(
    tynset_draft, municipality_user, media_root
):
    content = PDF_BYTES + b"0" * services.MAX_UPLOAD_BYTES

    with pytest.raises(ValidationError) as error:
        services.add_attachment(
            tynset_draft,
            SimpleUploadedFile("stor.pdf", content),
            kind="other",
            by=municipality_user,
        )

    assert error.value.messages == ["The file is 10.0 MB; the limit is 10 MB."]
    assert Attachment.objects.count() == 0
    assert not media_root.exists() or list(media_root.rglob("*.*")) == []


def test_upload_is_stored_under_a_generated_name(tynset_draft, municipality_user, media_root):
    attachment = services.add_attachment(
        tynset_draft,
        SimpleUploadedFile("../../etc/Vedtak om Gnist.png", PNG_BYTES),
        kind="anchoring",
        by=municipality_user,
    )

    assert attachment.original_name == "Vedtak_om_Gnist.png"
    assert attachment.content_type == "image/png"
    assert attachment.file.name.startswith("applications/")
    assert "Vedtak" not in attachment.file.name
    assert (media_root / attachment.file.name).read_bytes() == PNG_BYTES


def test_deadline_without_a_deadline_row_follows_the_phase_flag(current_round, tynset):
    application = ApplicationFactory(round=current_round, municipality=tynset)
    phase = current_round.phases.get(number=1)
    moment = phase.starts_at + timedelta(days=1)

    closed = application.is_open_at(moment)
    phase.accepts_applications = True
    phase.save()
    opened = Application.objects.get(pk=application.pk).is_open_at(moment)

    assert (closed, opened) == (False, True)


def test_fill_in_application_makes_everything_but_the_document_complete(
    deadline_round, tynset, municipality_user
):
    application = fill_in_application(ApplicationFactory(round=deadline_round, municipality=tynset))

    assert services.missing_for_submission(application) == ["the anchoring decision as a document"]


def test_start_review_moves_submissions_past_their_deadline_but_not_extended_ones(
    deadline_round, staff, tynset, utsira
):
    tynset_application = submitted_application(round=deadline_round, municipality=tynset)
    utsira_application = submitted_application(round=deadline_round, municipality=utsira)
    services.grant_extension(
        deadline_round, utsira, until=oslo(2026, 12, 14, 12, 0), reason="Flom", by=staff
    )

    moved = services.start_review(deadline_round, by=staff, at=oslo(2026, 12, 12, 9, 0))

    assert moved == [tynset_application]
    assert Application.objects.get(pk=utsira_application.pk).status == "submitted"
    assert Application.objects.get(pk=tynset_application.pk).status == "under_review"


def test_jury_selection_can_decide_a_submission_directly(tynset_submitted, staff):
    services.change_status(tynset_submitted, to="selected", by=staff, reason="Juryens vedtak")

    assert list(Application.objects.selected()) == [tynset_submitted]
