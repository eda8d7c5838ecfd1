"""Demo dossiers for load_demo: five bundles of the demo bottlenecks in different stages of
the policy dialogue, in our own words. Run after ``tracker.demo`` made the bottlenecks;
idempotent (a second run adds nothing).

1. "Opvang voor ouders in een traject": in opbouw, not sent, not published.
2. "Ziekte-uitkering en de eerste stappen naar werk": verstuurd; RIZIV's answer is overdue.
3. "Inkomen bij de overstap naar werk": answered by two addressees (beantwoord).
4. "Psychische kwetsbaarheid en begeleiding naar werk": two meetings with real changes
   between them, and more since the last one (op de agenda).
5. "Vervoer naar de werkvloer": afgesloten, with a public summary for everyone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import actions, dossiers
from .models import (
    Addressee,
    Bottleneck,
    Confirmation,
    Dossier,
    DossierItem,
    DossierStatus,
    OrganisationType,
    Snapshot,
)

DAY = datetime.timedelta(days=1)

CHILDCARE = "Opvang voor ouders in een traject"
SICKNESS = "Ziekte-uitkering en de eerste stappen naar werk"
INCOME = "Inkomen bij de overstap naar werk"
MENTAL = "Psychische kwetsbaarheid en begeleiding naar werk"
TRANSPORT = "Vervoer naar de werkvloer"
TITLES = [CHILDCARE, SICKNESS, INCOME, MENTAL, TRANSPORT]
LAST_CHANGED = {CHILDCARE: 2, SICKNESS: 60, INCOME: 70, MENTAL: 5, TRANSPORT: 150}


@transaction.atomic
def load(out) -> None:
    User = get_user_model()
    staff = User.objects.filter(email="sam@example.org").first()
    if staff is None:
        out.write("  dossiers overgeslagen: het demo-account van SAM ontbreekt")
        return
    if Dossier.objects.filter(title__in=TITLES).exists():
        return
    if not Bottleneck.objects.filter(merged_into__isnull=True).exists():
        out.write("  dossiers overgeslagen: er zijn nog geen demo-knelpunten")
        return
    today = timezone.localdate()
    _childcare(staff, today)
    _sickness(staff, today)
    _income(staff, today)
    _mental(staff, today)
    _transport(staff, today)
    # When each was last worked on (saving a dossier sets "now").
    for title, days_ago in LAST_CHANGED.items():
        Dossier.objects.filter(title=title).update(updated_at=timezone.now() - days_ago * DAY)
    out.write(f"  {len(TITLES)} dossiers aangemaakt")


# --- helpers -----------------------------------------------------------------------------------


def _bottleneck(title: str) -> Bottleneck | None:
    found = Bottleneck.objects.filter(title=title).first()
    if found is not None and found.merged_into_id:
        return found.merged_into
    return found


def _dossier(staff, title: str, days_ago: int, items: list[tuple[str, str]], **fields) -> Dossier:
    created = timezone.now() - days_ago * DAY
    dossier = Dossier.objects.create(title=title, owner=staff, created_at=created, **fields)
    for bottleneck_title, note in items:
        _add(dossier, staff, bottleneck_title, note, created)
    return dossier


def _add(dossier, staff, title: str, note: str, at) -> None:
    bottleneck = _bottleneck(title)
    if bottleneck is None:
        return
    item = dossiers.add_bottleneck(dossier, bottleneck, staff, note=note)
    DossierItem.objects.filter(pk=item.pk).update(added_at=at)


def _ask(dossier, position: int, body: str, contact: str = "", **fields) -> Addressee:
    return Addressee.objects.create(
        dossier=dossier, position=position, body=body, contact=contact, **fields
    )


def _answered(addressee: Addressee, answer: str, answered_on) -> None:
    """An answer that came in long ago: stored as such, without telling followers today
    (``dossiers.record_answer`` does that for the recent one)."""
    Addressee.objects.filter(pk=addressee.pk).update(answer=answer, answered_on=answered_on)


def _confirm_more(title: str, how_many: int, today, examples: list[str]) -> int:
    """Colleagues who had not confirmed yet add their evidence (the demo's case managers)."""
    bottleneck = _bottleneck(title)
    if bottleneck is None or not bottleneck.is_accepted:
        return 0
    User = get_user_model()
    done = Confirmation.objects.filter(bottleneck=bottleneck).values("member_id")
    candidates = (
        User.objects.filter(email__startswith="casemanager", email__endswith="@example.org")
        .exclude(pk__in=done)
        .exclude(pk=bottleneck.reporter_id)
        .order_by("email")[:how_many]
    )
    added = 0
    for number, member in enumerate(candidates):
        actions.confirm(
            member,
            bottleneck,
            {
                "participants": [2, 1, 3, 1, 4][number % 5],
                "region": member.region or "vlaanderen",
                "seen_on": today - (number + 2) * DAY,
                "organisation_type": [
                    OrganisationType.MENTAL_HEALTH,
                    OrganisationType.WELFARE,
                    OrganisationType.EMPLOYMENT,
                ][number % 3],
                "example": examples[number % len(examples)] if examples else "",
            },
        )
        added += 1
    return added


def _snapshot(dossier, staff, meeting: str, meeting_on, attendees: str) -> Snapshot:
    snapshot = dossiers.take_snapshot(dossier, staff, meeting, meeting_on, attendees)
    at = timezone.make_aware(datetime.datetime.combine(meeting_on, datetime.time(9)))
    snapshot.state["captured_at"] = at.isoformat()
    Snapshot.objects.filter(pk=snapshot.pk).update(created_at=at, state=snapshot.state)
    snapshot.refresh_from_db()
    return snapshot


# --- the five dossiers -------------------------------------------------------------------------


def _childcare(staff, today) -> None:
    _dossier(
        staff,
        CHILDCARE,
        12,
        [
            (
                "Geen kinderopvang tijdens een VDAB-opleiding",
                "Het sterkst onderbouwde signaal: tientallen collega's zien het, in elke regio.",
            ),
            (
                "Geen opvang tijdens avondopleiding",
                "Zelfde knoop, maar 's avonds: daar is nog minder aanbod.",
            ),
            (
                "Dagopvang voor kinderen met een beperking ontbreekt",
                "Nog weinig bevestigingen; we vragen collega's om voorbeelden.",
            ),
        ],
        question=(
            "Kunnen ouders die een traject naar werk of een opleiding starten voorrang krijgen "
            "in de kinderopvang, ook voor opvang buiten de kantooruren en voor kinderen met "
            "een specifieke zorgnood?"
        ),
        regulation="Voorrangsregels in de kinderopvang; startdata en uren van opleidingen.",
        summary=(
            "Ouders in een werk-zorgtraject moeten vaak kiezen tussen de opleiding die nu start "
            "en opvang die pas maanden later vrijkomt. Wie alleen staat of een kind met een "
            "beperking heeft, haakt zo af voor het traject goed begonnen is."
        ),
        internal_notes=(
            "Nog afstemmen met het team kinderopvang van de koepel voor we Opgroeien "
            "aanschrijven. Cijfers over wachttijden per regio opvragen."
        ),
    )
    dossier = Dossier.objects.get(title=CHILDCARE)
    _ask(dossier, 0, "Agentschap Opgroeien", "Afdeling kinderopvang")
    _ask(dossier, 1, "VDAB", "Dienst opleidingen")


def _sickness(staff, today) -> None:
    dossier = _dossier(
        staff,
        SICKNESS,
        90,
        [
            (
                "Proefperiode op de werkvloer kost de ziekte-uitkering",
                "Kern van het dossier: de toelating vooraf komt te laat voor een korte proef.",
            ),
            (
                "Wijk-werken is niet mogelijk met een ziekte-uitkering",
                "Laagdrempelig ritme opbouwen botst op dezelfde regel.",
            ),
            (
                "Attest arbeidsongeschiktheid en traject elkaar tegenspreken",
                "Toont hoe twee systemen de deelnemer tegelijk iets anders vragen.",
            ),
        ],
        question=(
            "Kan een deelnemer met een ziekte-uitkering een korte proef op de werkvloer of "
            "wijk-werken starten met een melding achteraf, in plaats van te wachten op de "
            "toelating van de adviserend arts?"
        ),
        regulation=(
            "Toelating voor progressieve tewerkstelling (adviserend arts); regels voor "
            "wijk-werken met een uitkering."
        ),
        summary=(
            "Deelnemers die na een lange ziekte voorzichtig willen proberen werken, wachten "
            "weken op een toelating. De kans bij de werkgever is dan vaak voorbij, en wie toch "
            "start, riskeert een terugvordering."
        ),
        internal_notes="RIZIV reageerde telefonisch positief; schriftelijk antwoord blijft uit.",
        status=DossierStatus.SENT,
        published=True,
    )
    _ask(
        dossier,
        0,
        "RIZIV",
        "Dienst uitkeringen",
        sent_on=today - 60 * DAY,
        due_on=today - 14 * DAY,
    )
    _ask(
        dossier,
        1,
        "Departement Werk en Sociale Economie",
        "Afdeling werk-zorg",
        sent_on=today - 60 * DAY,
        due_on=today + 16 * DAY,
    )


def _income(staff, today) -> None:
    dossier = _dossier(
        staff,
        INCOME,
        150,
        [
            (
                "Leefloon stopt abrupt bij de eerste loonstrook",
                "De maand zonder inkomen is de reden waarom deelnemers werk uitstellen.",
            ),
            (
                "Art. 60-contract eindigt net voor het recht op werkloosheid",
                "Enkele dagen te kort: een kleine aanpassing met groot effect.",
            ),
            (
                "Schuldbemiddeling en loonbeslag ontmoedigen werken",
                "Werken moet lonen, ook met schulden.",
            ),
        ],
        question=(
            "Hoe zorgen we dat wie van een leefloon of een tijdelijke werkervaring naar betaald "
            "werk gaat, geen maand zonder inkomen valt en zijn rechten niet verliest?"
        ),
        regulation=(
            "Berekening van het leefloon bij inkomsten uit arbeid; duur van tijdelijke "
            "werkervaring (art. 60 §7); loonbeslag en beslagbare delen."
        ),
        summary=(
            "Casemanagers zien dat de overgang naar werk financieel een sprong in het duister "
            "is. Het leefloon stopt voor het eerste loon er is, een contract eindigt net voor "
            "het recht op een uitkering, en loonbeslag maakt werken minder waard dan thuis "
            "blijven."
        ),
        status=DossierStatus.SENT,
        published=True,
    )
    integration = _ask(
        dossier,
        0,
        "POD Maatschappelijke Integratie",
        "Cel leefloon",
        sent_on=today - 120 * DAY,
        due_on=today - 75 * DAY,
    )
    local = _ask(
        dossier,
        1,
        "Lokaal bestuur Mechelen, sociaal huis",
        "Diensthoofd sociale dienst",
        sent_on=today - 120 * DAY,
        due_on=today - 75 * DAY,
    )
    _answered(
        integration,
        "De POD bereidt een omzendbrief voor die OCMW's uitdrukkelijk toelaat het leefloon "
        "een maand te laten doorlopen tot het eerste loon is uitbetaald. Voor de duur van "
        "tijdelijke werkervaring verwijst de POD naar de gewesten.",
        today - 82 * DAY,
    )
    _answered(
        local,
        "Het sociaal huis past de werkwijze al toe: wie start met werken, krijgt het leefloon "
        "tot het eerste loon binnen is, en de schuldbemiddelaar bekijkt samen met de "
        "deelnemer wat werken oplevert voor hij tekent.",
        today - 70 * DAY,
    )
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.ANSWERED)


