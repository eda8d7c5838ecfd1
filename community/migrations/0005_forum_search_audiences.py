"""Forum posts in the search index move to one audience per space ("forum:<pk>").

Only the audience column of the existing documents is rewritten here (on the database backend);
``manage.py rebuild_search_index`` also recounts the vocabulary and updates Elasticsearch.
"""

from django.db import migrations

BATCH = 2000


def forward(apps, schema_editor):
    IndexedDocument = apps.get_model("search", "IndexedDocument")
    Post = apps.get_model("community", "Post")
    space_of = dict(Post.objects.values_list("pk", "topic__space_id"))
    documents = IndexedDocument.objects.filter(source__startswith="community.post:").only(
        "pk", "source", "audience"
    )
    changed = []
    for document in documents.iterator(chunk_size=BATCH):
        space_id = space_of.get(int(document.source.partition(":")[2]))
        if space_id is not None and document.audience != f"forum:{space_id}":
            document.audience = f"forum:{space_id}"
            changed.append(document)
    IndexedDocument.objects.bulk_update(changed, ["audience"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_moderation_and_import"),
        ("search", "0007_synonym_corrections"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
