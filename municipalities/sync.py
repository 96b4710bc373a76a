"""Load and re-sync counties and municipalities from the reference CSV files."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
COUNTIES_CSV = DATA_DIR / "counties.csv"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities.csv"


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"created: {len(self.created)} {' '.join(self.created)}".rstrip(),
            f"updated: {len(self.updated)} {' '.join(self.updated)}".rstrip(),
            f"deactivated: {len(self.deactivated)} {' '.join(self.deactivated)}".rstrip(),
            f"merged: {len(self.merged)} {' '.join(self.merged)}".rstrip(),
        ]


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def sync_reference_data(county_model, municipality_model, *, counties_csv, municipalities_csv):
    """Create, update and deactivate counties and municipalities to match the CSVs.

    Rows are matched by their official number, so links from other tables survive
    renames. A municipality missing from the new CSV is deactivated, not deleted.
    An optional ``replaces`` column (numbers separated by ``;``) records mergers:
    the old municipalities get ``replaced_by`` set to the new one.
    Side effects: writes to both tables. Returns a SyncReport.
    """
    report = SyncReport()
    county_rows = read_rows(counties_csv)
    municipality_rows = read_rows(municipalities_csv)

    counties = {c.number: c for c in county_model.objects.all()}
    for row in county_rows:
        values = {
            "name": row["name"],
            "official_name": row["official_name"],
            "council_name": row["council_name"],
            "is_active": True,
        }
        county = counties.get(row["number"])
        if county is None:
            counties[row["number"]] = county_model.objects.create(number=row["number"], **values)
            report.created.append(row["number"])
        elif any(getattr(county, k) != v for k, v in values.items()):
            county_model.objects.filter(pk=county.pk).update(**values)
            report.updated.append(row["number"])
    listed_counties = {row["number"] for row in county_rows}
    for number, county in counties.items():
        if number not in listed_counties and county.is_active:
            county_model.objects.filter(pk=county.pk).update(is_active=False)
            report.deactivated.append(number)

    existing = {m.number: m for m in municipality_model.objects.all()}
    for row in municipality_rows:
        values = {
            "name": row["name"],
            "official_name": row["official_name"],
            "county_id": counties[row["county_number"]].pk,
            "is_active": True,
            "replaced_by_id": None,
        }
        municipality = existing.get(row["number"])
        if municipality is None:
            existing[row["number"]] = municipality_model.objects.create(
                number=row["number"], **values
            )
            report.created.append(row["number"])
        elif any(getattr(municipality, k) != v for k, v in values.items()):
            municipality_model.objects.filter(pk=municipality.pk).update(**values)
            report.updated.append(row["number"])

    listed = {row["number"] for row in municipality_rows}
    for row in municipality_rows:
        for old_number in filter(None, row.get("replaces", "").split(";")):
            old_number = old_number.strip()
            if old_number in existing and old_number not in listed:
                municipality_model.objects.filter(number=old_number).update(
                    replaced_by_id=existing[row["number"]].pk, is_active=False
                )
                report.merged.append(f"{old_number}->{row['number']}")
    merged_numbers = {entry.split("->")[0] for entry in report.merged}
    for number, municipality in existing.items():
        if number not in listed and number not in merged_numbers and municipality.is_active:
            municipality_model.objects.filter(pk=municipality.pk).update(is_active=False)
            report.deactivated.append(number)
    return report
