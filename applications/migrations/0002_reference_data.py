"""The eight roadmap principles (shared/data/roadmap.md, DOGA's wording) and the 17 UN SDGs."""

import csv

from django.conf import settings
from django.db import migrations

SDGS_CSV = settings.BASE_DIR / "municipalities" / "data" / "sdgs.csv"

PRINCIPLES = [
    (1, "Sett innbyggerne i sentrum", "Put residents at the centre"),
    (2, "Tenk helhetlig", "Think holistically"),
    (3, "Prioriter klima og miljø", "Prioritise climate and the environment"),
    (4, "Vektlegg inkludering og samskaping", "Emphasise inclusion and co-creation"),
    (5, "Sats på neste generasjon næringsliv", "Invest in next-generation business"),
    (6, "Del og ta i bruk åpne data", "Share and use open data"),
    (
        7,
        "Sats på kompetanseutvikling, omstilling og innovasjon",
        "Invest in skills development, transformation and innovation",
    ),
    (8, "Begynn lokalt, men tenk globalt", "Start locally, but think globally"),
]


def load(apps, schema_editor):
    RoadmapPrinciple = apps.get_model("applications", "RoadmapPrinciple")
    Goal = apps.get_model("applications", "SustainableDevelopmentGoal")
    for number, name_nb, name_en in PRINCIPLES:
        RoadmapPrinciple.objects.update_or_create(
            number=number, defaults={"name_nb": name_nb, "name_en": name_en}
        )
    with open(SDGS_CSV, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Goal.objects.update_or_create(
                number=int(row["number"]),
                defaults={"name_nb": row["name_nb"], "name_en": row["name_en"]},
            )


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
