"""Checks on our own stylesheet: WCAG AA contrast for the colour pairs the site uses."""

import re
from pathlib import Path

from django.test import Client

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text()
VARIABLES = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour(name: str) -> str:
    return "#ffffff" if name == "white" else VARIABLES[name]


# (text, background) pairs as the stylesheet combines them.
PAIRS = [
    ("ink", "paper"),
    ("ink", "canvas"),
    ("ink-soft", "paper"),
    ("ink-soft", "canvas"),
    ("brand", "paper"),
    ("brand", "canvas"),
    ("brand", "brand-tint"),
    ("brand-dark", "brand-tint"),
    ("white", "brand"),
    ("white", "brand-dark"),
    ("white", "ink"),
    ("error", "paper"),
    ("ink", "brand-tint"),
    ("ok", "ok-tint"),
    ("warn", "warn-tint"),
    ("accent", "accent-tint"),
    ("ink", "warn-tint"),
    ("ink", "accent-tint"),
    ("ink-soft", "brand-tint"),
]


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_colours_pass_wcag_aa(text, background):
    assert contrast(colour(text), colour(background)) >= 4.5


def test_focus_outline_is_visible_against_the_page():
    # WCAG 2.2 non-text contrast: 3:1 for the focus indicator.
    assert contrast(colour("focus"), colour("paper")) >= 3
    assert contrast(colour("focus"), colour("canvas")) >= 3
    assert ":focus-visible" in CSS


def test_layout_is_responsive():
    assert "@media (max-width:" in CSS


@pytest.mark.django_db
def test_csrf_failure_is_explained_in_dutch(site_tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@b.be", "password": "x"})
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.content.decode()
