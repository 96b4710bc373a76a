from django.db import migrations

# The default scoring scale, 1–5, with a label per step.
STEPS = [
    (1, "Svært svak", "Very weak"),
    (2, "Svak", "Weak"),
    (3, "Middels", "Fair"),
    (4, "God", "Good"),
    (5, "Svært god", "Excellent"),
]


def load(apps, schema_editor):
    ScaleStep = apps.get_model("jury", "ScaleStep")
    for value, label_nb, label_en in STEPS:
        ScaleStep.objects.update_or_create(
            value=value, defaults={"label_nb": label_nb, "label_en": label_en}
        )


class Migration(migrations.Migration):
    dependencies = [("jury", "0003_settings_conflicts_audit")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
