"""Stored tracker text is scanned by manage.py scan_privacy."""

import io

from django.core.management import call_command

import pytest

from tracker.models import Bottleneck

from . import factories

pytestmark = pytest.mark.django_db


def test_scan_privacy_finds_a_national_number_in_a_stored_report(reporter):
    bottleneck = factories.bottleneck(reporter)
    number = factories.national_number()
    Bottleneck.objects.filter(pk=bottleneck.pk).update(situation=f"Nummer {number}.")
    out = io.StringIO()
    call_command("scan_privacy", "--source", "bottlenecks", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("BLOCK")]
    assert len(lines) == 1 and "national_number" in lines[0] and number not in lines[0]


@pytest.mark.parametrize(
    "source, where",
    [("dossiers", "summary"), ("dossier notes and answers", "answer")],
)
def test_scan_privacy_reads_dossiers_and_their_answers(staff, source, where):
    number = factories.national_number()
    dossier = factories.dossier(staff, addressees=["VDAB"])
    if where == "summary":
        dossier.summary = f"Een deelnemer met nummer {number}."
        dossier.save()
    else:
        dossier.addressees.update(answer=f"Het dossier van {number} is bekeken.")
    out = io.StringIO()
    call_command("scan_privacy", "--source", source, stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("BLOCK")]
    assert len(lines) == 1 and "national_number" in lines[0] and number not in lines[0]
