from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from phases.demo import OSLO, build_live_round, live_round, seed_round


def demo_modules() -> list:
    """The ``demo`` module of every portal app that has one, in INSTALLED_APPS order."""
    modules = []
    for config in apps.get_app_configs():
        if Path(config.path).parent != settings.BASE_DIR:
            continue  # only the portal's own apps have demo data
        try:
            modules.append(import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
    return modules


class Command(BaseCommand):
    help = (
        "Create the finished 2020–2021 demo round and a live round whose dates follow today, "
        "with their phases, deadlines, jury, partners, challenges and demo people, and print "
        "the local credentials. Safe to run again: without --phase a running live round is "
        "kept as it is (with what you did in it); --phase N rebuilds it with today in phase N."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )
        parser.add_argument(
            "--phase",
            type=int,
            choices=range(1, 6),
            help="Rebuild the live round so that today falls in this phase (1–5).",
        )

    def handle(self, *args, force, phase, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off. Use --force if you mean it."
            )
        modules = demo_modules()
        now = timezone.now()
        with transaction.atomic():
            round = seed_round()
            for module in modules:
                if hasattr(module, "seed"):
                    module.seed(round, stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(f"Demo round ready: {round.name}"))

            live = live_round()
            if phase is None and live is not None and live.is_running_at(now):
                running = live.phase_at(now)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Live round kept as it is: {live.name}, phase {running.number} "
                        f"({running.name_nb}). `manage.py seed_demo --phase N` rebuilds it "
                        "in phase N."
                    )
                )
                return
            phase = phase or 1
            if live is not None:
                for module in reversed(modules):
                    if hasattr(module, "clear_live"):
                        module.clear_live(live)
            live = build_live_round(timezone.localdate(now, OSLO), phase)
            for module in modules:
                if hasattr(module, "seed_live"):
                    module.seed_live(live, phase=phase, stdout=self.stdout)
        running = live.phase_at(now)
        self.stdout.write(
            self.style.SUCCESS(
                f"Live round ready: {live.name}, today in phase {running.number} "
                f"({running.name_nb})."
            )
        )
