"""Two groups from 0005 that the relevance set showed to hurt: "werkervaringsplaats" is
not an internship ("stage"), and "activering" needs no group (the decompounder already
finds "activeringstraject", and "sociale activering" contains the word itself)."""

from django.db import migrations

CHANGED = {
    "stage, werkplekleren, werkervaringsplaats": "stage, werkplekleren",
}
REMOVED = ["activering, activeringstraject, sociale activering"]


def forwards(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for old, new in CHANGED.items():
        SynonymGroup.objects.filter(terms=old).update(terms=new)
    SynonymGroup.objects.filter(terms__in=REMOVED).delete()


def backwards(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for old, new in CHANGED.items():
        SynonymGroup.objects.filter(terms=new).update(terms=old)
    for terms in REMOVED:
        SynonymGroup.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_query_stat")]

    operations = [migrations.RunPython(forwards, backwards)]
