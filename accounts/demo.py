"""Demo people and organisations for the 2020–2021 round (see phases/demo.py)."""

from allauth.account.models import EmailAddress

from accounts.models import (
    CountyMembership,
    Department,
    MunicipalityMembership,
    Organisation,
    OrganisationMembership,
    ProjectLeader,
    User,
)
from jury.models import JurySeat
from municipalities.models import County, Municipality

DEMO_PASSWORD = "gnist-demo-2020"

# Partners and their roles, from the programme page (shared/seed).
ORGANISATIONS = [
    ("DOGA – Design og arkitektur Norge", "DOGA", Organisation.Kind.PROGRAMME, "", ""),
    ("Nordic Edge", "Nordic Edge", Organisation.Kind.PROGRAMME, "", ""),
    (
        "Innovasjon Norge",
        "Innovasjon Norge",
        Organisation.Kind.PARTNER,
        "Kompetanse og identifisering av virkemidler. Synlighet og internasjonalisering. "
        "Mobilisering av næringslivsaktører.",
        "Competence and identifying funding schemes. Visibility and internationalisation. "
        "Mobilising businesses.",
    ),
    (
        "Nasjonalt program for leverandørutvikling",
        "LUP",
        Organisation.Kind.PARTNER,
        "Hjelp til utvalgte kommuner ved formulering av utlysning med henblikk på økt "
        "realiseringspotensial. Kompetanse og støtte underveis i prosessen.",
        "Helps the selected municipalities word their calls for a better chance of realisation. "
        "Competence and support along the way.",
    ),
    (
        "Distriktssenteret",
        "Distriktssenteret",
        Organisation.Kind.PARTNER,
        "Kommunikasjon ut til distriktskommuner. Kompetanse og støtte underveis i prosessen. "
        "Involvering av og innspill fra ungdommer.",
        "Communication to rural municipalities. Competence and support along the way. "
        "Involving young people and their input.",
    ),
    (
        "Siva",
        "Siva",
        Organisation.Kind.PARTNER,
        "Mobilisering av relevante næringslivsaktører (næringshager og inkubatorer). Ressurser i "
        "form av innovasjonskompetanse og prosjektledelse.",
        "Mobilising relevant businesses (business gardens and incubators). Innovation "
        "competence and project management.",
    ),
    (
        "KS",
        "KS",
        Organisation.Kind.PARTNER,
        "Kommunikasjon ut til kommuner. Kompetanse og støtte underveis i prosessen.",
        "Communication to municipalities. Competence and support along the way.",
    ),
    (
        "Loft4",
        "Loft4",
        Organisation.Kind.PARTNER,
        "Utvikle løp for innbyggerinvolvering. Kompetanse og støtte underveis i prosessen.",
        "Designs the citizen-involvement track. Competence and support along the way.",
    ),
    ("Growlab", "Growlab", Organisation.Kind.PARTNER, "", ""),
    ("Forskningsrådet", "Forskningsrådet", Organisation.Kind.OTHER, "", ""),
    ("Nordlys Design AS", "Nordlys Design", Organisation.Kind.BUSINESS, "", ""),
]

# The jury of 12 January 2021 as published on the programme page.
JURY = [
    ("Distriktssenteret", "Mona Handeland"),
    ("Innovasjon Norge", "Sølve Fauskevåg"),
    ("KS", "Anne Romsaas"),
    ("Forskningsrådet", "Tina Rebecca Hov-Gylthe"),
    ("Siva", "Randi Torvik"),
    ("LUP", "Elisabeth Smith"),
    ("DOGA", "Siri Holmboe Høibo"),
]

# (e-mail, full name, municipality number, department, project leader?)
MUNICIPALITY_PEOPLE = [
    ("kari.utsira@gnist.test", "Kari Nordvik", "1151", Department.BUSINESS_DEVELOPMENT, True),
    ("ola.utsira@gnist.test", "Ola Skare", "1151", Department.PLANNING, False),
    ("ingrid.tynset@gnist.test", "Ingrid Haugen", "3427", Department.PLANNING, True),
    ("per.tynset@gnist.test", "Per Moen", "3427", Department.BUSINESS_DEVELOPMENT, False),
    ("silje.heroy@gnist.test", "Silje Myklebust", "1515", Department.PLANNING, True),
    ("arne.heroy@gnist.test", "Arne Pedersen", "1818", Department.BUSINESS_DEVELOPMENT, True),
    ("hanne.krodsherad@gnist.test", "Hanne Bakke", "3318", Department.OTHER, True),
]


def demo_user(email, full_name, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed(round, *, stdout) -> None:
    organisations = {}
    for order, (name, short, kind, role_nb, role_en) in enumerate(ORGANISATIONS):
        organisations[short], _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short,
                "kind": kind,
                "role_nb": role_nb,
                "role_en": role_en,
                "order": order,
            },
        )

    staff = demo_user("staff@gnist.test", "Siri Programleder", is_staff=True)
    OrganisationMembership.objects.get_or_create(user=staff, organisation=organisations["DOGA"])
    people = [("staff@gnist.test", "programme staff (DOGA)")]

    for order, (short, name) in enumerate(JURY, start=1):
        juror = demo_user(f"jury{order}@gnist.test", name)
        JurySeat.objects.update_or_create(
            round=round,
            organisation=organisations[short],
            defaults={"user": juror, "display_name": name, "order": order},
        )
        people.append((juror.email, f"juror, {short}"))

    for email, name, number, department, leads in MUNICIPALITY_PEOPLE:
        user = demo_user(email, name)
        municipality = Municipality.objects.get(number=number)
        MunicipalityMembership.objects.update_or_create(
            user=user, municipality=municipality, defaults={"department": department}
        )
        if leads:
            ProjectLeader.objects.update_or_create(
                round=round, municipality=municipality, defaults={"user": user}
            )
        people.append((email, f"{municipality}{', project leader' if leads else ''}"))

    county_user = demo_user("fylke.innlandet@gnist.test", "Marit Fylkesrådgiver")
    CountyMembership.objects.get_or_create(user=county_user, county=County.objects.get(number="34"))
    people.append((county_user.email, "Innlandet fylkeskommune"))

    business = demo_user("bedrift@gnist.test", "Jonas Designer")
    OrganisationMembership.objects.get_or_create(
        user=business, organisation=organisations["Nordlys Design"]
    )
    people.append((business.email, "business member, Nordlys Design AS"))

    partner = demo_user("partner@gnist.test", "Lise Rådgiver")
    OrganisationMembership.objects.get_or_create(
        user=partner, organisation=organisations["Innovasjon Norge"]
    )
    people.append((partner.email, "partner member, Innovasjon Norge"))

    citizen = demo_user("innbygger@gnist.test", "Eva Innbygger")
    people.append((citizen.email, "citizen"))

    stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, role in people:
        stdout.write(f"  {email:32} {role}")
    stdout.write("Staff and jurors set up two-factor authentication on their first visit.")
