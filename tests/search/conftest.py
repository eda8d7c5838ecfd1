import pytest


@pytest.fixture(autouse=True)
def _fresh_compound_splits():
    """Typed compounds are split with the vocabulary, cached per process: no test
    inherits another test's vocabulary."""
    from search import compounds

    compounds.forget()
    yield
    compounds.forget()
