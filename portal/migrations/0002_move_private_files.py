"""Uploads leave the public media folder: only image renditions stay under /media/."""

from django.db import migrations


def move(apps, schema_editor):
    from portal.files import move_private_files

    move_private_files()


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(move, migrations.RunPython.noop, elidable=True)]
