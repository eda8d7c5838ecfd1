"""Download mijn gegevens: a ZIP behind a fresh login, built in the background, owner only."""

import io
import json
import zipfile
from datetime import timedelta

from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from accounts import export as data_export
from accounts import personal_data
from accounts.models import DataExport, RetentionSettings
from accounts.personal_data import Holding
from tests.accounts.personal_data_fixtures import everything  # noqa: F401

from .factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profiel/"
REQUEST = "/accounts/profiel/gegevens/"


@pytest.fixture
def notes_holding(monkeypatch):
    """A holding of our own, so the ZIP's structure is tested whatever the apps declare."""
    personal_data.discover()

    def export(user):
        return [
            {"title": "Eerste <script>alert(1)</script> notitie", "owner": user.email},
            {"title": "Tweede", "when": timezone.now()},
        ]

    def files(user):
        yield "../../verslag <1>.txt", ContentFile(b"eigen bestand", name="verslag.txt")
        yield "verslag <1>.txt", ContentFile(b"nog een", name="verslag.txt")

    holding = Holding(
        key="testnotes.notes",
        label="Notities & <b>schetsen</b>",
        purpose="Test",
        retention="Test",
        export=export,
        files=files,
    )
    monkeypatch.setitem(personal_data._holdings, holding.key, holding)
    return holding


def reauthenticate(client, next_url):
    """allauth's fresh login: the suspended POST is replayed after the password."""
    return client.post(
        reverse("account_reauthenticate") + f"?next={next_url}",
        {"password": PASSWORD, "next": next_url},
    )


