"""Every relation to the user model in every installed app is answered for by a holding."""

from accounts.personal_data import covered_relations, holdings
from tests.accounts.personal_data_fixtures import user_relations


def test_every_relation_to_the_user_model_is_covered_by_a_holding():
    relations = {label for label, _model, _field in user_relations()}
    assert "community.Post.author" in relations  # the walk finds the app's own relations
    assert "account.EmailAddress.user" in relations  # and those of allauth, Wagtail, Django
    missing = sorted(relations - covered_relations())
    assert not missing, "No personal-data holding covers: " + ", ".join(missing)


def test_holdings_cover_only_relations_that_exist():
    relations = {label for label, _model, _field in user_relations()}
    unknown = sorted(covered_relations() - relations)
    assert not unknown, "Holdings cover relations that do not exist: " + ", ".join(unknown)


def test_each_relation_is_covered_once():
    seen: dict[str, str] = {}
    twice = []
    for holding in holdings():
        for relation in holding.covers:
            if relation in seen:
                twice.append(f"{relation} ({seen[relation]}, {holding.key})")
            seen[relation] = holding.key
    assert not twice


def test_every_holding_says_why_and_how_long():
    for holding in holdings():
        assert str(holding.label) and str(holding.purpose) and str(holding.retention), holding.key
        if holding.covers:
            assert holding.export is not None, holding.key
            assert holding.erase is not None, holding.key


def test_the_search_query_log_is_declared_without_relations():
    log = next(holding for holding in holdings() if holding.key == "search.query_log")
    assert log.covers == ()
