from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from municipalities.models import County, Municipality
from municipalities.sync import COUNTIES_CSV, MUNICIPALITIES_CSV, sync_reference_data


class Command(BaseCommand):
    help = (
        "Re-sync counties and municipalities from CSV files (default: the copies in "
        "municipalities/data/). Matches rows by number, so renames keep every link; "
        "municipalities missing from the file are deactivated, and an optional "
        "'replaces' column records mergers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--counties", type=Path, default=COUNTIES_CSV)
        parser.add_argument("--municipalities", type=Path, default=MUNICIPALITIES_CSV)
        parser.add_argument("--dry-run", action="store_true", help="Report, then roll back.")

    def handle(self, *args, counties, municipalities, dry_run, **options):
        with transaction.atomic():
            report = sync_reference_data(
                County, Municipality, counties_csv=counties, municipalities_csv=municipalities
            )
            for line in report.lines():
                self.stdout.write(line)
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write("dry run: nothing saved")