def _mental(staff, today) -> None:
    first_meeting = today - 110 * DAY
    second_meeting = today - 25 * DAY
    dossier = _dossier(
        staff,
        MENTAL,
        160,
        [
            (
                "Wachtlijst psychiater blokkeert het attest voor GTB",
                "Zonder verslag geen doorverwijzing: de wachtlijst houdt het traject tegen.",
            ),
            (
                "Geen overleg tussen psychiatrisch ziekenhuis en trajectbegeleiding",
                "Het ontslag uit het ziekenhuis is het moment om samen te plannen.",
            ),
            (
                "Jobcoaching stopt na zes maanden, ook als het nodig blijft",
                "Wie kwetsbaar is, heeft steun langer nodig dan zes maanden.",
            ),
        ],
        question=(
            "Kunnen zorg en werk afspreken dat mensen met een psychische kwetsbaarheid sneller "
            "een verslag krijgen, dat het ziekenhuis de trajectbegeleider betrekt bij ontslag, "
            "en dat jobcoaching kan doorlopen zolang het nodig is?"
        ),
        regulation=(
            "Voorwaarden voor doorverwijzing naar GTB; ontslagmanagement in de geestelijke "
            "gezondheidszorg; duur van jobcoaching."
        ),
        summary=(
            "Mensen met een psychische kwetsbaarheid vallen tussen zorg en werk. Wachtlijsten "
            "voor een verslag, een ontslag zonder overleg en een begeleiding die te vroeg stopt "
            "maken dat een goed begonnen traject alsnog breekt."
        ),
        internal_notes=(
            "Departement Zorg wil cijfers per regio voor het volgende overleg. VDAB stuurt "
            "een eigen voorstel rond jobcoaching."
        ),
        published=True,
    )
    care = _ask(dossier, 0, "Departement Zorg", "Team geestelijke gezondheid")
    vdab = _ask(dossier, 1, "VDAB", "Dienst arbeidsbeperking")
    first = _snapshot(
        dossier,
        staff,
        "Overleg werk en zorg: eerste bespreking",
        first_meeting,
        "SAM (2), Departement Zorg, VDAB, twee casemanagers zorg",
    )
    # At the first meeting the bottlenecks were still "gebundeld", with less evidence and no
    # question sent yet: the state as that meeting saw it.
    for entry in first.state["bottlenecks"]:
        entry["status"] = "gebundeld"
        entry["confirmations"] = max(entry["confirmations"] - 5, 1)
        entry["participants"] = max(entry["participants"] - 12, entry["confirmations"])
    Snapshot.objects.filter(pk=first.pk).update(state=first.state)

    # Between the meetings: a new bottleneck, new evidence, the question went out and the
    # dossier was put on the agenda.
    _add(
        dossier,
        staff,
        "Lange wachttijd voor een eerste gesprek bij het CGG",
        "Nieuw na het eerste overleg: ook de eerste lijn heeft lange wachttijden.",
        timezone.now() - 80 * DAY,
    )
    Addressee.objects.filter(pk=care.pk).update(
        sent_on=first_meeting + 7 * DAY, due_on=second_meeting + 30 * DAY
    )
    Addressee.objects.filter(pk=vdab.pk).update(
        sent_on=first_meeting + 7 * DAY, due_on=today + 20 * DAY
    )
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.ON_AGENDA)
    dossier.refresh_from_db()
    _snapshot(
        dossier,
        staff,
        "Overleg werk en zorg: opvolging",
        second_meeting,
        "SAM (2), Departement Zorg, VDAB, GTB, een ervaringsdeskundige",
    )

    # Since the last meeting: one more bottleneck, fresh confirmations and an answer.
    _add(
        dossier,
        staff,
        "Geen gezamenlijk plan bij herval",
        "Toegevoegd na de opvolging: herval vraagt een plan dat zorg en werk samen maken.",
        timezone.now() - 10 * DAY,
    )
    _confirm_more(
        "Jobcoaching stopt na zes maanden, ook als het nodig blijft",
        3,
        today,
        [
            "Na zes maanden viel de jobcoach weg en binnen de maand liep het mis op de werkvloer.",
            "De werkgever wilde doorgaan, maar enkel met begeleiding erbij.",
        ],
    )
    care.refresh_from_db()
    dossiers.record_answer(
        care,
        "Het departement start een proefproject in twee regio's waarin het ziekenhuis bij "
        "ontslag de trajectbegeleider uitnodigt. Voor de wachttijden verwijst het naar de "
        "uitbreiding van de eerstelijnspsychologische zorg.",
        today - 5 * DAY,
        staff,
    )


