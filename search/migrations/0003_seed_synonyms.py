from django.db import migrations

SEED = [
    "OCMW, sociaal huis, lokaal bestuur, openbaar centrum voor maatschappelijk welzijn",
    "art. 60, artikel 60, art 60, TWE, tijdelijke werkervaring",
    "leefloon, leefloner, leefloongerechtigde",
    "W², W2, werk-zorgtraject, werkzorgtraject",
    "CMPPS, CMPPS-problematiek, MMPP",
    "GTB, gespecialiseerde trajectbepaling en -begeleiding",
    "VDAB, Vlaamse Dienst voor Arbeidsbemiddeling",
    "ziekenfonds, mutualiteit",
    "adviserend arts, adviserend geneesheer",
    "ervaringsdeskundige, ervaringswerker",
    "jobcoach, job coach",
    "arbeidszorg, arbeidsmatige activiteiten",
    "geleidelijke werkhervatting, progressieve tewerkstelling",
    "maatwerkbedrijf, sociale economie",
    "intervisie, collegiale consultatie",
    "IPS, individuele plaatsing en ondersteuning",
    "wijk-werken, wijkwerken",
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms in SEED:
        SynonymGroup.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
