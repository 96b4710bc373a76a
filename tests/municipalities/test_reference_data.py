import csv

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from accounts.models import MunicipalityMembership
from municipalities.forms import MunicipalityChoiceField
from municipalities.models import County, Municipality
from municipalities.sync import COUNTIES_CSV, MUNICIPALITIES_CSV, read_rows
from tests.factories import MunicipalityMembershipFactory


@pytest.mark.django_db
def test_reference_data_has_every_county_and_municipality():
    numbers = list(Municipality.objects.values_list("number", flat=True))

    assert County.objects.count() == 15
    assert len(numbers) == 357
    assert len(set(numbers)) == 357


@pytest.mark.django_db
def test_each_municipality_belongs_to_the_county_its_number_names():
    mismatched = [
        m.number
        for m in Municipality.objects.select_related("county")
        if m.number[:2] != m.county.number
    ]

    assert mismatched == []


@pytest.mark.django_db
def test_duplicate_names_are_told_apart_by_county():
    labels = sorted(str(m) for m in Municipality.objects.filter(name__in=["Herøy", "Våler"]))

    assert labels == [
        "Herøy (Møre og Romsdal)",
        "Herøy (Nordland)",
        "Våler (Innlandet)",
        "Våler (Østfold)",
    ]


@pytest.mark.django_db
def test_municipality_number_is_unique_in_the_database():
    county = County.objects.get(number="34")

    with pytest.raises(IntegrityError):
        Municipality.objects.create(number="3427", name="Kopi", official_name="Kopi", county=county)


def write_csv(path, rows, fieldnames):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.django_db
def test_sync_keeps_links_through_a_rename_and_records_a_merger(tmp_path):
    membership = MunicipalityMembershipFactory(municipality=Municipality.objects.get(number="3427"))
    rows = [row for row in read_rows(MUNICIPALITIES_CSV) if row["number"] != "1151"]
    for row in rows:
        row["replaces"] = ""
        if row["number"] == "3427":
            row["name"] = row["official_name"] = "Tynset og Tolga"
    rows.append(
        {
            "number": "1199",
            "name": "Nordsjø",
            "official_name": "Nordsjø",
            "county_number": "11",
            "replaces": "1151",
        }
    )
    new_csv = tmp_path / "municipalities.csv"
    write_csv(new_csv, rows, ["number", "name", "official_name", "county_number", "replaces"])

    call_command("sync_municipalities", municipalities=new_csv, counties=COUNTIES_CSV)

    membership = MunicipalityMembership.objects.select_related("municipality").get(pk=membership.pk)
    utsira = Municipality.objects.get(number="1151")
    assert membership.municipality.number == "3427"
    assert membership.municipality.name == "Tynset og Tolga"
    assert (utsira.is_active, utsira.replaced_by.number) == (False, "1199")
    assert Municipality.objects.active().count() == 357


@pytest.mark.django_db
def test_sync_dry_run_saves_nothing(tmp_path):
    rows = read_rows(MUNICIPALITIES_CSV)[1:]
    new_csv = tmp_path / "municipalities.csv"
    write_csv(new_csv, rows, ["number", "name", "official_name", "county_number"])

    call_command("sync_municipalities", municipalities=new_csv, dry_run=True)

    assert Municipality.objects.active().count() == 357


@pytest.mark.django_db
def test_sync_of_the_shipped_files_changes_nothing(capsys):
    call_command("sync_municipalities")

    assert capsys.readouterr().out.splitlines()[:4] == [
        "created: 0",
        "updated: 0",
        "deactivated: 0",
        "merged: 0",
    ]


@pytest.mark.django_db
def test_municipality_picker_groups_by_county_in_one_query(django_assert_num_queries):
    field = MunicipalityChoiceField()

    with django_assert_num_queries(1):
        choices = [choice for choice in field.choices]

    groups = dict(choices[1:])
    assert len(choices) == 16
    assert [label for _value, label in groups["Nordland"] if label.startswith("Herøy")] == [
        "Herøy (Nordland) – 1818"
    ]
    assert sum(len(options) for options in groups.values()) == 357
