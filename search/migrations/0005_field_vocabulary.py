"""More of the field's vocabulary: the abbreviations and everyday words casemanagers type,
and the older names of renamed measures. Groups seeded in 0003 are widened where they
are still as seeded (a group staff changed is left alone); new groups are added."""

from django.db import migrations

WIDENED = {
    "OCMW, sociaal huis, lokaal bestuur, openbaar centrum voor maatschappelijk welzijn": (
        "OCMW, sociaal huis, lokaal bestuur, openbaar centrum voor maatschappelijk welzijn, "
        "OCMW's"
    ),
    "leefloon, leefloner, leefloongerechtigde": (
        "leefloon, leefloner, leefloongerechtigde, bestaansminimum, minimex, "
        "recht op maatschappelijke integratie, RMI"
    ),
    "GTB, gespecialiseerde trajectbepaling en -begeleiding": (
        "GTB, gespecialiseerde trajectbepaling en -begeleiding, "
        "gespecialiseerde trajectbegeleiding, GTBO"
    ),
    "VDAB, Vlaamse Dienst voor Arbeidsbemiddeling": (
        "VDAB, Vlaamse Dienst voor Arbeidsbemiddeling, "
        "Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding, arbeidsbemiddeling"
    ),
    "ziekenfonds, mutualiteit": "ziekenfonds, mutualiteit, ziekenkas, mutualiteiten",
    "adviserend arts, adviserend geneesheer": (
        "adviserend arts, adviserend geneesheer, controlearts, arts van het ziekenfonds"
    ),
    "maatwerkbedrijf, sociale economie": (
        "maatwerkbedrijf, sociale economie, beschutte werkplaats, BW, sociale werkplaats, "
        "maatwerk"
    ),
    "geleidelijke werkhervatting, progressieve tewerkstelling": (
        "geleidelijke werkhervatting, progressieve tewerkstelling, deeltijdse werkhervatting, "
        "toegelaten arbeid, halftijds werken met een uitkering"
    ),
    "arbeidszorg, arbeidsmatige activiteiten": (
        "arbeidszorg, arbeidsmatige activiteiten, AMA, vrijwilligerswerk met begeleiding"
    ),
}

NEW = [
    "RIZIV, INAMI, Rijksinstituut voor ziekte- en invaliditeitsverzekering",
    "ziekte-uitkering, invaliditeitsuitkering, arbeidsongeschiktheid, ziekteuitkering, "
    "ziek thuis",
    "RVA, ONEM, Rijksdienst voor Arbeidsvoorziening, werkloosheidsuitkering, dop, stempelgeld",
    "CAW, centrum algemeen welzijnswerk",
    "GGZ, geestelijke gezondheidszorg, geestelijke gezondheid, psychische gezondheid",
    "CGG, centrum voor geestelijke gezondheidszorg",
    "psychische problemen, psychische kwetsbaarheid, psychische klachten, mentale problemen",
    "IBO, individuele beroepsopleiding, opleiding op de werkvloer",
    "VAPH, Vlaams Agentschap voor Personen met een Handicap",
    "handicap, beperking, arbeidshandicap",
    "burn-out, burnout, opgebrand, overspannen",
    "NEC, normaal economisch circuit, reguliere arbeidsmarkt, gewone job",
    "werkzoekende, werkloze, job zoeken, werk zoeken",
    "werkgever, baas",
    "activering, activeringstraject, sociale activering",
    "knelpunt, praktijkknelpunt, beleidssignaal, probleem melden",
    "herintegratie, re-integratie, terug aan het werk, terugkeer naar werk",
    "POD MI, POD Maatschappelijke Integratie",
    "WSE, Departement Werk en Sociale Economie",
    "vervoer, mobiliteit, verplaatsing",
    "kinderopvang, opvang voor kinderen, crèche",
    "schulden, schuldhulpverlening, budgetbeheer, collectieve schuldenregeling",
    "INSZ, rijksregisternummer, rijksregister",
    "stage, werkplekleren, werkervaringsplaats",
    "trajectbegeleider, trajectbegeleiding, trajectbegeleiders",
    "loopbaanbegeleiding, loopbaancheque",
    "e-mail, mail, mailen",
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for old, new in WIDENED.items():
        SynonymGroup.objects.filter(terms=old).update(terms=new)
    for terms in NEW:
        SynonymGroup.objects.get_or_create(terms=terms)


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for old, new in WIDENED.items():
        SynonymGroup.objects.filter(terms=new).update(terms=old)
    SynonymGroup.objects.filter(terms__in=NEW).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_parts_column")]

    operations = [migrations.RunPython(seed, unseed)]
