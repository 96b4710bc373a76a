import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import WorkshopFactory
from workshops.forms import MaterialForm
from workshops.models import Material

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pptx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p/>")
    return buffer.getvalue()


def upload(client, workshop, name, content):
    return client.post(
        reverse("workshops:staff_materials", args=[workshop.pk]),
        {
            "kind": "file",
            "title_nb": "Presentasjon",
            "title_en": "",
            "url": "",
            "file": SimpleUploadedFile(name, content),
        },
    )


def stored_files(settings):
    root = settings.MEDIA_ROOT / "workshops" / "materials"
    return sorted(path.name for path in root.iterdir()) if root.exists() else []


def test_pdf_upload_is_stored_under_a_generated_name(client_as, current_round, settings):
    workshop = WorkshopFactory(round=current_round)

    response = upload(client_as("staff"), workshop, "Stedsutvikling.pdf", PDF)

    material = Material.objects.get()
    assert response.status_code == 302
    assert (material.original_name, material.content_type, material.size) == (
        "Stedsutvikling.pdf",
        "application/pdf",
        len(PDF),
    )
    assert material.file.name.startswith("workshops/materials/")
    assert material.file.name.endswith(".pdf")
    assert "Stedsutvikling" not in material.file.name
    assert stored_files(settings) == [material.file.name.rsplit("/", 1)[1]]


def test_pptx_upload_is_accepted_by_its_content(client_as, current_round):
    workshop = WorkshopFactory(round=current_round)

    upload(client_as("staff"), workshop, "Foredrag.pptx", pptx())

    assert Material.objects.get().content_type == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )


def test_oversized_upload_is_refused_and_nothing_stored(client_as, current_round, settings):
    settings.WORKSHOP_MATERIAL_MAX_BYTES = 100
    workshop = WorkshopFactory(round=current_round)

    response = upload(client_as("staff"), workshop, "stor.pdf", PDF + b"x" * 200)

    assert response.context["form"].errors["file"] == [
        "Filen er 245\xa0byte; grensen er 100\xa0byte."
    ]
    assert (Material.objects.count(), stored_files(settings)) == (0, [])


def test_wrong_content_with_a_pdf_name_is_refused_and_nothing_stored(
    client_as, current_round, settings
):
    workshop = WorkshopFactory(round=current_round)

    response = upload(client_as("staff"), workshop, "faktura.pdf", b"MZ\x90\x00 not a pdf at all")

    assert response.context["form"].errors["file"] == [
        "Denne filtypen tas ikke imot. Godtatt: PDF, DOCX, PPTX, JPG, PNG, GIF, WEBP."
    ]
    assert (Material.objects.count(), stored_files(settings)) == (0, [])


def test_path_in_a_file_name_is_reduced_to_the_name(current_round, settings):
    form = MaterialForm(
        {"kind": "file", "title_nb": "Presentasjon"},
        {"file": SimpleUploadedFile("..\\..\\gnist\\settings.pdf", PDF)},
    )

    assert form.is_valid() is True
    assert form.cleaned_data["file"].name == "settings.pdf"
    assert (Material.objects.count(), stored_files(settings)) == (0, [])


def test_posted_path_in_a_file_name_never_leaves_the_materials_folder(
    client_as, current_round, settings
):
    workshop = WorkshopFactory(round=current_round)

    upload(client_as("staff"), workshop, "../../gnist/settings.pdf", PDF)

    material = Material.objects.get()
    assert material.original_name == "settings.pdf"
    assert stored_files(settings) == [material.file.name.rsplit("/", 1)[1]]
    assert not (settings.MEDIA_ROOT.parent / "gnist").exists()


def test_download_is_an_attachment_that_browsers_must_not_sniff(client, open_workshop):
    material = open_workshop.materials.get()

    response = client.get(reverse("workshops:material_download", args=[material.pk]))

    assert response.content == b"%PDF-1.4\n%%EOF\n"
    assert response["Content-Disposition"] == 'attachment; filename="presentasjon.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_materials_page_hides_restricted_workshops_from_outsiders(
    client_as, open_workshop, restricted_workshop
):
    outsider = client_as("other_municipality_user").get(reverse("workshops:materials"))

    assert [w.title for w in outsider.context["workshops"]] == ["Workshop 1: Stedsutvikling"]


def test_materials_page_shows_restricted_workshops_to_their_audience(
    client_as, open_workshop, restricted_workshop
):
    response = client_as("county_user").get(reverse("workshops:materials"))

    assert [w.title for w in response.context["workshops"]] == [
        "Workshop 1: Stedsutvikling",
        "Samling for utvalgte kommuner",
    ]