def _transport(staff, today) -> None:
    dossier = _dossier(
        staff,
        TRANSPORT,
        300,
        [
            (
                "Geen bus naar de werkvloer in de vroege ochtend",
                "Landelijke regio's: de eerste bus rijdt te laat voor een vroege shift.",
            ),
            (
                "Geen vervoer voor wie in een rolstoel zit",
                "Aangepast vervoer moet dagen vooraf besteld worden.",
            ),
            (
                "Openbaar vervoer te duur tijdens de opleiding",
                "De vergoeding komt pas na twee maanden.",
            ),
        ],
        question=(
            "Kan vervoer op maat de eerste maanden van een traject overbruggen, en kan de "
            "verplaatsingsvergoeding vooraf betaald worden?"
        ),
        regulation="Basisbereikbaarheid en vervoer op maat; vergoedingen tijdens een opleiding.",
        summary=(
            "Wie geen rijbewijs of auto heeft, raakt in landelijke regio's niet op tijd op de "
            "werkvloer. Wie een rolstoel gebruikt, moet dagen vooraf reserveren, en de "
            "vergoeding voor de bus komt pas als de deelnemer het geld al voorschoot."
        ),
        status=DossierStatus.SENT,
        published=True,
        public=True,
        public_summary=(
            "Casemanagers zorg signaleerden dat deelnemers in een traject naar werk hun "
            "werkplek niet kunnen bereiken: te vroege shifts, geen aangepast vervoer en een "
            "vergoeding die te laat komt. Na overleg betaalt VDAB de verplaatsingsvergoeding "
            "voortaan vooraf, en in twee vervoerregio's loopt een proef met vervoer op maat "
            "voor de eerste maanden van een traject."
        ),
    )
    lijn = _ask(
        dossier,
        0,
        "De Lijn",
        "Vervoerregio Westhoek",
        sent_on=today - 250 * DAY,
        due_on=today - 200 * DAY,
    )
    vdab = _ask(
        dossier,
        1,
        "VDAB",
        "Dienst opleidingsincentives",
        sent_on=today - 250 * DAY,
        due_on=today - 200 * DAY,
    )
    _answered(
        lijn,
        "De vervoerregio start een proef met vervoer op maat voor deelnemers in een traject, "
        "op vraag van de trajectbegeleider.",
        today - 190 * DAY,
    )
    _answered(
        vdab,
        "De verplaatsingsvergoeding wordt vanaf het volgende kwartaal bij de start van de "
        "opleiding voorgeschoten.",
        today - 214 * DAY,
    )
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.ANSWERED)
    dossier.refresh_from_db()
    _snapshot(
        dossier,
        staff,
        "Slotoverleg vervoer",
        today - 150 * DAY,
        "SAM, De Lijn, VDAB, Departement Werk en Sociale Economie",
    )
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.CLOSED)
