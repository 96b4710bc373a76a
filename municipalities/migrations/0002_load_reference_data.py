from django.db import migrations

from municipalities.sync import COUNTIES_CSV, MUNICIPALITIES_CSV, sync_reference_data


def load(apps, schema_editor):
    sync_reference_data(
        apps.get_model("municipalities", "County"),
        apps.get_model("municipalities", "Municipality"),
        counties_csv=COUNTIES_CSV,
        municipalities_csv=MUNICIPALITIES_CSV,
    )


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
