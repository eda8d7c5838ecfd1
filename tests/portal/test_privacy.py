"""The privacy guard: national numbers block, contact details and names warn."""

import datetime

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from portal import privacy
from portal.privacy import Severity


def insz(birth: datetime.date, serial: int, month_offset: int = 0) -> str:
    """A national number by the rule as the registry publishes it, written apart from the guard."""
    base = f"{birth:%y}{birth.month + month_offset:02d}{birth:%d}{serial:03d}"
    checked = ("2" + base) if birth.year >= 2000 else base
    return base + f"{97 - int(checked) % 97:02d}"


def dotted(digits: str) -> str:
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"


def kinds(text: str) -> list[tuple[str, Severity]]:
    return [(finding.kind, finding.severity) for finding in privacy.check(text)]


BLOCKED = [(privacy.NATIONAL_NUMBER, Severity.BLOCK)]


# --- national number -------------------------------------------------------------------------


def test_national_number_of_someone_born_before_2000_blocks():
    assert kinds("Zijn INSZ is 85.07.30-033.28, kan iemand helpen?") == BLOCKED


def test_national_number_of_someone_born_from_2000_blocks():
    number = insz(datetime.date(2001, 3, 15), 123)
    assert number == "01031512380"
    # Without the "2" in front the check would be 51: the guard must know both rules.
    assert 97 - int(number[:9]) % 97 != int(number[9:])
    assert kinds(f"INSZ {dotted(number)}") == BLOCKED


@pytest.mark.parametrize(
    "written",
    ["85.07.30-033.28", "85073003328", "85 07 30 033 28", "850730-033-28", "850730 033 28"],
)
def test_national_number_blocks_with_or_without_separators(written):
    assert kinds(f"nummer {written} genoteerd") == BLOCKED


@pytest.mark.parametrize("offset", [20, 40])
def test_bis_number_with_month_offset_blocks(offset):
    number = insz(datetime.date(1990, 11, 2), 57, month_offset=offset)
    assert kinds(f"bisnummer {dotted(number)}") == BLOCKED


def test_national_number_finding_holds_the_matched_span():
    text = "Zie 85.07.30-033.28 in het dossier."
    [finding] = privacy.check(text)
    assert finding.text == "85.07.30-033.28"
    assert text[finding.start : finding.end] == finding.text


def test_national_number_has_an_explanation():
    [finding] = privacy.check("85073003328")
    assert finding.message == privacy.MESSAGES[privacy.NATIONAL_NUMBER]
    assert str(finding.message)


@pytest.mark.parametrize(
    "text",
    [
        "85.07.30-033.29",  # one off in the check
        dotted(insz(datetime.date(2004, 6, 1), 12))[:-1] + "0",
        "Factuur 12345678901 is betaald.",
        "Bestelnummer 98765432109",
        "IBAN BE71 0961 2345 6769",
    ],
)
def test_eleven_digits_failing_the_check_do_not_block(text):
    assert not privacy.blocks(privacy.check(text))


def test_masked_national_number_keeps_year_month_and_check():
    [finding] = privacy.check("85.07.30-033.28")
    assert finding.masked == "85.07.**-***.28"


def test_number_that_is_both_insz_and_phone_shaped_counts_as_insz():
    number = dotted(insz(datetime.date(2004, 5, 12), 123))
    assert number.startswith("04.05.12-123.")
    assert kinds(number) == BLOCKED


# --- e-mail and phone ------------------------------------------------------------------------


def test_email_address_warns():
    assert kinds("Mail haar op jan.peeters+werk@telenet.be.") == [(privacy.EMAIL, Severity.WARN)]


@pytest.mark.parametrize(
    "phone",
    [
        "0470 12 34 56",
        "0470/12.34.56",
        "0470-12-34-56",
        "0470123456",
        "+32 470 12 34 56",
        "+32470123456",
        "0032 470 12 34 56",
        "09 123 45 67",
        "02/123.45.67",
        "050 12 34 56",
        "+32 9 123 45 67",
        "0032 50 12 34 56",
    ],
)
def test_belgian_phone_number_warns(phone):
    found = privacy.check(f"Bel haar op {phone} na vijf uur.")
    assert [(f.kind, f.severity, f.text) for f in found] == [(privacy.PHONE, Severity.WARN, phone)]


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ik begeleid deelnemer Jan Peeters al een jaar.", "Jan Peeters"),
        ("Gesprek met mevrouw Fatima El Amrani over haar planning.", "Fatima El Amrani"),
        ("Cliënt Jan Van der Berghe kreeg een afwijzing.", "Jan Van der Berghe"),
        ("Mijn client, Sarah De Smet, zoekt werk.", "Sarah De Smet"),
        ("De deelneemster Ayşe Yılmaz startte in arbeidszorg.", "Ayşe Yılmaz"),
        ("deelnemer: Jan PEETERS", "Jan PEETERS"),
        ("Dhr. Peeters belde gisteren.", "Peeters"),
        ("Ik sprak met mevr. Van Damme.", "Van Damme"),
        ("Meneer Janssens is ongerust.", "Janssens"),
    ],
)
def test_name_after_a_role_or_form_of_address_warns(text, name):
    found = privacy.check(text)
    assert [(f.kind, f.severity, f.text) for f in found] == [(privacy.NAME, Severity.WARN, name)]


