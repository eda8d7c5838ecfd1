import datetime

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.base import ContentFile
from django.test import RequestFactory

import pytest
from wagtail.documents import get_document_model

from knowledge import freshness
from knowledge.demo import build_pdf
from knowledge.models import KnowledgeProductPage, ProductDownload, ProductRelatedPage
from knowledge.models.products import add_months
from tests.accounts.factories import MemberFactory, StaffFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def test_visitor_sees_a_teaser_of_a_members_only_product_and_an_invitation_to_log_in(client):
    page = factories.product(members_only=True, body_text="Geheime werkwijze")
    html = client.get(page.url).content.decode()
    assert page.summary in html
    assert "Geheime werkwijze" not in html
    assert "Meld je aan" in html or "Aanmelden" in html


def test_member_reads_the_full_members_only_product(client):
    page = factories.product(members_only=True, body_text="Geheime werkwijze")
    client.force_login(MemberFactory())
    assert "Geheime werkwijze" in client.get(page.url).content.decode()


def test_index_lists_members_only_products_as_teasers_for_visitors(client):
    factories.product(title="Open gids")
    factories.product(title="Ledengids", members_only=True)
    html = client.get("/kennisbank/").content.decode()
    assert "Open gids" in html and "Ledengids" in html
    assert "Meld je aan om het volledige product te lezen." in html


def test_filters_by_type_theme_and_audience_and_keeps_them_in_the_address(client):
    werk, zorg = factories.theme("werk"), factories.theme("zorg")
    cm = factories.audience("casemanagers-zorg")
    factories.product(title="Gids werk", product_type="guide", themes=[werk], audiences=[cm])
    factories.product(title="Gids zorg", product_type="guide", themes=[zorg])
    factories.product(title="Factsheet werk", product_type="factsheet", themes=[werk])

    response = client.get("/kennisbank/", {"type": "guide", "thema": "werk"})
    html = response.content.decode()
    assert "Gids werk" in html and "Gids zorg" not in html and "Factsheet werk" not in html
    assert "1 kennisproduct" in html
    assert 'value="guide" selected' in html
    by_audience = client.get("/kennisbank/", {"doelgroep": "casemanagers-zorg"}).content.decode()
    assert "Gids werk" in by_audience and "Gids zorg" not in by_audience