def ask_for_export(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(REQUEST)
        assert first.status_code == 302
        assert first["Location"].startswith(reverse("account_reauthenticate"))
        return reauthenticate(client, REQUEST)


def archive_of(export: DataExport) -> zipfile.ZipFile:
    with default_storage.open(export.file_name, "rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_a_visitor_is_sent_to_the_login(client):
    response = client.post(REQUEST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not DataExport.objects.exists()


def test_asking_needs_a_fresh_login(client):
    client.force_login(MemberFactory())
    response = client.post(REQUEST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not DataExport.objects.exists()


def test_a_wrong_password_makes_no_export(client):
    client.force_login(MemberFactory())
    client.post(REQUEST)
    response = client.post(
        reverse("account_reauthenticate") + f"?next={REQUEST}",
        {"password": "verkeerd-wachtwoord", "next": REQUEST},
    )
    assert response.status_code == 200
    assert not DataExport.objects.exists()


def test_after_the_fresh_login_the_zip_is_built_and_mailed(
    client, notes_holding, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    client.force_login(member)
    response = ask_for_export(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    export = DataExport.objects.get(user=member)
    assert export.state == DataExport.State.READY
    assert export.expires_at - export.ready_at == timedelta(
        days=RetentionSettings.load().export_days
    )
    assert export.size > 0
    # The file lives in the private storage.
    assert default_storage.exists(export.file_name)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert data_export.download_url(export) in mail.outbox[0].body


def test_the_zip_holds_json_per_app_an_escaped_overview_and_the_files(
    notes_holding, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export.request_export(member)
    export.refresh_from_db()
    archive = archive_of(export)
    names = set(archive.namelist())
    assert "index.html" in names
    assert "testnotes.json" in names
    document = json.loads(archive.read("testnotes.json"))
    assert document["testnotes.notes"]["label"] == "Notities & <b>schetsen</b>"
    assert document["testnotes.notes"]["rows"][0]["owner"] == member.email
    # Upload names lose their folders and odd characters; two alike both survive.
    files = sorted(n for n in names if n.startswith("bestanden/"))
    assert files == ["bestanden/testnotes/verslag _1_-2.txt", "bestanden/testnotes/verslag _1_.txt"]
    assert archive.read("bestanden/testnotes/verslag _1_.txt") == b"eigen bestand"
    overview = archive.read("index.html").decode()
    assert "Notities &amp; &lt;b&gt;schetsen&lt;/b&gt;" in overview
    assert "<script>alert(1)</script>" not in overview
    assert "&lt;script&gt;" in overview


def test_every_app_with_holdings_has_its_json_file(django_capture_on_commit_callbacks):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export.request_export(member)
    export.refresh_from_db()
    archive = archive_of(export)
    overview = archive.read("index.html").decode()
    for app_label, holdings in personal_data.by_app().items():
        document = json.loads(archive.read(f"{app_label}.json"))
        assert set(document) == {holding.key for holding in holdings}
        for holding in holdings:
            assert f'data-holding="{holding.key}"' in overview


def test_no_second_request_while_one_is_being_prepared(client):
    member = MemberFactory()
    DataExport.objects.create(user=member, token="wachtend")
    with pytest.raises(data_export.ExportRefused):
        data_export.request_export(member)
    assert DataExport.objects.filter(user=member).count() == 1


def test_a_few_requests_a_day_at_most(django_capture_on_commit_callbacks):
    member = MemberFactory()
    for _n in range(data_export.REQUESTS_PER_DAY):
        with django_capture_on_commit_callbacks(execute=True):
            data_export.request_export(member)
    with pytest.raises(data_export.ExportRefused):
        data_export.request_export(member)


def test_a_lost_request_stops_blocking_after_a_while():
    member = MemberFactory()
    DataExport.objects.create(
        user=member,
        token="verloren",
        requested_at=timezone.now() - data_export.STALE_PENDING - timedelta(minutes=1),
    )
    assert data_export.refusal(member) is None


def ready_export(member, **extra) -> DataExport:
    name = default_storage.save(
        f"{data_export.FOLDER}/test.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18)
    )
    now = timezone.now()
    values = {
        "state": DataExport.State.READY,
        "ready_at": now,
        "expires_at": now + timedelta(days=7),
        "file_name": name,
        "token": "geheim-" + str(member.pk),
    }
    values.update(extra)
    return DataExport.objects.create(user=member, **values)


def test_the_owner_downloads_the_zip_uncached(client):
    member = MemberFactory()
    export = ready_export(member)
    client.force_login(member)
    response = client.get(data_export.download_url(export))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_another_member_gets_404(client):
    export = ready_export(MemberFactory())
    client.force_login(MemberFactory())
    assert client.get(data_export.download_url(export)).status_code == 404


def test_a_wrong_token_gets_404(client):
    member = MemberFactory()
    export = ready_export(member)
    client.force_login(member)
    url = reverse("accounts:data_export_download", args=[export.pk, "geraden"])
    assert client.get(url).status_code == 404


def test_an_expired_export_gets_404(client):
    member = MemberFactory()
    export = ready_export(member, expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(member)
    assert client.get(data_export.download_url(export)).status_code == 404


def test_a_visitor_downloading_is_sent_to_the_login(client):
    export = ready_export(MemberFactory())
    response = client.get(data_export.download_url(export))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_expiry_deletes_the_file_once():
    member = MemberFactory()
    export = ready_export(member, expires_at=timezone.now() - timedelta(minutes=1))
    stored = export.file_name
    assert default_storage.exists(stored)
    assert data_export.expire() == 1
    export.refresh_from_db()
    assert export.state == DataExport.State.EXPIRED
    assert export.file_name == ""
    assert not default_storage.exists(stored)
    assert data_export.expire() == 0


def test_the_profile_shows_the_state(client):
    member = MemberFactory()
    client.force_login(member)
    assert 'data-testid="data-export-state"' not in client.get(PROFILE).content.decode()
    DataExport.objects.create(user=member, token="bezig")
    page = client.get(PROFILE).content.decode()
    assert 'data-testid="data-export-state"' in page
    # While one is being prepared there is no button to ask again.
    assert f'action="{REQUEST}"' not in page


def test_the_profile_links_a_ready_export(client):
    member = MemberFactory()
    export = ready_export(member)
    client.force_login(member)
    page = client.get(PROFILE).content.decode()
    assert data_export.download_url(export) in page


def test_the_zip_holds_everything_the_registry_exports(everything):  # noqa: F811
    """One of everything for a member: every holding's rows, every file, every label."""
    member = everything.member
    handle = io.BytesIO()
    data_export.write_archive(member, handle)
    archive = zipfile.ZipFile(handle)
    names = set(archive.namelist())
    overview = archive.read("index.html").decode()
    documents = {}
    for holding in personal_data.holdings():
        if holding.app_label not in documents:
            documents[holding.app_label] = json.loads(archive.read(f"{holding.app_label}.json"))
        entry = documents[holding.app_label][holding.key]
        assert entry["label"] == str(holding.label)
        expected = json.loads(
            json.dumps(holding.export(member) if holding.export else [], cls=DjangoJSONEncoder)
        )
        assert entry["rows"] == expected, holding.key
        if holding.covers:
            assert entry["rows"], f"{holding.key} exported nothing"
        assert f'data-holding="{holding.key}"' in overview
        assert escape(str(holding.label)) in overview
    stored = [n for n in names if n.startswith("bestanden/")]
    for holding in personal_data.holdings():
        for name, file in holding.files(member) if holding.files else []:
            tail = name.rsplit("/", 1)[-1]
            matches = [
                n
                for n in stored
                if n.startswith(f"bestanden/{holding.app_label}/") and n.endswith(tail)
            ]
            assert matches, f"{name} of {holding.key} is not in the ZIP"
            file.open("rb")
            try:
                assert archive.read(matches[0]) == file.read()
            finally:
                file.close()
    assert stored, "the member's files are missing"


def test_the_overview_reads_as_dutch_not_as_raw_data(django_capture_on_commit_callbacks):
    """index.html: labels instead of keys, dates as 28-11-2026 08:01, and not this copy itself."""
    import re

    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export.request_export(member)
    export.refresh_from_db()
    overview = archive_of(export).read("index.html").decode()
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", overview)
    assert '<th scope="row">E-mail</th>' in overview
    assert '<th scope="row">email</th>' not in overview
    joined = timezone.localtime(member.date_joined).strftime("%d-%m-%Y %H:%M")
    assert joined in overview
    # The copy being built is not listed as a copy still being prepared.
    copies = overview.split('data-holding="accounts.data_exports"')[1].split("</section>")[0]
    assert "<table>" not in copies
    # No files: no mention of the files folder.
    assert "folder bestanden" not in overview
    assert "map bestanden" not in overview
    assert 'href="#bestanden"' not in overview


def test_readable_values():
    assert data_export._readable("2026-11-28T08:01:55.900992+00:00") == "28-11-2026 09:01"
    assert data_export._readable("2026-11-28") == "28-11-2026"
    assert data_export._readable(["a", "b"]) == "a, b"
    assert data_export._readable({"first_name": "An"}) in ("Voornaam: An", "First name: An")
    assert data_export.field_label("post__topic__title") == "Onderwerp van het bericht" or (
        data_export.field_label("post__topic__title") == "Topic of the message"
    )
    assert data_export.field_label("some_new__key") == "Some new key"
