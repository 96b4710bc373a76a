"""Demo challenges for the 2020–2021 round: submitted challenges from 20+ municipalities.

The texts are invented but plausible, in the municipalities' own voice, so the
jury pages have material to score. Idempotent: one challenge per municipality
and round, updated in place.
"""

from datetime import timedelta

from accounts.models import CountyMembership, ProjectLeader
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
        submitted_at = (deadline or round.phases.first().ends_at) - timedelta(days=index % 9 + 1)
        defaults = {
            "title": title,
            "summary": summary,
            "challenge": challenge,
            "project": project,
            "project_stage": stage,
            "project_timeline": STAGE_TIMELINES[stage],
            "goals": goal_text,
            "roadmap_rationale": "Utfordringen bygger på prinsippene vi har krysset av for: "
            "innbyggerne skal være med fra start, og løsningene skal henge sammen med "
            "kommunens planer.",
            "sdg_rationale": "Målene følges opp i kommuneplanens samfunnsdel, der "
            "bærekraftsmålene er lagt til grunn.",
            "resources_people": 2 + index % 4,
            "resources_hours": 300 + 50 * (index % 7),
            "resources_nok": 150000 + 25000 * (index % 5),
            "resources_description": "Prosjektleder i 20 prosent stilling, "
            "planavdelingen og næringsavdelingen bidrar med egne timer.",
            "anchoring": "political" if index % 3 else "administrative",
            "anchoring_description": "Formannskapet/kommunedirektøren har vedtatt at kommunen "
            "søker Gnist og setter av midler i budsjettet.",
            "involvement": involvement,
            "technology": technology,
            "project_leader_id": leaders.get(number),
            "departments": "Plan og næring; kultur og oppvekst ved behov.",
            "county_involvement": f"{municipality.county.council_name} støtter arbeidet "
            "gjennom regional plan og næringsavdelingen.",
            "commitments": [choice.value for choice in Commitment],
            "status": Application.Status.SUBMITTED,
            "submitted_at": submitted_at,
        }
        application = Application.objects.filter(round=round, municipality=municipality).first()
        if application is None:
            application = Application.objects.create(
                round=round, municipality=municipality, **defaults
            )
        else:
            for name, value in defaults.items():
                setattr(application, name, value)
            application.save()
        application.roadmap_principles.set([principles[n] for n in principle_numbers])
        application.sdgs.set([goals[n] for n in sdg_numbers])
        StatusChange.objects.get_or_create(
            application=application,
            from_status=Application.Status.DRAFT,
            to_status=Application.Status.SUBMITTED,
            defaults={"changed_by_id": leaders.get(number)},
        )
        ApplicationVersion.objects.update_or_create(
            application=application,
            number=1,
            defaults={"snapshot": application.snapshot(), "submitted_by_id": leaders.get(number)},
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
                    "statement": "Innlandet fylkeskommune stiller med rådgiver fra plan og "
                    "næring og vurderer medfinansiering.",
                },
            )
    stdout.write(f"Challenges: {count} submitted for {round.name}")


def _county_support_person():
    membership = CountyMembership.objects.filter(county__number="34").select_related("user").first()
    return membership.user if membership else None
