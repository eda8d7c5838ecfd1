"""manage.py scan_privacy: a report of client data already in stored text."""

import io

from django.core.management import call_command

import pytest

from portal import privacy
from tests.knowledge import factories


@pytest.fixture
def posts_source():
    texts = [
        (
            "Vraag over deelnemer Jan Peeters",
            "https://example.org/forum/1/",
            "Vraag over deelnemer Jan Peeters\n\nHoe nu verder?",
        ),
        ("Wachttijden", "https://example.org/forum/2/", "Zijn INSZ is 85.07.30-033.28."),
        ("Leefloon", "https://example.org/forum/3/", "Het OCMW Gent vraagt een attest."),
    ]
    privacy.register_source("test posts", lambda: iter(texts))
    yield
    privacy.unregister_source("test posts")


def scan(*args) -> list[str]:
    out = io.StringIO()
    call_command("scan_privacy", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_each_finding_is_one_line_with_source_object_kind_severity_and_masked_match(
    posts_source,
):
    lines = scan("--source", "test posts")
    assert "BLOCK | test posts | Wachttijden | national_number | 85.07.**-***.28 | " in lines[1]
    assert lines[1].endswith("https://example.org/forum/2/")


@pytest.mark.django_db
def test_report_never_prints_the_full_match(posts_source):
    output = "\n".join(scan("--source", "test posts"))
    assert "85.07.30-033.28" not in output
    assert "Jan Peeters" not in output


@pytest.mark.django_db
def test_object_label_with_client_data_is_masked_too(posts_source):
    lines = scan("--source", "test posts")
    assert lines[0] == (
        "WARN | test posts | Vraag over deelnemer J** P****** | name | J** P****** | "
        "https://example.org/forum/1/"
    )


@pytest.mark.django_db
def test_summary_counts_findings_texts_and_sources(posts_source):
    lines = scan("--source", "test posts")
    assert len(lines) == 3
    assert lines[-1] == "2 finding(s): 1 BLOCK, 1 WARN in 3 text(s) from 1 source(s)."


@pytest.mark.django_db
def test_source_option_limits_the_scan(posts_source):
    lines = scan("--source", "learning activities")
    assert lines == ["0 finding(s): 0 BLOCK, 0 WARN in 0 text(s) from 1 source(s)."]


@pytest.mark.django_db
def test_command_exits_normally_with_findings(posts_source):
    # call_command raises SystemExit or CommandError on a non-zero exit.
    assert scan("--source", "test posts")


@pytest.mark.django_db
def test_knowledge_product_summary_is_scanned(site_tree):
    page = factories.product(summary="Voorbeeld met 85.07.30-033.28 erin.")
    lines = scan("--source", "knowledge products")
    assert len(lines) == 2
    assert lines[0].startswith(f"BLOCK | knowledge products | {page.title} | national_number")
    assert lines[0].endswith(f"/admin/pages/{page.pk}/edit/")


@pytest.mark.django_db
def test_knowledge_product_body_is_scanned(site_tree):
    factories.product(body_text="Bel mevrouw Peeters op 0470 12 34 56.")
    lines = scan("--source", "knowledge products")
    assert [line.split(" | ")[3] for line in lines[:-1]] == ["name", "phone"]