def test_role_word_with_only_a_first_name_is_a_pseudonym_and_passes():
    assert (
        privacy.check("Deelnemer Jan (fictieve naam) vond een plek in een maatwerkbedrijf.") == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "De deelnemer Werkt bij een maatwerkbedrijf in Gent.",
        "De deelnemer kreeg een leefloon van het OCMW Gent.",
        "De cliënt OCMW Antwerpen verwees door naar GTB.",
        "De VDAB en GTB vroegen een attest aan het RIZIV.",
        "Zij start op 12.03.2024 in 9000 Gent.",
        "De factuur bedroeg € 1.234,56 per maand.",
        "Een tewerkstelling via art. 60 §7 duurt soms te kort.",
        "Het principe cliënt Centraal staat voorop.",
        "Voor de deelnemer, De Lijn en de werkgever is dat duidelijk.",
        "Mevrouw, ik ben het niet eens met de beslissing.",
        "Ik sprak met de meneer. Die zei dat hij geen werk vond.",
        "De ondernemer met KBO-nummer 0456.789.123 stelt artikel 60'ers tewerk.",
        "Bel het gratis nummer van de VDAB, 0800 30 700, of 070 22 33 44.",
        "Vergadering van 04.02.2024 12u tot 14u in Sociaal Huis Brugge.",
    ],
)
def test_ordinary_flemish_text_passes(text):
    assert privacy.check(text) == []


# --- helpers ---------------------------------------------------------------------------------


def test_findings_come_in_reading_order():
    text = "deelnemer Jan Peeters, 0470 12 34 56, jan@peeters.be, 85073003328"
    assert [f.kind for f in privacy.check(text)] == [
        privacy.NAME,
        privacy.PHONE,
        privacy.EMAIL,
        privacy.NATIONAL_NUMBER,
    ]


def test_mask_hides_every_finding_in_a_text():
    masked = privacy.mask("Vraag over deelnemer Jan Peeters (85.07.30-033.28)")
    assert masked == "Vraag over deelnemer J** P****** (85.07.**-***.28)"


def test_filename_with_national_number_blocks():
    [finding] = privacy.check_filename("attest_85073003328.pdf")
    assert (finding.kind, finding.severity, finding.text) == (
        privacy.NATIONAL_NUMBER,
        Severity.BLOCK,
        "85073003328",
    )


def test_filename_with_name_warns_and_points_into_the_name():
    name = "cv_deelnemer_Jan_Peeters.pdf"
    [finding] = privacy.check_filename(name)
    assert finding.kind == privacy.NAME
    assert finding.text == "Jan_Peeters" == name[finding.start : finding.end]


def test_ordinary_filename_passes():
    assert privacy.check_filename("verslag_intervisie_2024-03-12.docx") == []


# --- the form mixin --------------------------------------------------------------------------


class PostForm(privacy.PrivacyGuardMixin, forms.Form):
    privacy_fields = ("title", "body", "attachment")

    title = forms.CharField()
    body = forms.CharField(widget=forms.Textarea)
    attachment = forms.FileField(required=False)


def test_mixin_adds_an_optional_confirmation_checkbox():
    field = PostForm().fields["privacy_confirmed"]
    assert isinstance(field, forms.BooleanField)
    assert not field.required


def test_form_without_client_data_is_valid():
    form = PostForm({"title": "Wachttijd GTB", "body": "Hoe lang wachten jullie deelnemers?"})
    assert form.is_valid(), form.errors


def test_national_number_makes_the_form_invalid():
    form = PostForm({"title": "Vraag", "body": "INSZ 85.07.30-033.28"})
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["body"]] == ["privacy_block"]


def test_national_number_blocks_even_when_confirmed():
    form = PostForm({"title": "Vraag", "body": "85.07.30-033.28", "privacy_confirmed": "on"})
    assert not form.is_valid()
    assert "body" in form.errors


def test_warning_makes_the_form_invalid_until_confirmed():
    form = PostForm({"title": "Vraag", "body": "Bel 0470 12 34 56"})
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["body"]] == ["privacy_warn"]
    assert form.privacy_needs_confirmation


def test_warning_message_lists_what_was_found():
    form = PostForm({"title": "Over deelnemer Jan Peeters", "body": "Mail jan@peeters.be"})
    form.is_valid()
    assert "Jan Peeters" in form.errors["title"][0]
    assert "jan@peeters.be" in form.errors["body"][0]


def test_confirmed_warning_passes():
    form = PostForm({"title": "Vraag", "body": "Bel 0470 12 34 56", "privacy_confirmed": "on"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "Bel 0470 12 34 56"


def test_typed_text_stays_in_the_bound_form_after_a_block():
    body = "Mijn deelnemer (85.07.30-033.28) wacht al maanden op een attest."
    form = PostForm({"title": "Wachten op attest", "body": body})
    assert not form.is_valid()
    assert form["body"].value() == body
    assert "wacht al maanden op een attest" in str(form["body"])


def test_attachment_name_is_checked():
    upload = SimpleUploadedFile("attest_85073003328.pdf", b"%PDF-1.4")
    form = PostForm({"title": "Attest", "body": "Zie bijlage"}, {"attachment": upload})
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["attachment"]] == ["privacy_block"]
