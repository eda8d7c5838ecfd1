"""Dutch-like text for the search benchmark: the field's words in a Zipf distribution."""

import datetime
import itertools
import random
from functools import lru_cache

from search.documents import MEMBERS, PUBLIC, STAFF, SearchDocument, group_audience

FIELD_WORDS = """
werk zorg traject begeleiding casemanager casemanagers deelnemer deelnemers werkzoekende
werkzoekenden leefloon leefloner ocmw sociaal huis vdab gtb arbeidszorg jobcoach jobcoaching
werkgever werkgevers werkplek werkvloer psychische psychisch kwetsbaarheid problemen probleem
gezondheid ziekte uitkering ziekenfonds arts psychiater psycholoog therapie herstel herstelgericht
krachtgericht methodiek gesprek gesprekken intervisie collega collega's netwerk samenwerking overleg
afspraken doelen trajectplan opvolging evaluatie aanmelding doorverwijzing wachtlijst opleiding
vorming webinar studiedag ervaringsdeskundige ervaringsdeskundigen armoede schulden budget huur
wonen huisvesting dakloos kinderopvang mobiliteit vervoer rijbewijs bus abonnement taal
nederlands inburgering regelgeving decreet wet artikel tijdelijke werkervaring twe maatwerkbedrijf
sociale economie vacature vacatures sollicitatie sollicitatiegesprek contract deeltijds voltijds
loon vrijstelling inkomen premie attest toestemming adviserend beleid overheid minister knelpunt
knelpunten dossier signaal signalen praktijk voorbeeld ervaring kennis gids handleiding factsheet
onderzoek resultaten drempel drempels stap stappen tempo overbelasting burn-out verslaving
middelengebruik angst depressie bipolaire stoornis psychose beroepsgeheim privacy gegevens
gemeente regio antwerpen gent brussel limburg west-vlaanderen oost-vlaanderen vlaams-brabant
""".split()  # noqa: SIM905
FUNCTION_WORDS = "de het een en van in op met voor naar aan dat die is niet ook als bij om".split()  # noqa: SIM905,E501
PARTS = "werk zorg traject plan hulp dienst team overleg kans pad weg tijd dag uur kost".split()  # noqa: SIM905
KINDS = [("product", 0.15), ("post", 0.35), ("transcript", 0.35), ("activity", 0.05),
         ("bottleneck", 0.10)]  # fmt: skip
LENGTHS = {
    "product": (150, 400),
    "post": (20, 120),
    "transcript": (10, 35),
    "activity": (60, 150),
    "bottleneck": (40, 160),
}
THEMES = [(f"thema-{n}", f"Thema {n}") for n in range(12)]
NOW = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)


@lru_cache(maxsize=1)
def _vocabulary():
    compounds = [a + b for a, b in itertools.product(FIELD_WORDS[:120], PARTS)]
    words = FUNCTION_WORDS + FIELD_WORDS + compounds
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))


def _text(rng: random.Random, count: int) -> str:
    words, cumulative = _vocabulary()
    chosen = rng.choices(words, cum_weights=cumulative, k=count)
    sentences, start = [], 0
    while start < len(chosen):
        length = rng.randint(6, 16)
        sentence = " ".join(chosen[start : start + length])
        sentences.append(sentence[:1].upper() + sentence[1:] + ".")
        start += length
    return " ".join(sentences)


def document_for(number: int) -> SearchDocument:
    rng = random.Random(number)
    kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    low, high = LENGTHS[kind]
    audience = rng.choices(
        [PUBLIC, MEMBERS, group_audience(1), STAFF], weights=[0.6, 0.3, 0.05, 0.05]
    )[0]
    fragment = kind in {"post", "transcript"}
    return SearchDocument(
        source=f"bench.group:{number}",
        key=f"bench.group:{number}",
        kind=kind,
        title=_text(rng, rng.randint(3, 9)).rstrip("."),
        summary=_text(rng, rng.randint(10, 30)) if kind in {"product", "activity"} else "",
        body=_text(rng, rng.randint(low, high)),
        url=f"/bench/{number}/" + ("#t=12" if fragment else ""),
        audience=audience,
        themes=rng.sample(THEMES, rng.randint(0, 3)),
        date=NOW - datetime.timedelta(days=rng.randint(-30, 1100)),
        parent_title="Draad of aflevering" if fragment else "",
        anchor_label="#3" if fragment else "",
    )
