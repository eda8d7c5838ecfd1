"""The privacy guard: no client data in posts, bottleneck reports or attachments.

Case managers write about vulnerable participants. ``check(text)`` looks for data that
identifies someone and returns ``Finding``s:

- a Belgian national number (INSZ / rijksregisternummer) BLOCKS: it only counts when its
  mod-97 check holds, so phone, invoice and file numbers of eleven digits pass;
- e-mail addresses, Belgian phone numbers and a name after "deelnemer", "mevrouw", ... WARN:
  they may be a colleague's or an organisation's, so the writer confirms instead.

Forms use ``PrivacyGuardMixin``; attachments ``check_filename``. Apps make their stored text
scannable (``manage.py scan_privacy``) with ``register_source`` in their ``privacy_sources.py``.
"""

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django import forms
from django.utils.translation import gettext_lazy as _


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"


NATIONAL_NUMBER = "national_number"
EMAIL = "email"
PHONE = "phone"
NAME = "name"

MESSAGES = {
    NATIONAL_NUMBER: _(
        "This looks like a national register number (INSZ). Never write anything that lets "
        "someone recognise a participant; leave the number out."
    ),
    EMAIL: _("This looks like an e-mail address. If it belongs to a participant, leave it out."),
    PHONE: _("This looks like a phone number. If it belongs to a participant, leave it out."),
    NAME: _(
        "This looks like a participant's name. Use a made-up first name or describe the "
        "person instead, for example “a man in his forties”."
    ),
}
KIND_LABELS = {
    NATIONAL_NUMBER: _("national register number"),
    EMAIL: _("e-mail address"),
    PHONE: _("phone number"),
    NAME: _("name"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: Severity
    text: str
    start: int
    end: int

    @property
    def message(self) -> str:
        return MESSAGES[self.kind]

    @property
    def masked(self) -> str:
        """The match with enough left to find it again, for reports that others read."""
        if self.kind == NATIONAL_NUMBER:
            return _mask_digits(self.text)
        if self.kind == PHONE:
            country = 4 if self.text.startswith("00") else 2 if self.text.startswith("+") else 0
            return _mask_digits(self.text, keep_start=4 + country)
        if self.kind == EMAIL:
            local, _at, domain = self.text.partition("@")
            host, dot, tld = domain.rpartition(".")
            return f"{_mask_word(local)}@{_mask_word(host)}{dot}{tld}"
        return re.sub(r"\w+", lambda m: _mask_word(m.group()), self.text)


def _mask_word(word: str) -> str:
    return word[:1] + "*" * (len(word) - 1)


def _mask_digits(text: str, keep_start: int = 4, keep_end: int = 2) -> str:
    total = sum(c.isdigit() for c in text)
    out, seen = [], 0
    for char in text:
        if char.isdigit():
            seen += 1
            if keep_start < seen <= total - keep_end:
                char = "*"
        out.append(char)
    return "".join(out)


# --- national number -------------------------------------------------------------------------

# YY MM DD NNN CC, each group optionally followed by one separator. The digit lookarounds keep
# longer numbers (IBAN, dates followed by a number) from being read in pieces, and a + marks
# an international phone number.
_NATIONAL_NUMBER = re.compile(
    r"(?<![\d+])(?<!\d[.\-/])"
    r"(\d{2})[.\- ]?(\d{2})[.\- ]?(\d{2})[.\- ]?(\d{3})[.\- ]?(\d{2})"
    r"(?!\d)(?![.\-/]\d)"
)


def is_national_number(digits: str) -> bool:
    """Whether eleven digits pass the INSZ check, for births before or from 2000."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    # Bis numbers add 20 or 40 to the month; 00 stands for an unknown month or day.
    if month % 20 > 12 or month > 52 or day > 31:
        return False
    base, check = digits[:9], int(digits[9:])
    return check in (97 - int(base) % 97, 97 - int("2" + base) % 97)


def _national_numbers(text: str) -> Iterable[Finding]:
    for match in _NATIONAL_NUMBER.finditer(text):
        if is_national_number("".join(match.groups())):
            yield Finding(NATIONAL_NUMBER, Severity.BLOCK, match.group(), *match.span())


# --- e-mail and phone ------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

# A Belgian number: +32, 0032 or a trunk 0, then eight or nine more digits with single
# separators between them. _is_belgian_phone() decides on the digits.
_PHONE = re.compile(
    r"(?<![\d+])(?<!\d[.\-/])"
    r"(?:(?:\+|00)32[ .\-/]?(?:\(0\)[ ]?)?|0)"
    r"\d(?:[ .\-/]?\d){7,8}"
    r"(?!\d)(?![.\-/]\d)"
)
_DATE_START = re.compile(r"\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d")
_ENTERPRISE_NUMBER = re.compile(r"0\d{3}\.\d{3}\.\d{3}")  # KBO: an organisation, not a person
_NON_GEOGRAPHIC = ("70", "77", "78", "800", "90")  # service numbers of organisations


def _is_belgian_phone(candidate: str) -> bool:
    if _DATE_START.match(candidate) or _ENTERPRISE_NUMBER.fullmatch(candidate):
        return False
    digits = re.sub(r"\D", "", candidate.replace("(0)", ""))
    if digits.startswith("0032"):
        digits = digits[4:]
    elif digits.startswith("32") and candidate.startswith("+"):
        digits = digits[2:]
    else:
        digits = digits[1:]
    if len(digits) == 9:
        return digits[0] == "4" and digits[1] in "56789"  # mobile: 045x to 049x
    return len(digits) == 8 and digits[0] != "0" and not digits.startswith(_NON_GEOGRAPHIC)


def _emails(text: str) -> Iterable[Finding]:
    for match in _EMAIL.finditer(text):
        yield Finding(EMAIL, Severity.WARN, match.group(), *match.span())


def _phones(text: str) -> Iterable[Finding]:
    for match in _PHONE.finditer(text):
        if _is_belgian_phone(match.group()):
            yield Finding(PHONE, Severity.WARN, match.group(), *match.span())


# --- names -----------------------------------------------------------------------------------

# Words for a person in a role: a first and a last name must follow ("deelnemer Jan Peeters"),
# because a lone first name is how case managers usually pseudonymise ("deelnemer Jan").
_ROLE_WORDS = r"cli[eë]nte?|deelnemer|deelneemster"
# Forms of address: a surname alone already names someone ("mevrouw Peeters").
_ADDRESS_WORDS = r"mevrouw|meneer|mijnheer|mevr\.|mw\.|dhr\.|mr\."
_NAME_TRIGGER = re.compile(
    rf"(?<!\w)(?:(?P<role>{_ROLE_WORDS})|(?P<address>{_ADDRESS_WORDS}))"
    r"(?:(?<=\.)|(?!\w))[ \t\u00a0]*(?:[:,(][ \t\u00a0]*)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_GAP = re.compile(r"[ \t\u00a0]+")
# fmt: off
_PARTICLES = frozenset({
    "van", "de", "der", "den", "del", "della", "da", "di", "du", "dos", "el", "al", "le", "la",
    "ter", "ten", "von", "vanden", "vander", "op", "het",
})
# Capitalised words that start a clause or a title rather than a name.
_NOT_NAMES = frozenset({
    "een", "en", "of", "maar", "met", "voor", "naar", "die", "dat", "deze", "dit", "is", "was",
    "wordt", "werd", "heeft", "had", "kan", "kon", "moet", "zal", "zou", "wil", "mag", "in", "op",
    "aan", "bij", "uit", "over", "om", "te", "ook", "niet", "nog", "wel", "zijn", "haar", "hem",
    "hij", "zij", "ze", "we", "wij", "je", "jij", "u", "ik", "centraal", "staat",
})
# fmt: on


def _words_after(text: str, pos: int) -> Iterable[re.Match]:
    """The words that follow ``pos``, as long as only spaces separate them."""
    word = _WORD.match(text, pos)
    while word:
        yield word
        gap = _GAP.match(text, word.end())
        word = _WORD.match(text, gap.end()) if gap else None


def _name_after(text: str, pos: int, *, surname_alone: bool) -> tuple[int, int] | None:
    """The span of the name that starts at ``pos``, if one does."""
    start, names, after_particle = None, [], False
    for word in itertools.islice(_words_after(text, pos), 6):
        value = word.group()
        if value.lower() in _PARTICLES:
            if start is None and not surname_alone:
                return None  # "deelnemer De Lijn": a role word needs a first name first
            start = word.start() if start is None else start
            after_particle = True
            continue
        if value.lower() in _NOT_NAMES or not value[0].isupper():
            break
        # Acronyms (VDAB, OCMW) are organisations, but a surname may be written in capitals
        # right after a first name ("Jan PEETERS").
        if value.isupper() and (not names or after_particle):
            break
        start = word.start() if start is None else start
        names.append(word)
        after_particle = False
    if len(names) < (1 if surname_alone else 2):
        return None
    return start, names[-1].end()


def _names(text: str) -> Iterable[Finding]:
    for trigger in _NAME_TRIGGER.finditer(text):
        span = _name_after(text, trigger.end(), surname_alone=bool(trigger.group("address")))
        if span:
            yield Finding(NAME, Severity.WARN, text[span[0] : span[1]], *span)


# --- the guard -------------------------------------------------------------------------------

_DETECTORS = (_national_numbers, _emails, _phones, _names)  # earlier ones win an overlap


def check(text: str | None) -> list[Finding]:
    """Everything in the text that may identify a participant, in reading order."""
    if not text:
        return []
    findings: list[Finding] = []
    for detect in _DETECTORS:
        for finding in detect(text):
            if not any(f.start < finding.end and finding.start < f.end for f in findings):
                findings.append(finding)
    return sorted(findings, key=lambda f: f.start)


def mask(text: str) -> str:
    """The text with every finding masked, for reports that others read."""
    for finding in reversed(check(text)):
        text = text[: finding.start] + finding.masked + text[finding.end :]
    return text


def check_filename(name: str | None) -> list[Finding]:
    """Check an attachment's name; underscores and plus signs count as spaces."""
    if not name:
        return []
    # Same length as the name, so the findings' spans point into the name itself.
    findings = check(name.translate(str.maketrans("_+", "  ")))
    return [Finding(f.kind, f.severity, name[f.start : f.end], f.start, f.end) for f in findings]


def blocks(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.BLOCK]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.WARN]


# --- forms -----------------------------------------------------------------------------------

CONFIRM_LABEL = _(
    "I have checked this: there is nothing in it that lets someone recognise a participant"
)


class PrivacyGuardMixin:
    """Checks ``privacy_fields`` on clean: BLOCKs always stop the form, WARNs until confirmed.

    The mixin adds the boolean field ``privacy_confirmed``; templates can show it only when
    ``form.privacy_needs_confirmation``. File fields are checked by their file name.
    """

    privacy_fields: tuple[str, ...] = ()
    confirm_field = "privacy_confirmed"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.confirm_field] = forms.BooleanField(required=False, label=CONFIRM_LABEL)
        self.privacy_findings: dict[str, list[Finding]] = {}

    @property
    def privacy_needs_confirmation(self) -> bool:
        return any(warnings(found) for found in self.privacy_findings.values())

    def clean(self):
        cleaned_data = super().clean()
        confirmed = bool(self.cleaned_data.get(self.confirm_field))
        self.privacy_findings = {}
        for name in self.privacy_fields:
            findings = _check_value(self.cleaned_data.get(name))
            if not findings:
                continue
            self.privacy_findings[name] = findings
            for finding in blocks(findings):
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("%(message)s Found: “%(match)s”."),
                        code="privacy_block",
                        params={"message": finding.message, "match": finding.text},
                    ),
                )
            warned = warnings(findings)
            if warned and not confirmed:
                found = "; ".join(f"{KIND_LABELS[f.kind]} “{f.text}”" for f in warned)
                self.add_error(
                    name,
                    forms.ValidationError(
                        _(
                            "Please check this: it may contain details that let someone "
                            "recognise a participant: %(found)s. Remove them, or tick the box "
                            "below if they are not about a participant."
                        ),
                        code="privacy_warn",
                        params={"found": found},
                    ),
                )
        return cleaned_data


def _check_value(value) -> list[Finding]:
    if isinstance(value, str):
        return check(value)
    if getattr(value, "name", None):  # an uploaded file
        return check_filename(value.name)
    if isinstance(value, list | tuple):
        return [finding for item in value for finding in _check_value(item)]
    return []


# --- sources for scan_privacy ----------------------------------------------------------------

# A source yields (object label, URL or admin URL, text) for every text it holds.
SourceFactory = Callable[[], Iterable[tuple[str, str, str]]]
_sources: dict[str, SourceFactory] = {}


def register_source(label: str, factory: SourceFactory) -> SourceFactory:
    _sources[label] = factory
    return factory


def unregister_source(label: str) -> None:
    _sources.pop(label, None)


def sources() -> dict[str, SourceFactory]:
    return dict(_sources)
