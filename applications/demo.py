"""Demo challenges: 26 submitted in 2020–2021, and eight in the live round.

The texts are invented but plausible, in the municipalities' own voice and about
their own place, so the jury pages have material to score. Idempotent: one
challenge per municipality and round, updated in place.
"""

from datetime import timedelta

from accounts.models import CountyMembership, ProjectLeader, User
from applications.models import (
    Application,
    ApplicationVersion,
    Commitment,
    CountySupport,
    RoadmapPrinciple,
    StatusChange,
    SustainableDevelopmentGoal,
)
from municipalities.models import Municipality
from phases.demo import live_moment, oslo
from phases.models import Deadline

# (number, title, summary, challenge, project, goals, involvement, technology,
#  roadmap principles, SDGs, stage)
CHALLENGES = [
    (
        "3427",
        "Mobilitetshub i Tynset sentrum",
        "Vi vil samle buss, bildeling, sykkel og varelevering i en mobilitetshub ved "
        "jernbanestasjonen, slik at det blir lettere å leve uten bil nummer to.",
        "Tynset er regionsenter for Nord-Østerdalen, men mange pendler med egen bil fordi "
        "kollektivtilbudet er spredt og lite koordinert. Stasjonsområdet ligger brakk store "
        "deler av døgnet, og ungdom og eldre uten bil har få muligheter utenfor rutetidene.",
        "Områdeplan for stasjonsområdet (vedtatt 2019) og ny sentrumsplan. Kommunen eier "
        "tomta nord for stasjonen.",
        "Redusere bilavhengigheten med 15 prosent innen 2025, gjøre stasjonen til et levende "
        "møtested og gi ungdom et reelt alternativ til moped og bil.",
        "Ungdomsrådet, eldrerådet og pendlere involveres gjennom workshops og en digital "
        "reisevaneundersøkelse. Lokale transportører og taxinæringen deltar i utviklingen.",
        "Sanntidsdata fra buss og tog, åpne API-er for bildeling og en felles "
        "bestillingsløsning. Data om bruk deles som åpne data.",
        [1, 2, 3, 6],
        [9, 11, 13],
        "planning",
    ),
    (
        "1151",
        "Helårs reiseliv på Utsira",
        "Norges minste kommune vil skape arbeidsplasser året rundt gjennom et reiseliv som "
        "bygger på fugletitting, kunst og havet – uten å slite på øya.",
        "Utsira har rundt 200 innbyggere. Turistene kommer om sommeren, men vinterhalvåret er "
        "stille, og unge familier flytter fordi det er få helårsjobber. Ferjekapasiteten og "
        "sårbar natur setter grenser for volum.",
        "Strategisk næringsplan 2020–2024 og utvikling av det gamle fyrvokterboligområdet "
        "til kunst- og overnattingssted.",
        "Fem nye helårsarbeidsplasser innen 2024 og en jevnere fordeling av besøkende over "
        "året, målt med anonymiserte ferjedata.",
        "Hele øya inviteres til folkemøter; kunstnerne i Utsira-gruppen og fuglestasjonen er "
        "med fra start. Universitetet i Stavanger bidrar med besøksstudier.",
        "Bookingløsning koblet til ferjebillett og værdata; sensorer som teller ferdsel på "
        "stiene for å verne sårbar natur.",
        [1, 3, 5, 8],
        [8, 12, 14],
        "idea",
    ),
    (
        "1515",
        "Digital tvilling av Fosnavåg sentrum",
        "En digital tvilling av sentrum skal gjøre det enklere for innbyggere og næringsliv å "
        "se og påvirke hvordan Fosnavåg utvikles.",
        "Fosnavåg er et kompakt sentrum med maritim industri tett på boliger. Planprosessene "
        "er tunge å følge for folk flest, og næringslivet savner raske svar om muligheter for "
        "utvidelse.",
        "Sentrumsplan for Fosnavåg og transformasjon av kaiområdet på Leite.",
        "Kortere saksbehandling, flere innspill fra innbyggerne i planprosesser og bedre "
        "beslutninger om flomsikring.",
        "Innbyggerpanel, videregående skole og næringsforeningen tester tvillingen i "
        "verksteder. NTNU i Ålesund er faglig partner.",
        "3D-modell fra laserskanning, åpne kartdata fra Kartverket og sensorer for "
        "havnivå og luftkvalitet.",
        [1, 2, 6, 7],
        [9, 11, 13],
        "early",
    ),
    (
        "1818",
        "Sirkulær næringspark på Herøy",
        "Vi vil gjøre restråstoff fra havbruk og fiskeri til nye produkter i en sirkulær "
        "næringspark på Herøy på Helgeland.",
        "Havbruksnæringen på Helgeland vokser, men mye restråstoff, tauverk og plast går ut av "
        "regionen. Herøy mangler arealer tilrettelagt for gjenbruk og småskala foredling.",
        "Reguleringsplan for næringsområdet på Sandvær og kystsoneplanen for Helgeland.",
        "Tre nye bedrifter i næringsparken innen 2025 og halvert mengde havbruksplast som "
        "sendes ut av kommunen.",
        "Oppdrettsselskapene, fiskerne og Nord universitet deltar; ungdom inviteres til "
        "gründercamp.",
        "Sporbarhet av råstoff med digitale merkelapper og en åpen oversikt over tilgjengelige "
        "restråstoffer.",
        [2, 3, 5],
        [9, 12, 14],
        "planning",
    ),
    (
        "3318",
        "Bolyst for unge voksne i Krødsherad",
        "Krødsherad vil finne ut hva som skal til for at unge voksne velger å bo her, og "
        "prøve ut løsninger sammen med dem.",
        "Kommunen har mange hytter og godt med turister, men få unge voksne bosetter seg. "
        "Det mangler utleieboliger og fleksible arbeidsplasser.",
        "Boligsosial plan og utvikling av Noresund sentrum.",
        "Tjue nye innbyggere mellom 20 og 35 år innen 2024.",
        "Unge voksne som har flyttet ut, hytteeiere og lokale arbeidsgivere intervjues og "
        "deltar i designsprinter.",
        "Digital plattform for korttidsleie og kontorfellesskap med booking.",
        [1, 4, 5],
        [8, 11],
        "idea",
    ),
    (
        "3401",
        "Sentrumsutvikling med tomme lokaler i Kongsvinger",
        "Tomme butikklokaler i gågata skal fylles med midlertidige aktiviteter, gründere og "
        "kultur mens sentrum finner ny rolle.",
        "Handelen flytter til kjøpesenter og nett, og gågata har over tjue tomme lokaler. "
        "Gårdeierne er mange og har ulike interesser.",
        "Byplan for Kongsvinger sentrum og Glommaløftet.",
        "Halvere antallet tomme lokaler på tre år og øke besøket i sentrum på kveldstid.",
        "Gårdeiere, kulturliv, Høgskolen i Innlandet og ungdom samles i et sentrumslag.",
        "Åpen oversikt over ledige lokaler og anonym måling av gangtrafikk.",
        [1, 2, 4, 5],
        [8, 11],
        "early",
    ),
    (
        "3421",
        "Smart vann og avløp i Trysil",
        "Sensorer i vann- og avløpsnettet skal gi tidlig varsel om lekkasjer og overløp i en "
        "kommune der befolkningen femdobles i vintersesongen.",
        "Trysil har et ledningsnett dimensjonert for fastboende, men hytteturismen gir store "
        "topper. Lekkasjer oppdages sent, og overløp går i Trysilelva.",
        "Hovedplan for vann og avløp 2020–2030 og utbygging i Trysilfjellet.",
        "Redusere lekkasjetapet fra 35 til 20 prosent og unngå overløp i flomperioder.",
        "Hytteeiere og reiselivet informeres og deltar i sparekampanjer; "
        "leverandører inviteres til å teste sensorer.",
        "IoT-sensorer, maskinlæring på forbruksdata og åpne data om vannkvalitet.",
        [3, 6, 7],
        [6, 9, 11],
        "planning",
    ),
    (
        "3424",
        "Ungdommens møteplass i Rendalen",
        "Ungdom i Rendalen skal være med og designe en møteplass som er åpen når de trenger "
        "den, ikke bare når kommunen har åpent.",
        "Bygda er langstrakt og ungdommene bor spredt. Ungdomsklubben har åpent én kveld i uka, "
        "og mange opplever ensomhet.",
        "Ny skole og flerbrukshall på Åkrestrømmen.",
        "En møteplass med åpningstider styrt av ungdommene selv, og bedre trivsel i "
        "Ungdata-undersøkelsen.",
        "Ungdomsrådet leder arbeidet; Distriktssenterets metodikk for ungdomsinvolvering brukes.",
        "Digital adgangskontroll og booking, og en enkel app for samkjøring.",
        [1, 4],
        [3, 10, 11],
        "planning",
    ),
    (
        "3432",
        "Klimavennlig stølsdrift i Lesja",
        "Vi vil utvikle nye næringer rundt stølene med fornybar energi og digital "
        "overvåking av beitedyr.",
        "Stølsdriften er i ferd med å forsvinne, og med den kulturlandskap og arbeidsplasser.",
        "Landbruksplan og kulturminneplan for Lesja.",
        "Ti aktive støler i 2025 og et reiselivsprodukt knyttet til stølskultur.",
        "Bønder, grunneierlag og reiselivsbedrifter deltar; NIBIO er fagpartner.",
        "Solcellebaserte mikronett og GPS-klaver på beitedyr.",
        [3, 5, 8],
        [2, 7, 15],
        "idea",
    ),
    (
        "3453",
        "Helårs reiseliv i Øystre Slidre",
        "Beitostølen skal bli en helårsdestinasjon der fastboende og turister deler på "
        "infrastrukturen.",
        "Vintersesongen dominerer, og mange ansatte er sesongarbeidere uten fast bolig.",
        "Områdeplan for Beitostølen og strategisk plan for reiselivet i Valdres.",
        "Flere helårsarbeidsplasser og økt bruk av sti- og sykkelnettet i sommerhalvåret.",
        "Destinasjonsselskapet, hytteeiere og fastboende inviteres til verksteder.",
        "Ferdselstellere og åpne data om løypekjøring og parkering.",
        [2, 3, 5],
        [8, 11, 15],
        "planning",
    ),
    (
        "1134",
        "Grønn ferjekai i Suldal",
        "Suldal vil utvikle ferjekaia på Nesvik til et lite kollektiv- og næringsknutepunkt "
        "med landstrøm.",
        "Ventetid ved ferja er tapt tid, og området er lite attraktivt for handel og opphold.",
        "Regional plan for Ryfylke og reguleringsplan for Nesvik.",
        "Landstrøm til ferja og et servicebygg med lokale produkter innen 2024.",
        "Ferjeselskapet, lokale produsenter og pendlere deltar.",
        "Energistyring og sanntidsinformasjon om ferjekø.",
        [2, 3, 5],
        [7, 9, 13],
        "early",
    ),
    (
        "1160",
        "Digital landsby i Vindafjord",
        "Bygdene i Vindafjord skal få fellesskapskontor og digitale tjenester som gjør det "
        "mulig å jobbe der man bor.",
        "Mange pendler til Haugesund, og grendesentrene mister funksjoner.",
        "Kommuneplanens samfunnsdel og bredbåndsutbygging.",
        "Tre grendekontor i drift og økt befolkning i grendene.",
        "Grendelag, arbeidsgivere og pendlere inviteres.",
        "Fiberbredbånd, booking og digital nøkkel.",
        [1, 5, 7],
        [8, 9, 11],
        "planning",
    ),
    (
        "1539",
        "Raumabanen som reiselivsmotor",
        "Rauma vil koble togturister til lokale opplevelser og gjøre Åndalsnes til et "
        "levende knutepunkt hele året.",
        "Cruisetrafikken har vært ustabil, og mange togturister reiser videre uten å legge "
        "igjen penger lokalt.",
        "Stedsutvikling Åndalsnes og reiselivsplan for Romsdalen.",
        "Dobbelt så mange overnattinger fra togreisende innen 2025.",
        "Reiselivsbedrifter, Bane NOR og innbyggere deltar.",
        "Felles digital billett for tog og opplevelser, og åpne besøksdata.",
        [2, 5, 8],
        [8, 11, 12],
        "early",
    ),
    (
        "1573",
        "Smøla kystsamfunn 2030",
        "Smøla vil bruke vindkraft og havbruk som grunnlag for et klimanøytralt kystsamfunn.",
        "Øykommunen har mye fornybar energi, men lite av verdiskapingen blir igjen lokalt.",
        "Klima- og energiplan for Smøla.",
        "Lokal bruk av vindkraft i næringslivet og en grønn havn.",
        "Kraftselskapet, havbruksnæringen og skolen deltar.",
        "Energidata, smarte strømnett og elektrifisering av arbeidsbåter.",
        [3, 5, 6],
        [7, 13, 14],
        "planning",
    ),
    (
        "1811",
        "Bindal: nærbutikken som servicetorg",
        "Nærbutikkene i Bindal skal bli servicetorg med post, apotekvarer og digitale "
        "kommunale tjenester.",
        "Lange avstander og få tjenester gjør det vanskelig for eldre å bo hjemme.",
        "Merkur-programmet og kommunens plan for helse og omsorg.",
        "Alle grender har et servicepunkt innen to år.",
        "Kjøpmenn, eldreråd og frivilligheten deltar.",
        "Digitale skjermer for videokonsultasjon og hentebokser.",
        [1, 2, 4],
        [3, 10, 11],
        "idea",
    ),
    (
        "1835",
        "Træna: havet som klasserom",
        "Træna vil utvikle et kompetansesenter for havbasert næring der skolen, fiskerne "
        "og forskere møtes.",
        "Unge flytter for å ta utdanning og kommer sjelden tilbake.",
        "Ny skole og havnestrategi for Træna.",
        "Fjernundervisning i havfag og to nye arbeidsplasser i kompetansesenteret.",
        "Elever, fiskere og Nord universitet deltar.",
        "Undervannsdroner og åpne havdata fra egne målebøyer.",
        [5, 7, 8],
        [4, 14],
        "idea",
    ),
    (
        "1856",
        "Røst: tørrfisk og turisme i balanse",
        "Røst vil bruke tørrfiskhjellene og fuglefjellene til et bærekraftig reiseliv som "
        "ikke forstyrrer fisket.",
        "Besøket øker, men infrastrukturen er dimensjonert for et lite samfunn.",
        "Kommunedelplan for Røstlandet.",
        "Et besøksforvaltningssystem og nye produkter utenfor fiskesesongen.",
        "Fiskebruk, reiselivsaktører og innbyggere deltar.",
        "Ferdselstellere og forhåndsbooking av guidede turer.",
        [3, 4, 8],
        [8, 14, 15],
        "planning",
    ),
    (
        "3320",
        "Flå: stasjonsbyen som hjem",
        "Flå vil gjøre området rundt stasjonen til et attraktivt sted å bo for pendlere og "
        "hjemmekontorister.",
        "Kommunen ligger langs E7 og Bergensbanen, men sentrum er preget av gjennomgangstrafikk.",
        "Sentrumsplan for Flå og trafikksikkerhetsplan.",
        "Nye boliger nær stasjonen og tryggere skolevei.",
        "Pendlere, skolen og næringslivet deltar.",
        "Trafikkdata og digital parkering ved stasjonen.",
        [1, 2, 3],
        [3, 11],
        "planning",
    ),
    (
        "3330",
        "Hol: hyttefolk som ressurs",
        "Hol vil involvere hytteeierne som kompetanse og arbeidskraft i lokalsamfunnet.",
        "Kommunen har flere hytter enn fastboende, men hytteeierne deltar lite i lokalsamfunnet.",
        "Hytteplan for Hol og næringsplan.",
        "Flere fjernarbeidsplasser og et hytteeierpanel i kommunens planarbeid.",
        "Hytteeierforeninger og lokale bedrifter deltar.",
        "Digital innbyggerdialog og kontorfellesskap med booking.",
        [1, 4, 5],
        [8, 11],
        "idea",
    ),
    (
        "4036",
        "Vinje: fjellandsbyen Rauland",
        "Rauland skal utvikles som en bilfri fjellandsby med energismart bebyggelse.",
        "Hyttebyggingen sprer seg og gir mer biltrafikk og naturinngrep.",
        "Områdeplan for Rauland sentrum.",
        "En kompakt landsby og redusert trafikk i fjellet.",
        "Hytteeiere, reiselivet og Universitetet i Sørøst-Norge deltar.",
        "Energidata fra bygg og åpne data om trafikk.",
        [2, 3, 8],
        [7, 11, 15],
        "planning",
    ),
    (
        "4221",
        "Valle: digital omsorg i Setesdal",
        "Valle vil teste velferdsteknologi som lar eldre bo lenger hjemme i spredt bebyggelse.",
        "Lange avstander gir mye kjøring for hjemmetjenesten.",
        "Helse- og omsorgsplan for Setesdal.",
        "Mindre kjøring og tryggere hverdag for hjemmeboende eldre.",
        "Eldre, pårørende og hjemmetjenesten deltar i utviklingen.",
        "Digitalt tilsyn, sensorer og åpne standarder for velferdsteknologi.",
        [1, 4, 7],
        [3, 10],
        "early",
    ),
    (
        "4637",
        "Hyllestad: steinhoggerbygda",
        "Hyllestad vil bruke kvernsteinsarven som grunnlag for reiseliv og nye bedrifter.",
        "Befolkningen går ned, og kulturarven er lite kjent.",
        "Kulturminneplan og utvikling av Kvernsteinsparken.",
        "Nye besøksprodukter og en håndverksbedrift innen 2024.",
        "Museet, skolen og lokale håndverkere deltar.",
        "Digital formidling med utvidet virkelighet.",
        [5, 7, 8],
        [8, 11],
        "idea",
    ),
    (
        "5025",
        "Røros: verdensarv og sirkulær byggeskikk",
        "Røros vil gjenbruke materialer fra rivning og restaurering i en regional byggevarebank.",
        "Verdensarvstatusen krever tradisjonelle materialer, og mye god trelast kastes.",
        "Kommunedelplan for verdensarvbyen.",
        "En byggevarebank i drift og mindre byggavfall.",
        "Håndverkere, eiere av fredede bygg og NTNU deltar.",
        "Materialpass og en åpen database over tilgjengelige materialer.",
        [3, 5, 6],
        [11, 12],
        "planning",
    ),
    (
        "5042",
        "Lierne: grensekommunen som nav",
        "Lierne vil samarbeide med svenske nabokommuner om tjenester og næringsutvikling.",
        "Små fagmiljøer og lange avstander gjør tjenestene sårbare.",
        "Interkommunalt samarbeid og regional plan for Namdal.",
        "Felles tjenester over grensen og nye arbeidsplasser innen naturbasert reiseliv.",
        "Næringsliv og innbyggere på begge sider av grensen deltar.",
        "Felles digital plattform og tolketjeneste.",
        [2, 4, 8],
        [8, 16, 17],
        "idea",
    ),
    (
        "5546",
        "Kvænangen: fiskevær i endring",
        "Kvænangen vil utvikle Burfjord som et levende sentrum med sjømat, reiseliv og "
        "kvensk kultur.",
        "Fiskeindustrien er sårbar, og sentrum har mange tomme bygg.",
        "Stedsutviklingsplan for Burfjord.",
        "Nye arbeidsplasser og et sentrum med møteplasser for alle generasjoner.",
        "Fiskere, kvenske foreninger og ungdom deltar.",
        "Åpne data om sjømat og digital formidling av kvensk kultur.",
        [1, 4, 8],
        [8, 11, 14],
        "planning",
    ),
    (
        "5626",
        "Gamvik: arktisk naturlaboratorium",
        "Gamvik vil gjøre Slettnes fyr til et laboratorium for forskning og opplevelser i "
        "arktisk natur.",
        "Befolkningen går ned, og det er få arbeidsplasser utenom fiske.",
        "Kommuneplan og utvikling av Slettnes naturreservat.",
        "Forskere og besøkende året rundt og tre nye arbeidsplasser.",
        "UiT, reiselivet og innbyggere deltar.",
        "Miljøsensorer og åpne klimadata fra Slettnes.",
        [3, 6, 8],
        [13, 14, 15],
        "idea",
    ),
]

