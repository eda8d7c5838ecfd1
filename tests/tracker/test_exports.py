"""Exports of the bottleneck list and of a dossier (CSV, XLSX, the nota in DOCX and PDF),
read back and checked: contents, format, the active filter, and nothing personal or
internal in any of them."""

import csv
import datetime
import io
import zipfile

from django.utils import timezone, translation
from django.utils.translation import gettext

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from tests.accounts.factories import MemberFactory
from tracker import dossiers
from tracker.exports import LANGUAGE, columns, csv_export
from tracker.models import Confirmation, Region, Status

from . import factories

pytestmark = pytest.mark.django_db

LIST_CSV = "/knelpunten/export.csv"
LIST_XLSX = "/knelpunten/export.xlsx"
SECRET = "GEHEIMNOTITIE"


def nl(msgid: str) -> str:
    with translation.override(LANGUAGE):
        return gettext(msgid)


def content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def read_csv(response) -> list[list[str]]:
    text = content(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def read_xlsx(response):
    return openpyxl.load_workbook(io.BytesIO(content(response)))


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def scene(reporter, staff):
    """A dossier whose bottlenecks carry everything that must never leave the site: the
    reporter's and confirmers' names and e-mail addresses, internal notes, a national
    number in an example."""
    confirmers = [
        MemberFactory(
            first_name="Hieronymus",
            last_name=f"Bevestigersma{n}",
            email=f"hieronymus{n}@geheim.example.be",
        )
        for n in range(2)
    ]
    reporter.first_name, reporter.last_name = "Wendelien", "Meldersma"
    reporter.email = "wendelien@geheim.example.be"
    reporter.save()
    first = factories.bottleneck(
        reporter,
        title="Kinderopvang tijdens opleiding",
        situation="Geen opvang tijdens de VDAB-opleiding.",
        rule="Artikel 12 van het besluit.",
        region=Region.LIMBURG,
        body=factories.body("VDAB"),
    )
    second = factories.bottleneck(
        reporter,
        title='=HYPERLINK("http://evil.example")',
        situation="@SUM(1+1) en meer",
        region=Region.ANTWERPEN,
        themes=[factories.knowledge_factories.theme("zorg")],
    )
    factories.confirmation(
        confirmers[0], first, region=Region.LIMBURG, participants=4, organisation_type="vdab"
    )
    factories.confirmation(confirmers[1], first, region=Region.ANTWERPEN, participants=2)
    # Created through the ORM, past the privacy guard of the form: the export masks it.
    Confirmation.objects.create(
        bottleneck=second,
        member=confirmers[0],
        participants=1,
        region=Region.GENT if hasattr(Region, "GENT") else Region.LIMBURG,
        seen_on=timezone.localdate(),
        organisation_type="ocmw",
        example=f"Deelnemer met INSZ {factories.national_number()} kreeg geen antwoord.",
    )
    dossier = factories.dossier(
        staff,
        bottlenecks=[first, second],
        addressees=[
            {
                "body": "Vlaamse Regering",
                "contact": "Kabinetsmedewerker Gerolf Contactpersoon",
                "sent_on": datetime.date(2026, 10, 1),
                "due_on": datetime.date(2026, 11, 1),
                "answered_on": datetime.date(2026, 11, 10),
                "answer": "We bekijken een uitzondering voor opleidingen.",
            },
            {"body": "RIZIV", "sent_on": datetime.date(2026, 10, 1)},
        ],
        title="Opvang en opleiding",
        regulation="Het besluit over opleidingen.",
        internal_notes=f"{SECRET}: bel de kabinetschef.",
        published=True,
    )
    return {
        "dossier": dossier,
        "first": first,
        "second": second,
        "forbidden": [
            "Wendelien",
            "Meldersma",
            "wendelien@geheim.example.be",
            "Hieronymus",
            "Bevestigersma",
            "geheim.example.be",
            SECRET,
            "kabinetschef",
            "Gerolf",
            factories.national_number(),
            reporter.username,
            confirmers[0].username,
        ],
    }


def assert_clean(text: str, forbidden: list[str]) -> None:
    for word in forbidden:
        assert word.lower() not in text.lower(), word


# --- the bottleneck list ---------------------------------------------------------------------


def test_the_list_as_csv_for_belgian_excel(client, policy_worker, scene):
    client.force_login(policy_worker)
    response = client.get(LIST_CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert f'filename="knelpunten-{today}.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    with translation.override(LANGUAGE):
        assert rows[0] == columns.headers()
    assert rows[0][0] == nl("Number") and rows[0][2] == "Status"
    by_id = {row[0]: row for row in rows[1:]}
    assert set(by_id) == {str(scene["first"].pk), str(scene["second"].pk)}
    first = dict(zip(rows[0], by_id[str(scene["first"].pk)], strict=True))
    assert first[nl("Title")] == "Kinderopvang tijdens opleiding"
    assert first[nl("Confirmations")] == "2"
    assert first[nl("Participants")] == "6"
    assert first[nl("Responsible body")] == "VDAB"
    assert first[nl("Reported on")] == timezone.localdate().isoformat()
    assert first[nl("Address")].endswith(scene["first"].get_absolute_url())
    # Formula injection neutralised.
    second = dict(zip(rows[0], by_id[str(scene["second"].pk)], strict=True))
    assert second[nl("Title")] == '\'=HYPERLINK("http://evil.example")'
    assert second[nl("What happens")] == "'@SUM(1+1) en meer"


def test_csv_neutralises_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_export.neutral(f"{start}1+1") == f"'{start}1+1"
    assert csv_export.neutral("gewoon") == "gewoon"
    assert csv_export.neutral(3) == "3"
    assert csv_export.neutral(None) == ""
    assert csv_export.neutral(datetime.date(2026, 3, 12)) == "2026-03-12"


def test_the_list_as_xlsx(client, staff, scene):
    client.force_login(staff)
    response = client.get(LIST_XLSX)
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert f'filename="knelpunten-{today}.xlsx"' in response["Content-Disposition"]
    workbook = read_xlsx(response)
    assert workbook.sheetnames == ["Samenvatting", "Knelpunten"]
    sheet = workbook["Knelpunten"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["B"].width > 30
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    with translation.override(LANGUAGE):
        assert list(header) == columns.headers()
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_id) == {scene["first"].pk, scene["second"].pk}
    first = by_id[scene["first"].pk]
    assert first[nl("Confirmations")] == 2 and isinstance(first[nl("Confirmations")], int)
    reported = first[nl("Reported on")]
    assert isinstance(reported, datetime.datetime)
    assert reported.date() == timezone.localdate()
    date_column = header.index(nl("Reported on")) + 1
    cell = sheet.cell(row=2, column=date_column)
    assert cell.is_date and "yy" in cell.number_format
    # A text that looks like a formula stays a text.
    assert by_id[scene["second"].pk][nl("Title")] == '=HYPERLINK("http://evil.example")'
    assert sheet.cell(row=2, column=2).data_type == "s"
    assert sheet.cell(row=3, column=2).data_type == "s"
    summary = [row for row in workbook["Samenvatting"].iter_rows(values_only=True) if any(row)]
    counts = {row[0]: row[1] for row in summary}
    assert counts[nl("Bottlenecks in total")] == 2
    assert counts[str(Status.IN_PROGRESS.label)] == 2 or counts[nl("In progress")] == 2
    assert counts["VDAB"] == 1
    assert counts["Limburg"] == 1 and counts["Antwerpen"] == 1
    assert counts["Werk"] == 1 and counts["Zorg"] == 1


def test_the_summary_counts_with_aggregate_queries(
    client, staff, reporter, django_assert_max_num_queries
):
    for number in range(30):
        factories.bottleneck(reporter, body=factories.body(f"Dienst {number % 3}"))
    client.force_login(staff)
    client.get("/knelpunten/")
    with django_assert_max_num_queries(15):
        response = client.get(LIST_XLSX)
        workbook = read_xlsx(response)
    assert workbook["Knelpunten"].max_row == 31


def test_the_export_honours_the_active_filter(client, policy_worker, scene, reporter):
    other = factories.bottleneck(reporter, title="Iets in Brussel", region=Region.BRUSSEL)
    client.force_login(policy_worker)
    rows = read_csv(client.get(LIST_CSV, {"regio": "limburg"}))
    assert [row[0] for row in rows[1:]] == [str(scene["first"].pk)]
    rows = read_csv(client.get(LIST_CSV, {"q": "Brussel"}))
    assert [row[0] for row in rows[1:]] == [str(other.pk)]
    sheet = read_xlsx(client.get(LIST_XLSX, {"regio": "brussel"}))["Knelpunten"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [other.pk]
    rows = read_csv(client.get(LIST_CSV, {"sorteer": "oudste"}))
    assert [row[0] for row in rows[1:]] == [
        str(scene["first"].pk),
        str(scene["second"].pk),
        str(other.pk),
    ]


def test_an_invalid_filter_gets_a_message_not_a_500(client, policy_worker, scene):
    client.force_login(policy_worker)
    response = client.get(LIST_XLSX, {"van": "gisteren", "regio": "limburg"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith("/knelpunten/?")
    body = response.content.decode()
    assert "regio=limburg" in response.redirect_chain[0][0]
    assert nl("Reported from") in body
    response = client.get(LIST_CSV, {"status": "bestaat-niet"})
    assert response.status_code == 302


def test_the_list_export_holds_what_the_user_may_see(client, policy_worker, scene, reporter):
    merged = factories.bottleneck(reporter, title="Samengevoegd")
    merged.merged_into = scene["first"]
    merged.save(update_fields=["merged_into"])
    client.force_login(policy_worker)
    ids = {row[0] for row in read_csv(client.get(LIST_CSV))[1:]}
    assert str(merged.pk) not in ids


# --- a dossier -------------------------------------------------------------------------------


def test_a_dossiers_bottlenecks_in_its_order(client, policy_worker, scene):
    dossier = scene["dossier"]
    dossiers.reorder(dossier, [scene["second"].pk, scene["first"].pk])
    client.force_login(policy_worker)
    response = client.get(f"/knelpunten/dossiers/{dossier.pk}/export.csv")
    assert response.status_code == 200
    assert f"knelpunten-{dossier.slug}-" in response["Content-Disposition"]
    rows = read_csv(response)
    assert [row[0] for row in rows[1:]] == [str(scene["second"].pk), str(scene["first"].pk)]
    workbook = read_xlsx(client.get(f"/knelpunten/dossiers/{dossier.pk}/export.xlsx"))
    ids = [row[0] for row in workbook["Knelpunten"].iter_rows(min_row=2, values_only=True)]
    assert ids == [scene["second"].pk, scene["first"].pk]
    assert workbook["Samenvatting"]["A1"].value == "Opvang en opleiding"


def test_the_nota_as_word(client, policy_worker, scene, staff):
    dossier = scene["dossier"]
    dossiers.take_snapshot(dossier, staff, "Overleg met het kabinet", datetime.date(2026, 11, 1))
    factories.confirmation(MemberFactory(), scene["second"], region=Region.BRUSSEL)
    client.force_login(policy_worker)
    response = client.get(f"/knelpunten/dossiers/{dossier.pk}/knelpuntennota.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert f'filename="knelpuntennota-{dossier.slug}.docx"' in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Opvang en opleiding") in styles
    assert ("Subtitle", nl("Bottleneck memorandum")) in styles
    headings1 = [text for style, text in styles if style == "Heading 1"]
    headings2 = [text for style, text in styles if style == "Heading 2"]
    assert headings1 == [
        nl("Summary"),
        nl("Regulation involved"),
        nl("The question to government"),
        nl("The bottlenecks"),
        nl("Changes since the last meeting"),
    ]
    assert headings2 == [
        "Vlaamse Regering",
        "RIZIV",
        "1. Kinderopvang tijdens opleiding",
        '2. =HYPERLINK("http://evil.example")',
    ]
    xml = document.element.xml
    assert 'TOC \\o "1-3" \\h \\z \\u' in xml
    assert 'w:fldCharType="begin"' in xml
    assert 'w:val="nl-BE"' in document.styles.element.xml
    text = docx_text(document)
    assert "We bekijken een uitzondering voor opleidingen." in text
    assert "Geen opvang tijdens de VDAB-opleiding." in text
    assert "Artikel 12 van het besluit." in text
    assert "Sterk onderbouwd." in text  # why it is in the dossier
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == [
        nl("Region"),
        nl("Confirmations"),
        nl("Participants"),
    ]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert rows == [["Antwerpen", "1", "2"], ["Limburg", "1", "4"], [nl("Total"), "2", "6"]]
    assert table.style.name == "Light Grid Accent 1"
    assert "Overleg met het kabinet" in text
    assert "8507" in text  # the example's national number, masked
    # The changes since the meeting: the new confirmation.
    assert any("evil.example" in p.text and "(" in p.text for p in document.paragraphs)
    assert_clean(text, scene["forbidden"])
    assert_clean(_docx_all_xml(response.content), scene["forbidden"])


def _docx_all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
        )


def test_the_nota_as_pdf(client, staff, scene):
    dossier = scene["dossier"]
    client.force_login(staff)
    response = client.get(f"/knelpunten/dossiers/{dossier.pk}/knelpuntennota.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="knelpuntennota-{dossier.slug}.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 4
    text = pdf_text(response.content)
    assert "Opvang en opleiding" in text
    assert nl("Bottleneck memorandum") in text
    assert nl("Contents") in text
    assert "Kinderopvang tijdens opleiding" in text
    assert "We bekijken een uitzondering voor opleidingen." in text
    assert "Limburg" in text
    # The table of contents lists the headings with page numbers; the outline too.
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert nl("Summary") in outline
    assert nl("Changes since the last meeting") in text
    assert_clean(text, scene["forbidden"])


def test_the_nota_holds_only_the_bottlenecks_the_user_may_see(client, policy_worker, scene):
    # Policy workers see every bottleneck; the rule lives in access.dossier_items.
    from tracker.exports import nota

    member = MemberFactory()
    pending = factories.bottleneck(MemberFactory(), accepted=False, title="Nog niet aanvaard")
    dossiers.add_bottleneck(scene["dossier"], pending, None)
    titles = [
        b.text
        for b in nota.build(member, scene["dossier"]).blocks
        if isinstance(b, nota.Heading) and b.level == 2
    ]
    assert not any("Nog niet aanvaard" in t for t in titles)
    titles = [
        b.text
        for b in nota.build(policy_worker, scene["dossier"]).blocks
        if isinstance(b, nota.Heading) and b.level == 2
    ]
    assert any("Nog niet aanvaard" in t for t in titles)


def test_no_export_holds_anything_personal_or_internal(client, policy_worker, scene):
    client.force_login(policy_worker)
    dossier = scene["dossier"]
    urls = {
        LIST_CSV: "csv",
        LIST_XLSX: "xlsx",
        f"/knelpunten/dossiers/{dossier.pk}/export.csv": "csv",
        f"/knelpunten/dossiers/{dossier.pk}/export.xlsx": "xlsx",
        f"/knelpunten/dossiers/{dossier.pk}/knelpuntennota.docx": "docx",
        f"/knelpunten/dossiers/{dossier.pk}/knelpuntennota.pdf": "pdf",
    }
    for url, kind in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        data = content(response)
        if kind == "csv":
            text = data.decode("utf-8")
        elif kind in ("xlsx", "docx"):
            text = _docx_all_xml(data)
        else:
            text = pdf_text(data)
        assert_clean(text, scene["forbidden"])
        if kind != "pdf":
            assert "8507" in text or kind in ("csv", "xlsx"), url


# --- who may export --------------------------------------------------------------------------


def _urls(dossier) -> list[str]:
    return [
        LIST_CSV,
        LIST_XLSX,
        f"/knelpunten/dossiers/{dossier.pk}/export.csv",
        f"/knelpunten/dossiers/{dossier.pk}/export.xlsx",
        f"/knelpunten/dossiers/{dossier.pk}/knelpuntennota.docx",
        f"/knelpunten/dossiers/{dossier.pk}/knelpuntennota.pdf",
    ]


def test_visitors_are_sent_to_the_login(client, scene):
    for url in _urls(scene["dossier"]):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("role", ["member", "pending"])
def test_members_may_not_export(client, request, role, scene):
    client.force_login(request.getfixturevalue(role))
    for url in _urls(scene["dossier"]):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert not response.get("Content-Disposition"), url


def test_members_get_the_staff_only_page(client, member, scene):
    client.force_login(member)
    for url in _urls(scene["dossier"]):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "tracker/staff_only.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("role", ["policy_worker", "staff"])
def test_policy_workers_and_staff_export_everything(client, request, role, scene):
    dossier = scene["dossier"]
    dossier.published = False
    dossier.save(update_fields=["published"])
    client.force_login(request.getfixturevalue(role))
    for url in _urls(dossier):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "attachment;" in response["Content-Disposition"], url
        content(response)


def test_an_unknown_dossier_is_not_found(client, policy_worker):
    client.force_login(policy_worker)
    for suffix in ("export.csv", "export.xlsx", "knelpuntennota.docx", "knelpuntennota.pdf"):
        assert client.get(f"/knelpunten/dossiers/999999/{suffix}").status_code == 404


def test_exports_are_read_only(client, policy_worker, scene):
    client.force_login(policy_worker)
    for url in _urls(scene["dossier"]):
        assert client.post(url).status_code == 405, url
