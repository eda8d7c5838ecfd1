"""Demo content for the portal: the home page and the sections' stable addresses."""

from wagtail.models import Page, Site

from .models import HomePage, SectionPage

HOME_INTRO = (
    "Het kennis- en leerplatform voor casemanagers zorg in Vlaanderen: vind snel "
    "betrouwbare informatie, leer van collega's en breng knelpunten uit de praktijk "
    "tot bij het beleid."
)
HOME_BODY = (
    "<p>Casemanagers zorg begeleiden werkzoekenden met medische, psychische, psychiatrische "
    "of sociale problemen, samen met een casemanager werk van de VDAB. Op dit platform "
    "bundelt SAM wat je daarvoor nodig hebt: handleidingen en methodieken, vormingen en "
    "intervisies, de podcast <b>Sterk Werk</b> en een forum om elkaar om raad te vragen.</p>"
    "<p>Loop je vast op een regel of procedure? Meld het als knelpunt. SAM bundelt de "
    "meldingen in dossiers en legt ze voor aan de Vlaamse en federale overheden.</p>"
)

SECTIONS = [
    (
        "knelpunten",
        "Knelpunten",
        "<p>Meld een knelpunt uit de praktijk: een regel of procedure die een traject "
        "blokkeert. SAM bundelt meldingen tot dossiers voor de beleidsdialoog.</p>",
    ),
]


def replace_placeholder(home: HomePage, slug: str) -> None:
    """Remove the placeholder section at ``slug`` so an app's own index page can take it."""
    placeholder = SectionPage.objects.child_of(home).filter(slug=slug).first()
    if placeholder is not None:
        placeholder.delete()


def _home_page(out) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Kennis en leren voor casemanagers zorg",
                slug="start",
                intro=HOME_INTRO,
                body=HOME_BODY,
            )
        )
        out.write("  startpagina aangemaakt")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="SAM Kennisplatform",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "SAM Kennisplatform"
        site.save()
        # Wagtail's placeholder welcome page has no content worth keeping.
        if type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def load(out) -> None:
    home = _home_page(out)
    existing = set(home.get_children().values_list("slug", flat=True))
    for slug, title, intro in SECTIONS:
        if slug not in existing:
            home.add_child(instance=SectionPage(title=title, slug=slug, intro=intro))
            out.write(f"  rubriek /{slug}/ aangemaakt")