STAGE_TIMELINES = {
    "idea": "Forprosjekt våren 2021, planarbeid høsten 2021, gjennomføring 2022–2023.",
    "planning": "Planarbeid pågår i 2021, byggestart planlagt 2022.",
    "early": "Prosjektet startet i 2020; første delprosjekt ferdig høsten 2021.",
}
# Who in the municipality takes part, by project stage, and how the decision was made.
STAGE_DEPARTMENTS = {
    "idea": "Næring og samfunnsutvikling; kultur ved behov.",
    "planning": "Plan og byggesak; næringsavdelingen.",
    "early": "Teknisk drift og plan; oppvekst ved behov.",
}
ANCHORING_BODIES = ["Formannskapet", "Kommunestyret", "Kommunedirektøren", "Næringsutvalget"]
MONTHS = ["september", "oktober", "november"]


def _joined(names: list[str]) -> str:
    names = [name[0].lower() + name[1:] for name in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def _own_texts(index, municipality, title, goal_text, principles, goals) -> dict[str, str]:
    """The parts of a 2020–2021 challenge that the table above leaves out, in its own words:
    built from the municipality's own choices, so no two challenges share a sentence."""
    body = ANCHORING_BODIES[index % len(ANCHORING_BODIES)]
    month = MONTHS[index % len(MONTHS)]
    return {
        "roadmap_rationale": f"«{title}» bygger på veikartets prinsipper om "
        f"{_joined([p.name_nb for p in principles])}.",
        "sdg_rationale": f"{municipality.name} følger opp bærekraftsmålene om "
        f"{_joined([g.name_nb for g in goals])} i kommuneplanens samfunnsdel. "
        f"Målet vårt: {goal_text[0].lower()}{goal_text[1:]}",
        "resources_description": f"Prosjektleder i {20 + 10 * (index % 4)} prosent stilling i "
        f"{municipality.name} kommune, med {2 + index % 4} kolleger som bidrar med egne timer.",
        "anchoring_description": f"{body} i {municipality.name} sluttet seg til søknaden i "
        f"{month} 2020 og satte av egenandelen i budsjettet for 2021.",
        "county_involvement": f"{municipality.county.council_name} kjenner planene for "
        f"{municipality.name} fra regional plan og stiller med en rådgiver.",
    }


def seed(round, *, stdout) -> None:
    principles = {p.number: p for p in RoadmapPrinciple.objects.all()}
    goals = {g.number: g for g in SustainableDevelopmentGoal.objects.all()}
    deadline = round.deadline_at(Deadline.Key.CHALLENGE_SUBMISSION)
    leaders = dict(
        ProjectLeader.objects.filter(round=round).values_list("municipality__number", "user")
    )
    count = 0
    for index, entry in enumerate(CHALLENGES):
        (
            number,
            title,
            summary,
            challenge,
            project,
            goal_text,
            involvement,
            technology,
            principle_numbers,
            sdg_numbers,
            stage,
        ) = entry
        municipality = Municipality.objects.select_related("county").get(number=number)
        submitted_at = (deadline or round.phases.first().ends_at) - timedelta(
            days=index % 9 + 1, hours=index % 7, minutes=7 * index
        )
        chosen_principles = [principles[n] for n in principle_numbers]
        chosen_goals = [goals[n] for n in sdg_numbers]
        defaults = {
            "title": title,
            "summary": summary,
            "challenge": challenge,
            "project": project,
            "project_stage": stage,
            "project_timeline": STAGE_TIMELINES[stage],
            "goals": goal_text,
            **_own_texts(index, municipality, title, goal_text, chosen_principles, chosen_goals),
            "resources_people": 2 + index % 4,
            "resources_hours": 300 + 50 * (index % 7),
            "resources_nok": 150000 + 25000 * (index % 5),
            "anchoring": "political" if index % 3 else "administrative",
            "involvement": involvement,
            "technology": technology,
            "project_leader_id": leaders.get(number),
            "departments": STAGE_DEPARTMENTS[stage],
            "commitments": [choice.value for choice in Commitment],
        }
        save_challenge(
            round,
            municipality,
            defaults,
            principles=chosen_principles,
            goals=chosen_goals,
            created_at=oslo(2020, 10, 12 + index % 14, 9 + index % 6),
            submitted_at=submitted_at,
            by_id=leaders.get(number),
        )
        count += 1
    support_by = _county_support_person()
    if support_by is not None:
        for application in Application.objects.filter(
            round=round, municipality__county__number="34"
        )[:3]:
            CountySupport.objects.update_or_create(
                application=application,
                defaults={
                    "confirmed_by": support_by,
                    "statement": f"Innlandet fylkeskommune stiller med rådgiver fra plan og "
                    f"næring for {application.municipality} og vurderer medfinansiering.",
                },
            )
            CountySupport.objects.filter(application=application).update(
                confirmed_at=application.submitted_at + timedelta(days=2)
            )
    stdout.write(f"Challenges: {count} submitted for {round.name}")


def save_challenge(
    round, municipality, defaults, *, principles, goals, created_at, submitted_at, by_id
) -> Application:
    """Create or update one demo challenge, a draft when ``submitted_at`` is None.

    Its timestamps are the ones given (``created_at``/``updated_at`` are auto
    fields, so they are set by a queryset update afterwards); a submitted one
    gets its status change and first version, dated at ``submitted_at``.
    """
    status = Application.Status.DRAFT if submitted_at is None else Application.Status.SUBMITTED
    defaults = {**defaults, "status": status, "submitted_at": submitted_at}
    application = Application.objects.filter(round=round, municipality=municipality).first()
    if application is None:
        application = Application.objects.create(round=round, municipality=municipality, **defaults)
    else:
        for name, value in defaults.items():
            setattr(application, name, value)
        application.save()
    application.roadmap_principles.set(principles)
    application.sdgs.set(goals)
    updated_at = submitted_at or created_at + timedelta(days=6, hours=3, minutes=17)
    Application.objects.filter(pk=application.pk).update(
        created_at=created_at, updated_at=updated_at
    )
    if submitted_at is not None:
        change, _created = StatusChange.objects.get_or_create(
            application=application,
            from_status=Application.Status.DRAFT,
            to_status=Application.Status.SUBMITTED,
            defaults={"changed_by_id": by_id},
        )
        StatusChange.objects.filter(pk=change.pk).update(changed_at=submitted_at)
        version, _created = ApplicationVersion.objects.update_or_create(
            application=application,
            number=1,
            defaults={"snapshot": application.snapshot(), "submitted_by_id": by_id},
        )
        ApplicationVersion.objects.filter(pk=version.pk).update(submitted_at=submitted_at)
    return application


def _county_support_person():
    membership = CountyMembership.objects.filter(county__number="34").select_related("user").first()
    return membership.user if membership else None


# The live round (phases/demo.py builds its timeline) ----------------------------------------

# How each live challenge fares: "early" is handed in during phase 1, "late" is a draft in
# phase 1 and handed in just before the deadline, "draft" never makes it.
LIVE_CHALLENGES = [
    dict(
        number="4642",
        fate="early",
        title="Lærdalsøyri: trehusbyen som levende sentrum",
        summary="Den gamle trehusbebyggelsen på Lærdalsøyri skal fylles med folk igjen, ti år "
        "etter brannen i 2014.",
        challenge="Brannen i januar 2014 tok rundt 40 bygninger, og mange av de verneverdige "
        "husene som sto igjen, står tomme store deler av året. Sentrum flommer over når "
        "Lærdalselvi går stor, og trafikken på E16 kjører forbi uten å stoppe.",
        project="Områdeplan for Øyri og flomsikringsprosjektet langs Lærdalselvi.",
        project_stage="early",
        project_timeline="Flomvollen er under bygging; en leiemodell for tomme hus prøves ut "
        "fra neste vår.",
        goals="Ti tomme hus tatt i bruk som boliger, verksteder eller overnatting innen fem år.",
        principles=[1, 3, 4],
        sdgs=[11, 13],
        roadmap_rationale="Kulturarven er utgangspunktet, ikke hinderet: vi bygger på stedets "
        "egne kvaliteter, slik veikartet ber om.",
        sdg_rationale="Et verneverdig sentrum som sikres mot flom, henger sammen med både "
        "bærekraftige lokalsamfunn og klimatilpasning.",
        resources_people=4,
        resources_hours=800,
        resources_nok=400000,
        resources_description="Kulturminnekonsulenten og arealplanleggeren bruker halve "
        "stillingen sin; Riksantikvaren har gitt tilsagn om midler til istandsetting.",
        anchoring="political",
        anchoring_description="Kommunestyret vedtok områdeplanen i mars og ba administrasjonen "
        "søke Gnist.",
        involvement="Huseierne på Øyri, Norsk Villakssenter og ungdomsrådet er med i en "
        "arbeidsgruppe; tilflyttere intervjues om hva som fikk dem til å bli.",
        technology="En digital tvilling av Øyri med flomsoner og brannsikring, og trådløse "
        "branndetektorer i de gamle trehusene.",
        departments="Plan og utvikling; kultur.",
        county_involvement="Vestland fylkeskommune er kulturminnemyndighet og gir råd om bruk "
        "av verneverdige bygg.",
    ),
    dict(
        number="4026",
        fate="early",
        title="Rjukan: verdensarvbyen som trekker unge familier",
        summary="Tinn vil bruke verdensarvstatusen og ledige arbeiderboliger til å få unge "
        "familier til å flytte til Rjukan.",
        challenge="Tinn har gått ned fra rundt 8 000 til under 6 000 innbyggere på femti år. "
        "Rjukan har mange ledige arbeiderboliger og en sterk historie, men sola når ikke "
        "dalbunnen om vinteren, og mange unge ser ikke for seg et liv her.",
        project="Sentrumsplanen for Rjukan, med solspeilet over torget, og formidlingen av "
        "industriarven på Vemork.",
        project_stage="ongoing",
        project_timeline="Sentrumsplanen er vedtatt; boligprogrammet starter til våren og går "
        "i tre år.",
        goals="Femti nye innbyggere under 40 år innen tre år, og halvparten av de tomme "
        "arbeiderboligene i bruk.",
        principles=[1, 2, 5],
        sdgs=[3, 11],
        roadmap_rationale="Vi bruker veikartets målbilde om attraktive lokalsamfunn og ser "
        "bolig, arbeid og fritid i én plan.",
        sdg_rationale="Lys, møteplasser og trygge boliger for barnefamilier gir god helse og "
        "et lokalsamfunn folk vil bli i.",
        resources_people=3,
        resources_hours=500,
        resources_nok=300000,
        resources_description="En tilflytterkoordinator i full stilling og en boligrådgiver i "
        "halv, finansiert av kommunen og Husbanken.",
        anchoring="administrative",
        anchoring_description="Kommunedirektøren har lagt arbeidet inn i virksomhetsplanen og "
        "satt av midler i økonomiplanen.",
        involvement="Tilflyttere, pensjonistene som kjenner husene fra Hydro-tida, og elevene "
        "på Rjukan videregående skole lager sammen en velkomstpakke.",
        technology="En åpen oversikt over ledige boliger og lokaler, koblet til kommunens kart "
        "og eiendomsregister.",
        departments="Samfunnsutvikling; helse og omsorg.",
        county_involvement="Telemark fylkeskommune følger opp gjennom verdensarvsamarbeidet og "
        "den regionale planen for attraktivitet.",
    ),
    dict(
        number="1848",
        fate="early",
        title="Å bli gammel i Steigen",
        summary="Steigen vil gi eldre trygghet og fellesskap hjemme, i en kommune der nesten "
        "hver tredje innbygger er over 67 år.",
        challenge="Steigen har rundt 2 500 innbyggere spredt langs en lang kyst, og andelen "
        "eldre vokser raskt. Hjemmetjenesten kjører lange ruter, og mange eldre er ensomme "
        "etter at butikken og posten i grenda la ned.",
        project="Helse- og omsorgsplanen og ombyggingen av sjukeheimen i Leinesfjord.",
        project_stage="early",
        project_timeline="Ombyggingen starter til våren; tre grender prøver ut nye tilbud før "
        "den er ferdig.",
        goals="Eldre skal kunne bo hjemme to år lenger i snitt, og ingen grend skal mangle et "
        "sted å møtes.",
        principles=[2, 4, 6],
        sdgs=[3, 10],
        roadmap_rationale="Vi jobber på tvers av helse, samferdsel og frivillighet, slik "
        "veikartet anbefaler for sammensatte utfordringer.",
        sdg_rationale="Tilbudet skal være like godt i ytterste grend som i sentrum: god helse "
        "og mindre ulikhet.",
        resources_people=5,
        resources_hours=900,
        resources_nok=350000,
        resources_description="Kommunalsjefen for helse leder arbeidet; frivilligsentralen og "
        "hjemmetjenesten bidrar med timer.",
        anchoring="political",
        anchoring_description="Kommunestyret vedtok helse- og omsorgsplanen med Gnist som ett "
        "av tiltakene.",
        involvement="Eldrerådet, pårørende, frivilligsentralen og de ansatte i hjemmetjenesten "
        "deltar i verksteder i hver grend.",
        technology="Digitalt tilsyn etter avtale, videosamtaler med legekontoret og en "
        "samkjøringstjeneste frivillige kan melde seg på.",
        departments="Helse og omsorg; frivilligsentralen.",
        county_involvement="Nordland fylkeskommune bidrar med bestillingstransport og "
        "erfaringer fra andre kystkommuner.",
    ),
    dict(
        number="1135",
        fate="early",
        title="Hyttefolket og Sauda sentrum",
        summary="Sauda vil knytte de mange nye hyttene i Svandalen tettere til sentrum, så "
        "hyttefolket handler, jobber og engasjerer seg i byen.",
        challenge="Sauda har rundt 4 500 innbyggere og et smelteverk som fortsatt er i drift, "
        "men folketallet går sakte ned. På fjellet er det bygget over tusen hytter på tjue "
        "år, mens butikkene i sentrum sliter. Hyttefolket kjører rett opp og ned fjellet.",
        project="Kommunedelplan for Svandalen og revisjonen av sentrumsplanen.",
        project_stage="planning",
        project_timeline="Sentrumsplanen revideres neste år; en hyttebuss prøves ut i "
        "vintersesongen.",
        goals="Flere hyttedøgn brukt i sentrum, fem kontorplasser for hyttefolk som jobber på "
        "fjellet, og en hyttebuss som går uten tilskudd innen tre år.",
        principles=[1, 4, 7],
        sdgs=[11, 12],
        roadmap_rationale="Fritidsinnbyggerne er en ressurs: veikartet vektlegger samskaping "
        "med alle som bruker stedet.",
        sdg_rationale="Mer bruk av det sentrum allerede har, og mindre kjøring mellom fjell og by.",
        resources_people=3,
        resources_hours=450,
        resources_nok=200000,
        resources_description="Næringssjefen og en planlegger; handelsstanden bidrar med "
        "markedsføring.",
        anchoring="administrative",
        anchoring_description="Kommunedirektøren har gitt prosjektet mandat og midler i årets "
        "budsjett.",
        involvement="Hytteeierforeningen, skisenteret, handelsstanden og de ansatte ved "
        "smelteverket inviteres.",
        technology="Anonyme mobildata om ferdsel, bestillingsbuss og en felles oversikt over "
        "arrangementer.",
        departments="Næring; plan og samfunn.",
        county_involvement="Rogaland fylkeskommune vurderer en bestillingsbuss innenfor "
        "Kolumbus-tilbudet.",
    ),
    dict(
        number="5634",
        fate="late",
        title="Havna i Vardø som arbeidsplass og møteplass",
        summary="Vardø vil gjøre den gamle fiskerihavna til et sted der sjømatnæring, reiseliv "
        "og innbyggere møtes hele året, og snu befolkningsnedgangen.",
        challenge="Vardø har mistet nær halvparten av innbyggerne siden 1980-tallet og har nå "
        "om lag 2 000. Havna var byens hjerte, men flere kaier og fiskebruk står tomme, og "
        "Hurtigruten ligger bare kort til kai. Unge som vil bo her, finner få jobber.",
        project="Havneplanen for Vardø havn og kommunedelplanen for sentrum; det kommunale "
        "havneforetaket eier det meste av kaiarealet.",
        project_stage="planning",
        project_timeline="Mulighetsstudie for kaiene i vinter, endret regulering neste høst, "
        "første kai i ny bruk sommeren etter.",
        goals="Tre nye virksomheter på kaiene innen tre år, flere hurtigrutegjester som går i "
        "land, og netto tilflytting av unge voksne.",
        principles=[1, 5, 8],
        sdgs=[8, 11, 14],
        roadmap_rationale="Vi starter med innbyggernes egne ønsker for havna og ser havn, "
        "sentrum og næring under ett.",
        sdg_rationale="Livet i havet og anstendig arbeid: sjømatnæringen skal vokse uten å "
        "presse bestandene.",
        resources_people=3,
        resources_hours=600,
        resources_nok=250000,
        resources_description="Næringssjefen og havnesjefen deler prosjektledelsen; kommunen "
        "setter av 250 000 kroner fra næringsfondet.",
        anchoring="political",
        anchoring_description="Kommunestyret vedtok i juni å prioritere havneutviklingen og å "
        "søke Gnist.",
        involvement="Fiskerne, næringsforeningen, den videregående skolen og Hurtigruten "
        "inviteres til kaivandringer og et åpent havnemøte.",
        technology="Sensorer som viser ledig kaiplass, og åpne data om anløp og landinger, så "
        "nye aktører ser hva havna kan by på.",
        departments="Næring og havn; plan og teknisk.",
        county_involvement="Finnmark fylkeskommune deltar gjennom sitt program for "
        "kystsamfunn og havneutvikling.",
    ),
    dict(
        number="3427",
        fate="late",
        title="Trygg og aktiv skolevei på Tynset",
        summary="Flere barn skal gå og sykle til skolen på Tynset, også i vintermørket, i "
        "stedet for å bli kjørt.",
        challenge="Rundt halvparten av elevene ved skolene i Tynset sentrum blir kjørt. "
        "Morgenkøen ved skoleporten gjør det utrygt for dem som går, og mange foreldre synes "
        "veien er for mørk og glatt om vinteren.",
        project="Den nye trafikksikkerhetsplanen og skoleområdet som bygges om sammen med den "
        "nye flerbrukshallen.",
        project_stage="planning",
        project_timeline="Kartlegging i vinter, prøveprosjekt på to skoleveier til høsten, "
        "resten året etter.",
        goals="Dobbelt så mange elever som går eller sykler innen to år, og ingen kjøring helt "
        "fram til skoleporten.",
        principles=[2, 3, 6],
        sdgs=[3, 13],
        roadmap_rationale="Barna er med fra start, og vi tester i liten skala før vi skalerer, "
        "som veikartet anbefaler.",
        sdg_rationale="Daglig aktivitet gir bedre helse, og mindre kjøring gir lavere utslipp.",
        resources_people=2,
        resources_hours=350,
        resources_nok=150000,
        resources_description="Trafikksikkerhetskoordinatoren og en rektor deler arbeidet; "
        "FAU stiller med frivillige.",
        anchoring="administrative",
        anchoring_description="Oppvekstsjefen har gitt arbeidet mandat; saken skal opp i "
        "hovedutvalget før jul.",
        involvement="Elevrådene, FAU og Statens vegvesen deltar; elevene kartlegger selv "
        "skoleveien med en enkel app.",
        technology="Bevegelsesstyrt gatelys langs skoleveien og anonym telling av gående og "
        "syklende.",
        departments="Oppvekst; teknisk drift.",
        county_involvement="Innlandet fylkeskommune eier fylkesveien forbi skolen og sitter i "
        "arbeidsgruppen.",
    ),
    dict(
        number="4618",
        fate="late",
        title="Odda etter smelteverket",
        summary="Den store tomta etter smelteverket i Odda skal bli en ny bydel med "
        "arbeidsplasser, boliger og industriarv.",
        challenge="Da smelteverket stengte i 2003, mistet Odda hundrevis av arbeidsplasser. "
        "Tomta ligger midt i byen, mellom sentrum og fjorden, og mye av den står ubrukt. "
        "Turistene som går til Trolltunga, ser sjelden Odda sentrum.",
        project="Områdereguleringen av smelteverkstomta og planene for industrimuseet.",
        project_stage="early",
        project_timeline="Reguleringen er på høring; første byggetrinn med næringsbygg kan "
        "starte om to år.",
        goals="Hundre nye arbeidsplasser på tomta innen ti år, og et sentrum "
        "Trolltunga-turistene oppsøker.",
        principles=[3, 5, 7],
        sdgs=[9, 11],
        roadmap_rationale="Veikartets prinsipp om sirkulær bruk av arealer og bygg passer en "
        "industritomt som skal få nytt liv.",
        sdg_rationale="Transformasjon i stedet for nye inngrep: innovasjon i industrien og en "
        "by som bruker arealene sine på nytt.",
        resources_people=4,
        resources_hours=700,
        resources_nok=500000,
        resources_description="Prosjektlederen for smelteverkstomta og to planleggere; det "
        "kommunale næringsselskapet bidrar.",
        anchoring="political",
        anchoring_description="Kommunestyret har vedtatt planprogrammet for smelteverkstomta.",
        involvement="Smelteverksveteranene, industriarvmiljøet, reiselivet og elever fra den "
        "vidaregåande skulen deltar i en åpen idékonkurranse.",
        technology="Midlertidige installasjoner med sensorer som måler bruken av tomta, og en "
        "digital modell innbyggerne kan kommentere.",
        departments="Plan; næring.",
        county_involvement="Vestland fylkeskommune sitter i styringsgruppen for industriarven "
        "og har regional plan for Hardanger.",
    ),
    dict(
        number="3435",
        fate="draft",
        title="Skolen i Lalm som grendehus",
        summary="Når skolen i Lalm legges ned, vil Vågå gjøre bygget til et grendehus med "
        "kontorplasser, bibliotek og uteområde.",
        challenge="Elevtallet i Lalm har falt, og skolen skal slås sammen med skolen på Vågåmo. "
        "Bygda frykter å miste sitt eneste samlingssted, og flere hjemmekontorister savner et "
        "sted å jobbe.",
        project="Skolestrukturvedtaket og kommunedelplanen for Lalm.",
        project_stage="idea",
        project_timeline="Skolen flytter ut om halvannet år; planen for bygget må være klar "
        "før det.",
        goals="Et grendehus som er i bruk alle ukedager, drevet sammen med bygdelaget.",
        principles=[1],
        sdgs=[11],
        involvement="Bygdelaget, foreldrene og de frivillige lagene i Lalm.",
        technology="Digital nøkkel og booking av rom.",
    ),
]
# The county councils' demo people confirm their support once a challenge is handed in.
LIVE_COUNTY_SUPPORT = {
    "3427": (
        "fylke.innlandet@gnist.test",
        "Innlandet fylkeskommune er vegeier for fylkesveien forbi skolen og setter av midler "
        "til trafikksikkerhetstiltak.",
    ),
    "4642": (
        "fylke.vestland@gnist.test",
        "Vestland fylkeskommune gir råd om istandsetting av de verneverdige husene på Øyri.",
    ),
    "4618": (
        "fylke.vestland@gnist.test",
        "Vestland fylkeskommune deltar i styringsgruppen for smelteverkstomta.",
    ),
}
LIVE_TEXT_FIELDS = [
    "title",
    "summary",
    "challenge",
    "project",
    "project_stage",
    "project_timeline",
    "goals",
    "roadmap_rationale",
    "sdg_rationale",
    "resources_people",
    "resources_hours",
    "resources_nok",
    "resources_description",
    "anchoring",
    "anchoring_description",
    "involvement",
    "technology",
    "departments",
    "county_involvement",
]


def clear_live(round) -> None:
    Application.objects.filter(round=round).delete()


def seed_live(round, *, phase, stdout) -> None:
    """The live round's challenges as they stand in ``phase``.

    In phase 1 four are handed in and four are drafts (the submission deadline is
    ahead); from phase 2 on three of the drafts were handed in just before the
    deadline and one never was. The jury's demo takes them further.
    """
    principles = {p.number: p for p in RoadmapPrinciple.objects.all()}
    goals = {g.number: g for g in SustainableDevelopmentGoal.objects.all()}
    leaders = dict(
        ProjectLeader.objects.filter(round=round).values_list("municipality__number", "user")
    )
    handed_in = drafts = 0
    for index, entry in enumerate(LIVE_CHALLENGES):
        municipality = Municipality.objects.get(number=entry["number"])
        defaults = {name: entry[name] for name in LIVE_TEXT_FIELDS if name in entry}
        if entry["fate"] == "early":
            submitted_at = live_moment(round, 1, 10 + 3 * index, 14 + index, 5 * index)
        elif entry["fate"] == "late" and phase >= 2:
            submitted_at = live_moment(round, 1, 47 + index % 3, 9 + index, 40 - 5 * index)
        else:
            submitted_at = None
        if submitted_at is not None:
            defaults["commitments"] = [choice.value for choice in Commitment]
        application = save_challenge(
            round,
            municipality,
            {**defaults, "project_leader_id": leaders.get(entry["number"])},
            principles=[principles[n] for n in entry["principles"]],
            goals=[goals[n] for n in entry["sdgs"]],
            created_at=live_moment(round, 1, 3 + 2 * index, 9 + index, 3 * index),
            submitted_at=submitted_at,
            by_id=leaders.get(entry["number"]),
        )
        handed_in += submitted_at is not None
        drafts += submitted_at is None
        supporter = LIVE_COUNTY_SUPPORT.get(entry["number"])
        if submitted_at is not None and supporter:
            support, _created = CountySupport.objects.update_or_create(
                application=application,
                defaults={
                    "confirmed_by": User.objects.get(email=supporter[0]),
                    "statement": supporter[1],
                },
            )
            CountySupport.objects.filter(pk=support.pk).update(
                confirmed_at=submitted_at + timedelta(days=2, hours=1)
            )
    stdout.write(f"Challenges: {handed_in} handed in and {drafts} drafts for {round.name}")
