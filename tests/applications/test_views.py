import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from applications import services
from applications.models import (
    Application,
    ApplicationVersion,
    CountySupport,
    DeadlineExtension,
    RoadmapPrinciple,
    SustainableDevelopmentGoal,
)
from municipalities.models import County
from tests.factories import (
    PNG_BYTES,
    ApplicationFactory,
    WorkshopRegistrationFactory,
    fill_in_application,
    municipality,
    oslo,
    submitted_application,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def autosave(client, application, **data):
    return client.post(
        reverse("applications:autosave", args=[application.pk]), data, HTTP_HX_REQUEST="true"
    )


def test_autosave_stores_the_draft_and_answers_with_the_new_version(
    client_as, municipality_user, tynset_draft
):
    client = client_as("municipality_user")

    response = autosave(client, tynset_draft, base_version=1, title="Smart vann og avløp")

    tynset_draft.refresh_from_db()
    assert (tynset_draft.title, tynset_draft.version) == ("Smart vann og avløp", 2)
    assert response["HX-Trigger"] == "autosave-saved"
    assert (
        '<input type="hidden" name="base_version" value="2" id="id_base_version" '
        'hx-swap-oob="true">' in response.content.decode()
    )


def test_autosave_of_a_stale_version_shows_the_other_persons_changes(
    client, municipality_user, colleague_user, tynset_draft
):
    client.force_login(colleague_user)
    autosave(client, tynset_draft, base_version=1, title="Bolyst for unge voksne")
    client.force_login(municipality_user)

    response = autosave(client, tynset_draft, base_version=1, title="Ungdommens møteplass")

    tynset_draft.refresh_from_db()
    html = response.content.decode()
    assert tynset_draft.title == "Bolyst for unge voksne"
    assert response["HX-Trigger"] == "autosave-conflict"
    assert (
        '<li class="diff-mine"><span class="visually-hidden">Your text: </span>'
        "Ungdommens møteplass</li>" in html
    )
    assert (
        '<li class="diff-theirs"><span class="visually-hidden">Saved text: </span>'
        "Bolyst for unge voksne</li>" in html
    )
    assert 'data-take-version="2"' in html


def test_autosave_with_a_bad_number_saves_the_rest_and_links_to_the_field(
    client_as, municipality_user, tynset_draft
):
    client = client_as("municipality_user")

    response = autosave(
        client, tynset_draft, base_version=1, title="Sirkulær næringspark", resources_nok="mye"
    )

    tynset_draft.refresh_from_db()
    assert (tynset_draft.title, tynset_draft.resources_nok) == ("Sirkulær næringspark", None)
    assert '<a href="#id_resources_nok">Money allocated (NOK)</a>: Enter a whole number.' in (
        response.content.decode()
    )


def test_edit_with_a_bad_number_keeps_everything_typed(client_as, municipality_user, tynset_draft):
    client = client_as("municipality_user")

    response = client.post(
        reverse("applications:edit", args=[tynset_draft.pk]),
        {"base_version": 1, "goals": "Flere unge skal bli boende", "resources_hours": "tusen"},
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form["resources_hours"].value() == "tusen"
    assert form["goals"].value() == "Flere unge skal bli boende"
    assert form.errors["resources_hours"] == ["Enter a whole number."]
    assert form["base_version"].value() == 2


def test_stale_edit_is_shown_the_difference_and_can_then_save(
    client, municipality_user, colleague_user, tynset_draft
):
    client.force_login(colleague_user)
    autosave(client, tynset_draft, base_version=1, goals="Kollegaens mål")
    client.force_login(municipality_user)
    url = reverse("applications:edit", args=[tynset_draft.pk])

    conflict = client.post(url, {"base_version": 1, "goals": "Mine mål"})
    saved = client.post(url, {"base_version": 2, "goals": "Mine mål"})

    tynset_draft.refresh_from_db()
    assert [change["name"] for change in conflict.context["conflict"]] == ["goals"]
    assert conflict.context["form"]["goals"].value() == "Mine mål"
    assert saved.status_code == 302
    assert tynset_draft.goals == "Mine mål"


def test_submit_page_lists_what_is_missing(client_as, municipality_user, tynset_draft):
    client = client_as("municipality_user")

    response = client.get(reverse("applications:submit", args=[tynset_draft.pk]))

    assert response.context["missing"][:3] == [
        "summary",
        "the challenge and its local context",
        "the place-development project it belongs to",
    ]


def test_submit_leads_to_the_receipt(
    client_as, municipality_user, tynset_draft, media_root, django_capture_on_commit_callbacks
):
    fill_in_application(tynset_draft)
    services.add_attachment(
        tynset_draft, SimpleUploadedFile("vedtak.png", PNG_BYTES), kind="anchoring", by=None
    )
    client = client_as("municipality_user")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:submit", args=[tynset_draft.pk]), follow=True)

    assert response.redirect_chain == [
        (reverse("applications:receipt", args=[tynset_draft.pk]), 302)
    ]
    assert response.context["version"].number == 1
    assert [person.email for person in response.context["recipients"]] == [
        "ingrid@tynset.kommune.no"
    ]


def test_edit_after_the_deadline_is_read_only(client_as, municipality_user, tynset_draft):
    tynset_draft.round.deadlines.update(at=oslo(2020, 12, 11, 23, 59))
    client = client_as("municipality_user")

    response = client.get(reverse("applications:edit", args=[tynset_draft.pk]))

    assert response.status_code == 302
    assert response.url == reverse("applications:detail", args=[tynset_draft.pk])


def test_staff_grants_an_extension_with_who_and_why(client_as, staff, tynset_draft):
    client = client_as("staff")

    client.post(
        reverse("applications:staff_extensions"),
        {
            "municipality": municipality("3427").pk,
            "until": "2026-12-14T12:00",
            "reason": "Flyttet kommunestyremøte",
        },
    )

    extension = DeadlineExtension.objects.get()
    assert (extension.until, extension.granted_by, extension.reason) == (
        oslo(2026, 12, 14, 12, 0),
        staff,
        "Flyttet kommunestyremøte",
    )


def test_county_member_confirms_support_and_the_municipality_sees_it(
    client, county_user, municipality_user, tynset_submitted
):
    client.force_login(county_user)
    client.post(
        reverse("applications:county_support", args=[tynset_submitted.pk]),
        {"statement": "Fylkeskommunen stiller med planressurs."},
    )
    client.force_login(municipality_user)

    response = client.get(reverse("applications:mine"))

    support = CountySupport.objects.get()
    assert (support.confirmed_by, support.statement) == (
        county_user,
        "Fylkeskommunen stiller med planressurs.",
    )
    assert response.context["groups"][0][1][0].has_county_support is True


def test_county_dashboard_hides_draft_content_unless_shared(client_as, county_user, tynset_draft):
    client = client_as("county_user")

    private = client.get(reverse("applications:county_dashboard")).content.decode()
    tynset_draft.shared_with_county = True
    tynset_draft.save()
    shared = client.get(reverse("applications:county_dashboard")).content.decode()

    assert "Mobilitetshub i Tynset sentrum" not in private
    assert "Being drafted" in private
    assert "Mobilitetshub i Tynset sentrum" in shared


def test_county_dashboard_shows_only_the_members_county(
    client_as, other_county_user, tynset_submitted, utsira_draft
):
    client = client_as("other_county_user")

    response = client.get(reverse("applications:county_dashboard"))

    rows = response.context["rows"]
    assert {row["municipality"].county.number for row in rows} == {"11"}
    assert [item["application"].title for row in rows for item in row["applications"]] == [
        "Helårs reiseliv på Utsira"
    ]


def test_no_list_or_search_shows_another_municipalitys_draft(
    client, other_municipality_user, citizen, tynset_draft, selected_application
):
    client.force_login(other_municipality_user)
    mine = client.get(reverse("applications:mine")).content.decode()
    public = client.get(reverse("applications:public_list")).content.decode()
    client.force_login(citizen)
    detail = client.get(reverse("applications:detail", args=[tynset_draft.pk]))

    assert "Mobilitetshub" not in mine
    assert "Mobilitetshub" not in public
    assert "Digital tvilling av sentrum" in public
    assert detail.status_code == 404
    assert list(Application.objects.visible_to(citizen)) == [selected_application]


def test_attachment_and_pdf_of_a_draft_are_404_to_another_municipality(
    client_as, other_municipality_user, tynset_attachment
):
    client = client_as("other_municipality_user")
    pk = tynset_attachment.application_id

    attachment = client.get(
        reverse("applications:attachment_download", args=[pk, tynset_attachment.pk])
    )
    pdf = client.get(reverse("applications:pdf", args=[pk]))

    assert (attachment.status_code, pdf.status_code) == (404, 404)


def test_attachment_download_is_an_attachment_with_nosniff(
    client_as, municipality_user, tynset_attachment
):
    client = client_as("municipality_user")

    response = client.get(
        reverse(
            "applications:attachment_download",
            args=[tynset_attachment.application_id, tynset_attachment.pk],
        )
    )

    assert response["Content-Disposition"] == 'attachment; filename="vedtak.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG_BYTES


def test_bad_upload_through_the_page_says_why(
    client_as, municipality_user, tynset_draft, media_root
):
    client = client_as("municipality_user")

    response = client.post(
        reverse("applications:attachment_upload", args=[tynset_draft.pk]),
        {"kind": "other", "file": SimpleUploadedFile("virus.pdf", b"#!/bin/sh\nrm -rf /\n")},
    )

    assert response.status_code == 400
    assert response.context["attachment_form"].errors["file"] == [
        "This kind of file is not accepted. Upload PDF, Word (DOCX), Excel (XLSX), "
        "PowerPoint (PPTX) or an image (JPEG, PNG, GIF, WebP)."
    ]
    assert tynset_draft.attachments.count() == 0


@pytest.fixture
def staff_material(current_round, tynset_submitted, utsira_draft):
    """Tynset (Innlandet) submitted with SDG 11 and principles 1 and 3; Utsira (Rogaland) draft."""
    utsira_draft.summary = "Helårs reiseliv gir arbeidsplasser på øya"
    utsira_draft.save()
    return tynset_submitted, utsira_draft


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", ["Helårs reiseliv på Utsira", "Sentrumsutvikling med tomme lokaler"]),
        ("county=34", ["Sentrumsutvikling med tomme lokaler"]),
        ("status=draft", ["Helårs reiseliv på Utsira"]),
        ("sdg=11", ["Sentrumsutvikling med tomme lokaler"]),
        ("principle=3", ["Sentrumsutvikling med tomme lokaler"]),
        ("q=arbeidsplasser+øya", ["Helårs reiseliv på Utsira"]),
        ("q=Utsira", ["Helårs reiseliv på Utsira"]),
    ],
)
def test_staff_list_filters_and_searches(client_as, staff, staff_material, query, titles):
    query = (
        query.replace("county=34", f"county={County.objects.get(number='34').pk}")
        .replace("sdg=11", f"sdg={SustainableDevelopmentGoal.objects.get(number=11).pk}")
        .replace("principle=3", f"principle={RoadmapPrinciple.objects.get(number=3).pk}")
    )
    client = client_as("staff")

    response = client.get(f"{reverse('applications:staff_list')}?{query}")

    assert [application.title for application in response.context["applications"]] == titles


