"""Each holding's ``export`` returns the member's rows (the one-of-everything member)."""

import json

import pytest

from accounts.personal_data import holdings
from tests.accounts.personal_data_fixtures import everything  # noqa: F401

pytestmark = pytest.mark.django_db


def test_every_holding_with_relations_exports_rows_for_the_member(everything):  # noqa: F811
    empty = [
        holding.key
        for holding in holdings()
        if holding.covers and not holding.export(everything.member)
    ]
    assert not empty, "No rows exported by: " + ", ".join(empty)


def test_exported_rows_are_plain_json(everything):  # noqa: F811
    for holding in holdings():
        if holding.export is not None:
            json.dumps(holding.export(everything.member))


def test_the_member_files_are_exported(everything):  # noqa: F811
    names = [
        name
        for holding in holdings()
        if holding.files is not None
        for name, _file in holding.files(everything.member)
    ]
    assert any(name.startswith("forum/") and name.endswith("verslag.png") for name in names)
    assert any(name.startswith("tracker/") and name.endswith("brief.pdf") for name in names)
