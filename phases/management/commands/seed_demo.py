from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from phases.demo import seed_round


class Command(BaseCommand):
    help = (
        "Create the 2020–2021 demo round with its phases, deadlines, jury, partners and demo "
        "people, and print their local credentials. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off. Use --force if you mean it."
            )
        with transaction.atomic():
            round = seed_round()
            for config in apps.get_app_configs():
                if Path(config.path).parent != settings.BASE_DIR:
                    continue  # only the portal's own apps have demo data
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
                    continue
                if hasattr(module, "seed"):
                    module.seed(round, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo round ready: {round.name}"))