def test_staff_list_counts_per_county_and_status(client_as, staff, staff_material):
    client = client_as("staff")

    response = client.get(reverse("applications:staff_list"))

    assert response.context["count_rows"] == [
        ("Innlandet", [0, 1, 0, 0, 0, 0], 1),
        ("Rogaland", [1, 0, 0, 0, 0, 0], 1),
    ]
    assert response.context["totals"] == [1, 1, 0, 0, 0, 0]


def test_csv_export_is_utf8_with_bom_and_semicolons(client_as, staff, staff_material):
    client = client_as("staff")

    response = client.get(reverse("applications:staff_export_csv") + "?county=")

    content = response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert content[:3] == b"\xef\xbb\xbf"
    assert rows[0][:4] == ["Municipality number", "Municipality", "County", "Status"]
    assert [row[:5] for row in rows[1:]] == [
        ["1151", "Utsira", "Rogaland", "Draft", "Helårs reiseliv på Utsira"],
        ["3427", "Tynset", "Innlandet", "Submitted", "Sentrumsutvikling med tomme lokaler"],
    ]


def test_xlsx_export_follows_the_filter(client_as, staff, staff_material):
    client = client_as("staff")

    response = client.get(reverse("applications:staff_export_xlsx") + "?status=submitted")

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row][:8] for row in sheet.iter_rows(min_row=2)]
    assert values == [
        [
            "3427",
            "Tynset",
            "Innlandet",
            "Submitted",
            "Sentrumsutvikling med tomme lokaler",
            "Tekst for summary – æøå",
            "1, 3",
            "11",
        ]
    ]


