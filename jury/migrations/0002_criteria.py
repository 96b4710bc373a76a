from django.db import migrations

# The nine phase-2 selection criteria, from the programme page (shared/seed) and DOMAIN.md.
CRITERIA = [
    (
        "roadmap", "Veikartet", "Roadmap",
        "Vi leter etter utfordringer som tar utgangspunkt i målbildene og prinsippene i det "
        "nasjonale veikartet for smarte og bærekraftige byer og lokalsamfunn.",
        "Challenges grounded in the target pictures and principles of the national roadmap for "
        "smart and sustainable cities and communities.",
    ),
    (
        "sustainability", "Bærekraft", "Sustainability",
        "Vi leter etter kommuner som har ambisjoner om å knytte sitt innovasjonsarbeid til FNs "
        "bærekraftmål.",
        "Municipalities with the ambition to tie their innovation work to the UN Sustainable "
        "Development Goals.",
    ),
    (
        "geography", "Geografi", "Geography",
        "Vi leter etter kommuner fra hele landet.",
        "Municipalities from the whole country.",
    ),
    (
        "engagement", "Engasjement", "Engagement",
        "Vi leter etter ambisiøse kommuner som er på jakt etter tverrfaglige, innovative og "
        "bærekraftige løsninger, som vil utforske nye måter å jobbe på – og som er villig til å "
        "dele sine funn med andre kommuner/fylkeskommuner.",
        "Ambitious municipalities looking for cross-disciplinary, innovative and sustainable "
        "solutions, keen to explore new ways of working and willing to share their findings.",
    ),
    (
        "commitment", "Forpliktelse", "Commitment",
        "Vi leter etter kommuner som er villig til å bruke tid og krefter på å jobbe sammen med "
        "oss, og som også er genuint interesserte i å implementere den endelige løsningen.",
        "Municipalities willing to spend time and effort working with the programme, and "
        "genuinely interested in implementing the final solution.",
    ),
    (
        "scalability", "Skalerbarhet", "Scalability",
        "Vi leter etter utfordringer knyttet til konkrete by- og stedsutviklingsprosjekter, som "
        "kan fremme utviklingen av skalerbare metoder og løsninger.",
        "Challenges tied to concrete town- and place-development projects that can yield "
        "scalable methods and solutions.",
    ),
    (
        "anchoring", "Forankring", "Anchoring",
        "Vi leter etter kommuner med prosjekter i tidlig fase med klare mål, allokerte ressurser "
        "og en solid forankring internt i kommunen.",
        "Early-phase projects with clear goals, allocated resources and solid internal anchoring "
        "in the municipality.",
    ),
    (
        "inclusion", "Inkludering", "Inclusion",
        "Vi leter etter utfordringer der innbyggere, næringsliv og akademia kan og bør inkluderes "
        "for å i fellesskap utvikle bedre og mer innovative løsninger.",
        "Challenges where citizens, businesses and academia can and should be included to develop "
        "better and more innovative solutions together.",
    ),
    (
        "technology", "Teknologi", "Technology",
        "Vi leter etter utfordringer der ny teknologi og/eller åpne data kan være en del av "
        "løsningen.",
        "Challenges where new technology and/or open data can be part of the solution.",
    ),
]


def load(apps, schema_editor):
    Criterion = apps.get_model("jury", "Criterion")
    for order, (key, name_nb, name_en, guidance_nb, guidance_en) in enumerate(CRITERIA, start=1):
        Criterion.objects.update_or_create(
            key=key,
            defaults={
                "order": order,
                "name_nb": name_nb,
                "name_en": name_en,
                "guidance_nb": guidance_nb,
                "guidance_en": guidance_en,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("jury", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