def test_sorting_newest_first_or_by_title(client):
    factories.product(
        title="Bravo", first_published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    factories.product(
        title="Alfa", first_published_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    newest = client.get("/kennisbank/").content.decode()
    assert newest.index("Bravo") < newest.index("Alfa")
    az = client.get("/kennisbank/", {"sorteer": "az"}).content.decode()
    assert az.index("Alfa") < az.index("Bravo")


def test_pagination_keeps_the_filters(client):
    werk = factories.theme("werk")
    for _ in range(23):
        factories.product(themes=[werk])
    html = client.get("/kennisbank/", {"thema": "werk"}).content.decode()
    assert "23 kennisproducten" in html
    assert "thema=werk&amp;pagina=2" in html
    second = client.get("/kennisbank/", {"thema": "werk", "pagina": 2})
    assert second.status_code == 200
    assert "Pagina 2 van 2" in second.content.decode()


def test_an_unknown_filter_value_shows_everything_instead_of_an_error(client):
    factories.product(title="Gids")
    response = client.get("/kennisbank/", {"thema": "bestaat-niet", "type": "<script>"})
    assert response.status_code == 200
    assert "Gids" in response.content.decode()


def test_empty_result_has_a_helpful_message(client):
    factories.theme("huisvesting")
    html = client.get("/kennisbank/", {"thema": "huisvesting"}).content.decode()
    assert "Geen kennisproducten gevonden met deze filters." in html
    assert "Toon alle kennisproducten" in html


def _index_queries(client, django_assert_max_num_queries, count):
    werk = factories.theme("werk")
    for _ in range(count):
        factories.product(themes=[werk, factories.theme("zorg")])
    with django_assert_max_num_queries(14):
        assert client.get("/kennisbank/", {"thema": "werk"}).status_code == 200


def test_index_query_count_does_not_grow_with_products(client, django_assert_max_num_queries):
    _index_queries(client, django_assert_max_num_queries, 30)


def test_product_page_query_count_is_constant(client, django_assert_max_num_queries):
    werk = factories.theme("werk")
    for _ in range(10):
        factories.product(themes=[werk])
    page = factories.product(themes=[werk])
    client.force_login(MemberFactory())
    with django_assert_max_num_queries(22):
        assert client.get(page.url).status_code == 200


def test_related_content_puts_the_editors_choice_first_then_shared_themes():
    werk, zorg, inkomen = (factories.theme(s) for s in ("werk", "zorg", "inkomen"))
    page = factories.product(themes=[werk, zorg])
    two_shared = factories.product(title="Twee thema's", themes=[werk, zorg])
    one_shared = factories.product(title="Eén thema", themes=[werk])
    factories.product(title="Ander thema", themes=[inkomen])
    factories.product(title="Concept", themes=[werk, zorg], live=False)
    chosen = factories.product(title="Gekozen", themes=[inkomen])
    ProductRelatedPage.objects.create(product=page, page=chosen)

    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    fresh = KnowledgeProductPage.objects.get(pk=page.pk)
    titles = [item.title for item in fresh.related_items(request)]
    assert titles == ["Gekozen", "Twee thema's", "Eén thema"]
    assert two_shared.title in titles and one_shared.title in titles


def test_review_due_follows_the_interval():
    page = factories.product(last_reviewed=datetime.date(2025, 11, 30), review_interval_months=3)
    assert page.review_due == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)


def test_page_shows_when_it_was_last_checked(client):
    page = factories.product(last_reviewed=datetime.date(2026, 3, 12))
    assert "Laatst nagekeken op 12 maart 2026" in client.get(page.url).content.decode()


def test_overdue_report_lists_only_overdue_products_for_staff(client):
    today = datetime.date.today()
    factories.product(title="Verouderd", last_reviewed=today - datetime.timedelta(days=800))
    factories.product(title="Actueel", last_reviewed=today)
    client.force_login(StaffFactory())
    html = client.get("/admin/herzieningen/").content.decode()
    assert "Verouderd" in html and "Actueel" not in html
    csv_text = client.get("/admin/herzieningen/", {"export": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Titel;")
    assert "Verouderd" in csv_text


def test_overdue_report_is_not_for_members(client):
    client.force_login(MemberFactory())
    assert client.get("/admin/herzieningen/").status_code in (302, 403)


def test_owners_of_overdue_products_get_one_reminder_and_not_every_day(
    django_capture_on_commit_callbacks,
):
    owner = StaffFactory(email="redactie@example.org")
    old = datetime.date.today() - datetime.timedelta(days=800)
    factories.product(title="Verouderd A", last_reviewed=old, review_owner=owner)
    factories.product(title="Verouderd B", last_reviewed=old, review_owner=owner)
    factories.product(title="Actueel", review_owner=owner)
    with django_capture_on_commit_callbacks(execute=True):
        freshness.send_reminders()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redactie@example.org"]
    assert "Verouderd A" in message.body and "Verouderd B" in message.body
    assert "Actueel" not in message.body
    with django_capture_on_commit_callbacks(execute=True):
        freshness.send_reminders()
    assert len(mail.outbox) == 1


def _document(title="Bijlage", data=None):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(
        f"{title}.pdf", ContentFile(data or build_pdf(["Titel", "Tekst"])), save=False
    )
    document._set_document_file_metadata()
    document.save()
    return document


def test_downloads_of_members_only_products_are_for_members(client):
    document = _document("Ledenbijlage")
    page = factories.product(members_only=True)
    ProductDownload.objects.create(product=page, document=document)
    page.save()  # refreshes Wagtail's reference index
    response = client.get(document.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(MemberFactory())
    assert client.get(document.url).status_code == 200


def test_downloads_of_public_products_are_public(client):
    document = _document("Openbare bijlage")
    page = factories.product()
    ProductDownload.objects.create(product=page, document=document)
    page.save()
    assert client.get(document.url).status_code == 200


def test_visitors_do_not_find_members_only_products_by_their_hidden_text(client):
    factories.product(title="Ledengids", members_only=True, body_text="zeldzaamwoord")
    factories.product(title="Open gids", body_text="zeldzaamwoord")
    html = client.get("/zoeken/", {"q": "zeldzaamwoord"}).content.decode()
    assert "Open gids" in html and "Ledengids" not in html
    client.force_login(MemberFactory())
    assert "Ledengids" in client.get("/zoeken/", {"q": "zeldzaamwoord"}).content.decode()


def test_home_page_shows_the_newest_products(client):
    factories.product(title="Nieuwste gids")
    assert "Nieuwste gids" in client.get("/").content.decode()


def test_title_a_z_ignores_case_and_accents_as_a_dutch_reader_expects(client):
    for title in ["Zorgpad", "appel en peer", "Éénmalige premie", "Begeleiding", "eerste hulp"]:
        factories.product(title=title)
    html = client.get("/kennisbank/", {"sorteer": "az"}).content.decode()
    positions = [
        html.index(title)
        for title in ["appel en peer", "Begeleiding", "Éénmalige premie", "eerste hulp", "Zorgpad"]
    ]
    assert positions == sorted(positions)


def test_the_list_sorted_by_date_shows_each_products_date_and_the_a_z_list_does_not(client):
    factories.product(
        title="Gedateerde gids",
        first_published_at=datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC),
    )
    by_date = client.get("/kennisbank/").content.decode()
    assert '<time datetime="2025-03-04T' in by_date and "4 maart 2025" in by_date
    by_title = client.get("/kennisbank/", {"sorteer": "az"}).content.decode()
    assert "4 maart 2025" not in by_title