def test_staff_sees_what_changed_between_versions(
    client_as, staff, municipality_user, tynset_submitted
):
    services.reopen_application(tynset_submitted, by=municipality_user)
    tynset_submitted.goals = "Tekst for goals – æøå\nEn ny linje om ungdom"
    tynset_submitted.save()
    ApplicationVersion.objects.create(
        application=tynset_submitted, number=2, snapshot=tynset_submitted.snapshot()
    )
    client = client_as("staff")

    response = client.get(reverse("applications:staff_versions", args=[tynset_submitted.pk]))

    newest, changes = response.context["comparisons"][0]
    assert newest.number == 2
    assert [(change["name"], change["lines"]) for change in changes] == [
        ("goals", [("same", "Tekst for goals – æøå"), ("added", "En ny linje om ungdom")])
    ]


def test_staff_moves_a_submission_under_review(client_as, staff, tynset_submitted):
    client = client_as("staff")

    client.post(
        reverse("applications:staff_status", args=[tynset_submitted.pk]),
        {"to": "under_review", "reason": "Fristen er ute"},
    )

    tynset_submitted.refresh_from_db()
    assert tynset_submitted.status == "under_review"
    assert list(tynset_submitted.status_changes.values_list("reason", flat=True)) == [
        "Fristen er ute"
    ]


