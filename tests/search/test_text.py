"""The shared analysis: hyphenated spellings and compounds, as every backend reads them."""

import pytest

from search import compounds, text


@pytest.mark.parametrize(
    ("written", "word"),
    [
        ("e-mail", "email"),
        ("E-mail", "email"),
        ("her-integratie", "herintegratie"),
        ("co-ouderschap", "coouderschap"),
        ("werk\u2011zorgtraject", "werkzorgtraject"),
        ("loop\u00adbaan", "loopbaan"),
    ],
)
def test_a_hyphen_between_letters_joins_the_word(written, word):
    assert text.words(written) == [word]


def test_numbers_keep_their_hyphen():
    assert text.words("2020-2021") == ["2020", "2021"]


def test_parts_hold_hyphen_pieces_and_compound_parts():
    assert text.parts("CMPPS-problematiek") == ["cmpps", "problematiek"]
    assert text.parts("loopbaanbegeleiding") == ["loopbaan", "begeleiding"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("loopbaanbegeleiding", ("loopbaan", "begeleiding")),
        ("werkervaringsplaats", ("werkervaring", "plaats", "werk", "ervaring")),
        ("trajectbegeleider", ("traject", "begeleider")),
        ("mobiliteitsprobleem", ("mobiliteit", "probleem")),
        ("begeleiding", ()),
        ("beleid", ()),
    ],
)
def test_the_decompounder_uses_the_field_words_and_linking_letters(word, parts):
    assert compounds.split_for_index(word) == parts


def test_query_splitting_also_uses_the_vocabulary():
    known = compounds.FIELD_WORDS | {"kinderopvang", "premie"}
    assert compounds.split("kinderopvangpremie", known) == ["kinderopvang", "premie"]
    assert compounds.split("begeleiding", known) == []


def test_the_query_side_looks_up_only_candidates(django_assert_max_num_queries, db):
    compounds.forget()
    with django_assert_max_num_queries(1):
        compounds.split_for_query("loopbaanbegeleiding")
    with django_assert_max_num_queries(0):
        compounds.split_for_query("loopbaanbegeleiding")