def make_challenges(round, numbers, status="submitted"):
    for number in numbers:
        submitted_application(round=round, municipality=municipality(number), status=status)


INNLANDET = ["3427", "3401", "3403"]


@pytest.mark.parametrize("item_count", [1, 3])
def test_own_challenges_page_has_constant_queries(
    client_as, municipality_user, current_round, item_count, django_assert_num_queries
):
    for _number in range(item_count):
        ApplicationFactory(round=current_round, municipality=municipality("3427"))
    current_round.max_challenges_per_municipality = 5
    current_round.save()
    client = client_as("municipality_user")

    with django_assert_num_queries(12):
        client.get(reverse("applications:mine"))


@pytest.mark.parametrize("item_count", [1, 3])
def test_county_dashboard_has_constant_queries(
    client_as, county_user, current_round, item_count, django_assert_num_queries
):
    make_challenges(current_round, INNLANDET[:item_count])
    client = client_as("county_user")

    with django_assert_num_queries(10):
        client.get(reverse("applications:county_dashboard"))


@pytest.mark.parametrize("item_count", [1, 3])
def test_staff_list_has_constant_queries(
    client_as, staff, current_round, item_count, django_assert_num_queries
):
    make_challenges(current_round, INNLANDET[:item_count])
    client = client_as("staff")

    with django_assert_num_queries(12):
        client.get(reverse("applications:staff_list"))


@pytest.mark.parametrize("item_count", [1, 3])
def test_public_list_has_constant_queries(
    client, current_round, item_count, django_assert_num_queries
):
    make_challenges(current_round, INNLANDET[:item_count], status="selected")

    with django_assert_num_queries(3):
        response = client.get(reverse("applications:public_list"))

    assert len(response.context["applications"]) == item_count


def test_county_dashboard_counts_workshop_registrations_and_attendance(
    client_as, county_user, open_workshop, tynset
):
    WorkshopRegistrationFactory(workshop=open_workshop, municipality=tynset, attended=True)
    WorkshopRegistrationFactory(workshop=open_workshop, municipality=tynset)
    WorkshopRegistrationFactory(workshop=open_workshop, municipality=tynset, status="cancelled")
    client = client_as("county_user")

    response = client.get(reverse("applications:county_dashboard"))

    row = next(row for row in response.context["rows"] if row["municipality"] == tynset)
    assert (row["registered"], row["attended"]) == (2, 1)


def test_attachments_stay_private_when_the_challenge_is_selected(
    client_as, citizen, selected_application, media_root
):
    attachment = services.add_attachment(
        selected_application, SimpleUploadedFile("vedtak.png", PNG_BYTES), kind="anchoring", by=None
    )
    client = client_as("citizen")

    page = client.get(reverse("applications:detail", args=[selected_application.pk]))
    download = client.get(
        reverse("applications:attachment_download", args=[selected_application.pk, attachment.pk])
    )

    assert page.status_code == 200
    assert list(page.context["attachments"]) == []
    assert download.status_code == 403


def test_start_button_is_gone_once_the_round_limit_is_reached(
    client_as, municipality_user, tynset_draft
):
    client = client_as("municipality_user")

    response = client.get(reverse("applications:mine"))

    assert [(m.number, can_start) for m, _apps, can_start in response.context["groups"]] == [
        ("3427", False)
    ]
