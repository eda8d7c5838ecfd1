"""The forum's demo texts: invented members, spaces and conversations between case managers.

Everything here is made up. Participants are never named: posts describe situations
("een deelnemer", "een jonge vrouw"), as the house rules ask.

Bodies are Markdown written with hard line breaks for readability; ``demo.text()`` joins
the lines of a paragraph again, as a member would type them. A reply's ``after`` is the
number of hours after the previous post; ``quote`` is (post number, an excerpt of that
post), which the loader puts above the reply as a blockquote with a link to the post.
``lid_read`` says how far lid@example.org has read: ``ALL``, a post number, or None (never
opened).
"""

from dataclasses import dataclass

from accounts.models import ProfessionalRole, Region

ALL = "all"


@dataclass(frozen=True)
class Member:
    email: str
    first_name: str
    last_name: str
    organisation: str
    region: str
    role: str
    joined_days_ago: int
    region_group: bool = False


@dataclass(frozen=True)
class Reply:
    author: str
    after: float
    body: str
    quote: tuple[int, str] | None = None


@dataclass(frozen=True)
class DemoTopic:
    space: str
    author: str
    title: str
    days_ago: float
    body: str
    replies: tuple[Reply, ...] = ()
    solution: int | None = None
    pinned: bool = False
    locked: bool = False
    lid_read: int | str | None = ALL


R = Reply

REGION_GROUP = "Regio Oost-Vlaanderen"

# Invented colleagues from other organisations and regions. The username is the part of
# the address before the @, as for the other demo accounts.
MEMBERS = (
    Member(
        "leen.dewaele@example.org",
        "Leen",
        "Dewaele",
        "CAW Oost-Vlaanderen",
        Region.OOST_VLAANDEREN,
        ProfessionalRole.CASEMANAGER_ZORG,
        420,
        region_group=True,
    ),
    Member(
        "joris.vandenbroeck@example.org",
        "Joris",
        "Van den Broeck",
        "Sociaal Huis Lokeren",
        Region.OOST_VLAANDEREN,
        ProfessionalRole.CASEMANAGER_ZORG,
        380,
        region_group=True,
    ),
    Member(
        "samira.haddou@example.org",
        "Samira",
        "Haddou",
        "CGG Vlaams-Brabant Oost",
        Region.VLAAMS_BRABANT,
        ProfessionalRole.CASEMANAGER_ZORG,
        300,
    ),
    Member(
        "wout.declercq@example.org",
        "Wout",
        "Declercq",
        "GTB West-Vlaanderen",
        Region.WEST_VLAANDEREN,
        ProfessionalRole.CASEMANAGER_WERK,
        260,
    ),
    Member(
        "griet.vanhaverbeke@example.org",
        "Griet",
        "Vanhaverbeke",
        "Ziekenfonds, dienst maatschappelijk werk Roeselare",
        Region.WEST_VLAANDEREN,
        ProfessionalRole.CASEMANAGER_ZORG,
        240,
    ),
    Member(
        "elif.yildiz@example.org",
        "Elif",
        "Yildiz",
        "OCMW Genk",
        Region.LIMBURG,
        ProfessionalRole.CASEMANAGER_ZORG,
        200,
    ),
    Member(
        "kobe.lambrechts@example.org",
        "Kobe",
        "Lambrechts",
        "Arbeidszorgcentrum De Werkplaats Mechelen",
        Region.ANTWERPEN,
        ProfessionalRole.COORDINATOR,
        330,
    ),
)

# slug: (name, position, description, closed to REGION_GROUP, only SAM staff start topics)
SPACES = {
    "algemeen": (
        "Algemeen",
        0,
        "Kennismaken, nieuws uit het werkveld en alles wat nergens anders past.",
        False,
        False,
    ),
    "vraag-en-antwoord": (
        "Vraag en antwoord",
        1,
        "Een concrete vraag uit je praktijk? Collega's helpen je verder. Duid het antwoord dat "
        "je hielp aan als oplossing.",
        False,
        False,
    ),
    "intervisie-en-methodiek": (
        "Intervisie en methodiek",
        2,
        "Over hoe je begeleidt: methodieken, gesprekstechnieken, intervisie en zelfzorg.",
        False,
        False,
    ),
    "regio-oost-vlaanderen": (
        "Regio Oost-Vlaanderen",
        3,
        "Voor de casemanagers zorg uit Oost-Vlaanderen: regionaal overleg, adressen en "
        "afspraken met lokale partners. Alleen leden van de regiogroep zien deze ruimte.",
        True,
        False,
    ),
    "mededelingen": (
        "Mededelingen van SAM",
        4,
        "Nieuws van SAM: nieuwe kennisproducten, leeractiviteiten en de beleidsdialoog. "
        "Je kunt reageren op elke mededeling.",
        False,
        True,
    ),
}

LEEN = "leen.dewaele"
JORIS = "joris.vandenbroeck"
SAMIRA = "samira.haddou"
WOUT = "wout.declercq"
GRIET = "griet.vanhaverbeke"
ELIF = "elif.yildiz"
KOBE = "kobe.lambrechts"

TOPICS = (
    # --- Algemeen ------------------------------------------------------------------------
    DemoTopic(
        space="algemeen",
        author="sam",
        title="Welkom op het forum: zo werkt het",
        days_ago=92,
        pinned=True,
        body="""Welkom op het forum voor casemanagers zorg! Hier stel je vragen aan collega's uit
            heel Vlaanderen en Brussel, deel je wat werkt en zoek je samen uit hoe een regel in
            de praktijk uitpakt. SAM leest mee en modereert.

            **De huisregels**

            1. **Schrijf nooit iets waarmee iemand een deelnemer kan herkennen.** Geen namen,
               geen adressen, geen geboortedata en zeker geen rijksregisternummer: het forum
               weigert een bericht met een rijksregisternummer en waarschuwt bij
               e-mailadressen, telefoonnummers en namen. Beschrijf de situatie ("een man van in
               de veertig met een ziekte-uitkering"), niet de persoon.
            2. **Wees vriendelijk en collegiaal.** Iedereen werkt in een andere context en met
               andere middelen. Een vraag is nooit dom.
            3. **Zoek eerst.** Misschien is je vraag al beantwoord, hier of in de
               [kennisbank](/kennisbank/). De zoekfunctie doorzoekt beide.
            4. **Eén onderwerp per vraag**, met een titel die zegt waarover het gaat.
            5. **Duid de oplossing aan.** Heeft een antwoord in *Vraag en antwoord* je
               geholpen? Markeer het als oplossing, dan vindt de volgende collega het sneller.

            **Handig om te weten**

            - Typ `@` en een gebruikersnaam om een collega erbij te roepen. Die krijgt een
              melding.
            - Citeer een stukje van een eerder bericht door de regel met `>` te beginnen, zo
              blijft een lange draad leesbaar.
            - *Regio Oost-Vlaanderen* is een gesloten ruimte: alleen de leden van die regiogroep
              zien ze.
            - Loop je vast op een regel of procedure die een traject blokkeert? Meld het ook als
              [praktijkknelpunt](/knelpunten/), dan neemt SAM het mee naar de beleidsdialoog.

            Vragen over het forum zelf? Stel ze gerust hieronder.""",
        replies=(
            R(
                "lid",
                5,
                """Fijn dat dit er is! Tot nu toe belde ik rond naar collega's als ik vastzat. Nu
                kan het hier, en kan iedereen meelezen.""",
            ),
            R(
                LEEN,
                26,
                """Goede huisregels. Een tip voor wie twijfelt: schrijf je bericht alsof de
                deelnemer over je schouder meekijkt. Voel je je daar niet ongemakkelijk bij,
                dan zit je meestal goed.""",
            ),
            R(
                KOBE,
                50,
                """Kunnen we ook begeleiders van een maatwerkbedrijf of arbeidszorgcentrum
                uitnodigen? Veel van onze begeleiders zijn geen casemanager, maar ze hebben wel
                dezelfde vragen.""",
            ),
            R(
                "sam",
                4,
                """Goede vraag. Het platform is in de eerste plaats voor casemanagers zorg, maar
                wie in een werk-zorgtraject meewerkt, kan zich registreren met het werkadres. We
                keuren elke registratie met de hand goed. Vermeld kort je rol, dan gaat het
                sneller.""",
                quote=(
                    4,
                    "Kunnen we ook begeleiders van een maatwerkbedrijf of arbeidszorgcentrum "
                    "uitnodigen?",
                ),
            ),
        ),
    ),
    DemoTopic(
        space="algemeen",
        author=LEEN,
        title="Even voorstellen: wie is wie op het forum?",
        days_ago=90,
        body="""Het forum is nog nieuw, dus laat ons beginnen met een rondje voorstellen. Ik ben
            Leen, casemanager zorg bij het CAW in de regio Aalst. Ik begeleid vooral mensen die
            uit een periode van dak- of thuisloosheid komen en stappen naar werk willen zetten.
            Mijn stokpaardje: eerst een stabiele woonsituatie, maar het werk wel al mee plannen.

            Wie ben jij, waar werk je en waar lig je soms wakker van?""",
        replies=(
            R(
                "lid",
                3,
                """Ik ben Lotte, casemanager zorg bij het Sociaal Huis in Zottegem. Veel van mijn
                deelnemers hebben een leefloon en zitten in een traject richting TWE. Waar ik
                wakker van lig: de wachttijden in de GGZ, en deelnemers die in de zomer plots
                uit beeld verdwijnen.""",
            ),
            R(
                JORIS,
                5,
                """Joris hier, sociaal huis Lokeren. Ik doe het casemanagement zorg sinds twee
                jaar naast mijn werk als maatschappelijk werker. Dus: altijd te weinig tijd,
                maar wel korte lijnen met de leefloondienst. Blij met de regiogroep
                Oost-Vlaanderen trouwens!""",
            ),
            R(
                SAMIRA,
                20,
                """Samira, CGG Vlaams-Brabant Oost. Ik kom uit de ambulante GGZ en ben sinds
                vorig jaar casemanager zorg. Ik leer elke week bij over uitkeringen en statuten,
                daar kregen we in de opleiding weinig over. Een vraag over doorverwijzen naar
                de GGZ? Roep me erbij.""",
            ),
            R(
                WOUT,
                7,
                """Wout, ik werk bij GTB in West-Vlaanderen en zit dus eerder aan de 'werkkant'.
                Ik lees mee omdat ik veel samenwerk met casemanagers zorg en hun vragen beter
                wil begrijpen. Specialiteit: jobcoaching en werkplekaanpassingen.""",
            ),
            R(
                ELIF,
                18,
                """Elif, OCMW Genk. Ik begeleid vooral jongeren tussen 18 en 25 met een
                leefloon, vaak zonder diploma en met een zware rugzak. Mijn grootste uitdaging:
                mobiliteit. Zonder rijbewijs geraak je in Limburg moeilijk op een werkplek.""",
            ),
            R(
                GRIET,
                26,
                """Griet, maatschappelijk werker bij de dienst maatschappelijk werk van een
                ziekenfonds in de regio Roeselare. Ik zit vaak tussen de deelnemer en de
                adviserend arts in. Vragen over arbeidsongeschiktheid, toegelaten arbeid of
                progressieve tewerkstelling? Stel ze gerust.""",
            ),
            R(
                "lid2",
                6,
                """Youssef, CGG De Kempen. Ik begeleid mensen in een werk-zorgtraject en in een
                welzijnstraject. Ik hoop hier vooral te leren hoe andere regio's de
                samenwerking met VDAB organiseren, want dat verschilt echt per team.""",
            ),
            R(
                KOBE,
                30,
                """Kobe, coördinator van een arbeidszorgcentrum in Mechelen. Wij zijn de
                werkvloer waar veel van jullie deelnemers terechtkomen. Ik ben benieuwd welke
                info jullie van ons verwachten bij de opstart en tijdens een traject.""",
            ),
            R(
                LEEN,
                4,
                """@kobe.lambrechts voor mij vooral: hoe gaat het met de aanwezigheid, en zie je
                signalen van overbelasting? Liefst een kort telefoontje in plaats van een
                verslag achteraf. We gebruiken daarvoor soms de
                [signalenlijst overbelasting](/kennisbank/tool-signalenlijst-overbelasting/).""",
                quote=(
                    9,
                    "Ik ben benieuwd welke info jullie van ons verwachten bij de opstart en "
                    "tijdens een traject.",
                ),
            ),
            R(
                "beleid",
                48,
                """Katrien, beleidsmedewerker bij het Departement Werk en Sociale Economie. Ik
                lees mee om te horen waar de regelgeving in de praktijk knelt. Op individuele
                situaties ga ik niet in, maar signalen die hier terugkomen, neem ik graag mee.
                Meld ze ook via de knelpuntenpagina, dan zijn ze gebundeld.""",
            ),
            R(
                "lid",
                10,
                """Fijn om te horen! Dan alvast één signaal: de combinatie van een leefloon en
                een deeltijdse job is voor veel deelnemers zo ingewikkeld dat ze er liever niet
                aan beginnen.""",
                quote=(11, "signalen die hier terugkomen, neem ik graag mee"),
            ),
            R(
                JORIS,
                3,
                """@lid, daar sluit ik me bij aan. Ik maak er deze week een knelpuntmelding van,
                met een paar situaties uit Lokeren (zonder namen uiteraard).""",
            ),
            R(
                "sam",
                22,
                """Welkom allemaal, wat een mooi rijtje! Ik ben Pieter van SAM. Ik modereer het
                forum samen met mijn collega's en zorg dat vragen die vaak terugkomen hun weg
                vinden naar de kennisbank. Ziet iets er niet goed uit of werkt er iets niet?
                Laat het weten in deze draad.""",
            ),
            R(
                SAMIRA,
                70,
                """Nog een late aanvulling: op dinsdag en donderdag werk ik niet. Antwoord ik
                niet meteen, dan is dat de reden 🙂""",
            ),
            R(
                ELIF,
                100,
                """Ik heb net twee collega's van het OCMW gevraagd om zich te registreren. Hoe
                meer regio's, hoe beter de antwoorden.""",
            ),
            R(
                LEEN,
                30,
                """Top! Deze draad blijft open: nieuwe leden mogen zich hier altijd
                voorstellen.""",
            ),
        ),
    ),
    DemoTopic(
        space="algemeen",
        author=JORIS,
        title="Hoe houden jullie het vol? Over caseload en werkdruk",
        days_ago=60,
        body="""Eerlijke vraag aan collega's. Ik heb momenteel 34 lopende werk-zorgtrajecten,
            naast mijn gewone dossiers. Bij elke crisis (een uithuiszetting, een opname, een
            deelnemer die plots stopt) schuift al de rest op. Hoeveel trajecten volgen jullie
            gemiddeld, en wat helpt jullie om het vol te houden?""",
        replies=(
            R(
                LEEN,
                4,
                """Bij ons ligt de richtlijn rond 25, maar in de praktijk zit iedereen erboven.
                Wat mij helpt: één voormiddag per week zonder afspraken, alleen voor
                administratie en telefoontjes. Die blokkeer ik in mijn agenda alsof het een
                afspraak is.""",
            ),
            R(
                SAMIRA,
                6,
                """Wij werken met een verdeling in 'actief' en 'waakvlam'. Een traject op
                waakvlam krijgt één contact per maand, en dat spreken we uitdrukkelijk af met de
                deelnemer en de casemanager werk. Dat geeft rust, en deelnemers vinden het vaak
                ook prima.""",
            ),
            R(
                JORIS,
                2,
                """Sterke aanpak. Hoe reageert VDAB daarop? Bij ons verwacht de casemanager werk
                minstens om de twee weken een update.""",
                quote=(3, "Wij werken met een verdeling in 'actief' en 'waakvlam'."),
            ),
            R(
                SAMIRA,
                20,
                """In het begin moesten we het uitleggen, maar als je het in het trajectplan
                zet met een datum om opnieuw te evalueren, gaat dat goed. In het
                [sjabloon trajectplan](/kennisbank/sjabloon-trajectplan/) is er plaats voor
                afspraken over wie wat doet; daar zetten wij het bij.""",
            ),
            R(
                "lid2",
                30,
                """Wat mij helpt, is intervisie. Eén keer per maand met drie collega's van
                andere teams een vastgelopen traject bespreken. Je gaat er niet buiten met
                minder werk, wel met minder gepieker.""",
            ),
            R(
                "lid",
                9,
                """Herkenbaar, @joris.vandenbroeck! Ik heb ook geleerd om bij de start beter te
                kijken of een werk-zorgtraject wel past. Soms is een welzijnstraject eerlijker,
                en dan heb je geen traject dat op papier loopt maar in werkelijkheid stilligt.""",
            ),
            R(
                KOBE,
                50,
                """Vanuit de werkvloer: we merken het als casemanagers overbelast zijn.
                Evaluaties schuiven op en deelnemers hangen dan in de lucht. Misschien iets om
                als knelpunt te melden? De caseload is een beleidskeuze, geen persoonlijk
                falen.""",
            ),
            R(
                "sam",
                24,
                """Helemaal mee eens. We verzamelen signalen over caseload voor de volgende
                beleidsdialoog. Wie cijfers heeft (aantal trajecten per voltijdse collega,
                gemiddelde duur), mag ze via de [knelpuntenpagina](/knelpunten/) bezorgen.""",
                quote=(8, "De caseload is een beleidskeuze, geen persoonlijk falen."),
            ),
            R(
                JORIS,
                5,
                """Bedankt allemaal. Ik probeer de aanpak met 'waakvlam' vanaf volgende maand
                en bezorg SAM onze cijfers.""",
            ),
        ),
    ),
    DemoTopic(
        space="algemeen",
        author=SAMIRA,
        title="Tips voor een goede overdracht als je een tijd afwezig bent",
        days_ago=35,
        body="""Binnenkort ga ik vier maanden met ouderschapsverlof. Een collega neemt mijn
            trajecten over, maar ik wil vermijden dat deelnemers het gevoel krijgen dat ze
            opnieuw moeten beginnen. Hoe pakken jullie een overdracht aan?""",
        replies=(
            R(
                LEEN,
                5,
                """Wat bij ons goed werkt:

                - een **warme overdracht**: een gezamenlijk gesprek met de deelnemer, jij en je
                  collega;
                - per traject één A4 met het doel, de afspraken, wie de casemanager werk is en
                  wat er de komende weken gepland staat;
                - de deelnemer zelf laten vertellen wat voor hem of haar belangrijk is.

                En vraag uitdrukkelijk toestemming om informatie door te geven, ook binnen je
                eigen organisatie.""",
            ),
            R(
                ELIF,
                24,
                """Laat je collega ook kennismaken met de casemanager werk. Die wissel wordt
                vaak vergeten, en dan loopt de communicatie met VDAB een paar weken mis.""",
            ),
            R(
                SAMIRA,
                30,
                """Dat ga ik doen, merci! Ik plan de gesprekken in de laatste twee weken voor
                mijn verlof.""",
                quote=(
                    2,
                    "een **warme overdracht**: een gezamenlijk gesprek met de deelnemer, jij en je "
                    "collega;",
                ),
            ),
            R("lid", 60, """Veel succes, en geniet van het verlof!"""),
        ),
    ),
    DemoTopic(
        space="algemeen",
        author=KOBE,
        title="Studiedag werk en zorg: wie gaat er mee?",
        days_ago=12,
        lid_read=None,
        body="""De [studiedag werk en zorg](/leeractiviteiten/studiedag-werk-en-zorg/) komt
            eraan. Ik ga met twee collega's van onze werkvloer. Zin om over de middag samen te
            zitten en ervaringen uit te wisselen? Laat hieronder iets weten.""",
        replies=(
            R(WOUT, 6, """Ik ben erbij! Hou een plaatsje vrij aan tafel."""),
            R(
                "lid2",
                28,
                """Ik twijfel nog, het hangt af van een opvolgingsgesprek die dag. Ik laat het
                tegen vrijdag weten.""",
            ),
        ),
    ),
    DemoTopic(
        space="algemeen",
        author=GRIET,
        title="Podcast Sterk Werk: artikel 60, springplank of draaideur?",
        days_ago=20,
        lid_read=4,
        body="""In de auto beluisterde ik de aflevering
            [Artikel 60: springplank of
            draaideur?](/podcast/sterk-werk/artikel-60-springplank-of-draaideur/)
            van **Sterk Werk**. Wat me bijbleef: het probleem is niet alleen dat mensen
            'nog niet klaar' zijn voor werk, maar dat er te weinig jobs zijn die passen bij wat
            ze kunnen. Herkennen jullie dat?""",
        replies=(
            R(
                KOBE,
                5,
                """Heel herkenbaar. Wij hebben mensen die na twee jaar arbeidszorg perfect een
                halve dag kunnen werken. Maar een job van 19 uur met vaste uren en een rustige
                inwerkperiode? Die bestaat amper.""",
            ),
            R(
                ELIF,
                20,
                """Ja. En als er al een job is, ligt die op een industrieterrein zonder bus. Zie
                ook mijn vraag over vervoer in *Vraag en antwoord*.""",
            ),
            R(
                "lid",
                8,
                """Dat verandert ook het gesprek met deelnemers. Ik zeg vaker: 'het ligt niet
                aan jou, we zoeken samen een plek die bij je past.' Dat geeft opluchting.""",
                quote=(1, "te weinig jobs zijn die passen bij wat ze kunnen"),
            ),
            R(
                "beleid",
                40,
                """Interessant om te lezen. Jobcreatie op maat staat op de agenda van het
                overleg over sociale economie. Het
                [onderzoek over jobkansarmoede](/kennisbank/onderzoek-jobkansarmoede/) geeft
                de achtergrond. Concrete voorbeelden van jobs die ontbreken, zijn voor ons heel
                bruikbaar.""",
            ),
            R(
                GRIET,
                30,
                """@beleid, ik verzamel er een paar uit onze regio en meld ze via de
                knelpuntenpagina.""",
            ),
        ),
    ),
    # --- Vraag en antwoord ---------------------------------------------------------------
    DemoTopic(
        space="vraag-en-antwoord",
        author="lid",
        title="Leefloon combineren met een TWE-contract: hoe zit het precies?",
        days_ago=80,
        solution=2,
        body="""Een deelnemer krijgt een leefloon en kan via het OCMW starten met Tijdelijke
            Werkervaring (het vroegere art. 60). Hij is bang dat hij er financieel op
            achteruitgaat en dat hij na het contract 'niets meer' heeft. Wat klopt daarvan?

            - Valt het leefloon meteen weg bij de start?
            - Wat met de vrijstelling voor socio-professionele integratie?
            - Heeft hij na afloop recht op een werkloosheidsuitkering?

            Ik vind veel losse stukjes info, maar geen helder overzicht.""",
        replies=(
            R(
                JORIS,
                3,
                """Goede vragen, ik werk er dagelijks mee. Kort:

                1. **Leefloon**: met een TWE-contract bij het OCMW krijgt hij een loon, en dat
                   vervangt het leefloon. De eerste maand kan krap zijn, omdat het loon pas na
                   de maand betaald wordt. Vraag je leefloondienst om dat gat te overbruggen
                   met een voorschot of aanvullende steun.
                2. **Vrijstelling**: die speelt als iemand naast een (aanvullend) leefloon
                   gaat werken, bijvoorbeeld deeltijds. Bij een voltijds TWE-contract is ze
                   meestal niet aan de orde.
                3. **Na het contract**: het doel van TWE is werkervaring en doorstroom. Of hij
                   daarna een werkloosheidsuitkering krijgt, hangt af van de regels van de RVA
                   op dat moment, en die veranderen. Laat het nakijken door de
                   uitbetalingsinstelling voor hij tekent.

                De [factsheet over tijdelijke
                werkervaring](/kennisbank/factsheet-tijdelijke-werkervaring/)
                zet de stappen op een rij.""",
            ),
            R(
                "lid",
                2,
                """Dat eerste punt wist ik niet, en dat is precies waar hij schrik van heeft:
                een maand zonder geld. Ik vraag het na bij onze leefloondienst.""",
                quote=(
                    2,
                    "De eerste maand kan krap zijn, omdat het loon pas na de maand betaald wordt.",
                ),
            ),
            R(
                ELIF,
                20,
                """In Genk maken we daarvoor een budgetplan samen met de deelnemer: wat komt er
                binnen, wat gaat eruit, en wat verandert er bij de start. Vaak gaat hij er netto
                op vooruit, maar reken de **verplaatsingskosten** en eventueel de kinderopvang
                mee.""",
            ),
            R(
                GRIET,
                8,
                """Vergeet de sociale voordelen niet: sommige hangen aan het statuut of aan het
                inkomen (de verhoogde tegemoetkoming bij het ziekenfonds, het sociaal tarief
                voor energie, kortingen van de gemeente). Laat de deelnemer dat vooraf checken,
                dan is er achteraf geen verrassing.""",
            ),
            R(
                "lid2",
                30,
                """Tip: de [factsheet leefloon en werken](/kennisbank/factsheet-leefloon-en-werken/)
                heeft een rekenvoorbeeld dat je samen met de deelnemer kunt overlopen.""",
            ),
            R(
                "lid",
                48,
                """Update: we hebben met de leefloondienst een overzicht gemaakt. De deelnemer
                gaat er ongeveer 250 euro per maand op vooruit, ook na de verplaatsingskosten.
                Hij start volgende maand. Bedankt iedereen, ik duid het antwoord van
                @joris.vandenbroeck aan als oplossing.""",
            ),
            R(JORIS, 5, """Super, veel succes gewenst aan hem!"""),
            R(
                "sam",
                70,
                """Mooie draad. We nemen de overbrugging van de eerste maand mee in de volgende
                versie van de factsheet.""",
            ),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author=SAMIRA,
        title="Adviserend arts weigert progressieve tewerkstelling: wat nu?",
        days_ago=70,
        solution=2,
        body="""Een deelnemer met een ziekte-uitkering (psychische problemen, al twee jaar
            arbeidsongeschikt) heeft een werkplek gevonden voor twee halve dagen per week. Het
            plan was progressieve tewerkstelling, maar de adviserend arts van het ziekenfonds
            weigert de toelating, met als motivering 'nog niet stabiel genoeg'. De deelnemer is
            ontgoocheld en wil nu 'gewoon stoppen met alles'.

            Heeft iemand ervaring met een nieuwe aanvraag of bezwaar? En hoe hou je de
            deelnemer intussen aan boord?""",
        replies=(
            R(
                GRIET,
                4,
                """Ik zie dit vaker. Wat helpt:

                1. **Vraag wat er achter de motivering zit.** Wat bedoelt de adviserend arts met
                   'niet stabiel'? Soms gaat het om iets concreets: medicatie die nog aangepast
                   wordt, een recente opname.
                2. **Vraag een gesprek aan** met de adviserend arts, samen met de deelnemer. Je
                   mag als begeleider mee als de deelnemer dat wil.
                3. **Laat de behandelende arts of psychiater een verslag schrijven** dat
                   uitlegt waarom dit werk net helpt bij het herstel, met een concreet en
                   beperkt uurrooster.
                4. **Dien een nieuwe aanvraag in** met dat verslag. Dat gaat meestal sneller dan
                   een beroep bij de arbeidsrechtbank.

                Meer uitleg in
                [toegelaten arbeid tijdens een
                ziekte-uitkering](/kennisbank/regelgeving-ziekte-uitkering-en-werk/).""",
            ),
            R(
                SAMIRA,
                3,
                """Dat verslag hebben we niet meegestuurd. De werkgever en de deelnemer vulden
                de aanvraag in, zonder medische onderbouwing. Ik vermoed dat daar het probleem
                zit.""",
                quote=(2, "Laat de behandelende arts of psychiater een verslag schrijven"),
            ),
            R(
                "lid2",
                20,
                """Herkenbaar. Wij vragen de psychiater standaard om een korte brief bij elke
                aanvraag. Twee zinnen volstaan soms: dat de activiteit past in het
                behandelplan en dat het uurrooster haalbaar is.""",
            ),
            R(
                WOUT,
                10,
                """Vanuit GTB: soms helpt het om eerst te starten met een onbetaalde stage of
                arbeidszorg (met toelating) en pas daarna de stap naar betaald werk te zetten.
                Dan ziet de adviserend arts al hoe het loopt.""",
            ),
            R(
                GRIET,
                6,
                """Klopt, maar let op: ook voor vrijwilligerswerk of arbeidszorg is een melding
                of toelating nodig. Doe dat altijd vooraf, anders riskeert de deelnemer een
                terugvordering.""",
                quote=(5, "eerst te starten met een onbetaalde stage of arbeidszorg"),
            ),
            R(
                SAMIRA,
                28,
                """En hoe hou ik de deelnemer intussen gemotiveerd? Hij ervaart het als een
                afwijzing van zichzelf.""",
            ),
            R(
                LEEN,
                5,
                """Wat bij mij werkt: het uitleggen als uitstel, niet als een nee. En een kleine
                tussenstap plannen die wel kan, zoals een bezoek aan de werkplek of een
                kennismaking met de collega's daar. Zo blijft de deur open.""",
            ),
            R(
                KOBE,
                22,
                """Was de werkplek bij ons, dan hielden we de plek gerust een paar weken vrij
                zolang er een nieuwe aanvraag loopt. Vraag het gewoon aan de werkvloer.""",
            ),
            R(
                SAMIRA,
                72,
                """Update: de psychiater schreef een verslag en we hadden een goed gesprek met
                de adviserend arts. De nieuwe aanvraag is ingediend. @griet.vanhaverbeke, jouw
                stappenplan was goud waard.""",
            ),
            R(GRIET, 3, """Blij dat het vooruitgaat! Laat gerust weten hoe het afloopt."""),
            R(
                SAMIRA,
                240,
                """De toelating is er: twee halve dagen per week, met een evaluatie na drie
                maanden. De deelnemer is begonnen en het gaat goed. Ik duid het antwoord van
                Griet aan als oplossing.""",
            ),
            R(
                "sam",
                20,
                """Dank om dit te delen. Aanvragen zonder medische onderbouwing komen vaker
                voor; we bekijken of we een voorbeeldbrief voor behandelaars kunnen maken.""",
            ),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author="lid2",
        title="Wachtlijsten in de GGZ: hoe overbrug je de maanden tot een eerste gesprek?",
        days_ago=65,
        solution=2,
        lid_read=13,
        body="""In onze regio is de wachttijd voor een eerste gesprek bij het CGG soms zes
            maanden, en voor een psychiater nog langer. Intussen loopt het werk-zorgtraject en
            zie ik deelnemers achteruitgaan. Hoe overbruggen jullie die periode? Wat kan een
            casemanager zorg zelf doen, en wat beter niet?""",
        replies=(
            R(
                SAMIRA,
                3,
                """Als iemand die aan de andere kant van de wachtlijst zit: ik snap de
                frustratie. Een paar opties die vaak vergeten worden:

                - **Eerstelijnspsychologische zorg** via het netwerk geestelijke gezondheid:
                  kortere wachttijden en een laag remgeld.
                - **De huisarts** als spil: die kan medicatie opvolgen en doorverwijzen.
                - **Herstelgroepen en lotgenotencontact**, bijvoorbeeld via een herstelacademie.
                - **Crisisopvang** als het echt misloopt.

                Vraag bij de aanmelding ook of je kunt aangeven dat het dringend is. Schrijf kort
                op wat er speelt en wat er in het traject op het spel staat. De
                [handleiding doorverwijzen naar de GGZ](/kennisbank/handleiding-doorverwijzen-ggz/)
                geeft een goed overzicht.""",
            ),
            R(
                "lid2",
                2,
                """Die ken ik, maar ik wist niet dat de wachttijden daar korter zijn. Hoe meld je
                iemand aan?""",
                quote=(
                    2,
                    "**Eerstelijnspsychologische zorg** via het netwerk geestelijke gezondheid: "
                    "kortere wachttijden en een laag remgeld.",
                ),
            ),
            R(
                SAMIRA,
                5,
                """Dat verschilt per netwerk. Op de website van je netwerk geestelijke
                gezondheid staat hoe het werkt. Bij ons kan de deelnemer zelf bellen, of meldt
                de huisarts aan.""",
            ),
            R(
                "lid",
                24,
                """In Zottegem werkt de huisarts heel goed mee. Met toestemming van de
                deelnemer ga ik bij de start van een traject even langs of bel ik. Dan weet de
                huisarts dat er een traject loopt en kan hij of zij mee signaleren.""",
            ),
            R(
                LEEN,
                6,
                """Wat ik in de wachttijd doe: het traject niet stilleggen, wel het tempo
                verlagen. Kleine, haalbare doelen (elke week een wandeling, één keer per week
                koffie drinken op de werkplek), zodat de deelnemer niet het gevoel heeft dat
                alles stilstaat.""",
            ),
            R(
                ELIF,
                30,
                """Let op dat je als casemanager zorg niet de therapeut wordt. Ik ben daar zelf
                ingetuind: wekelijkse gesprekken die eigenlijk therapie waren. Dat is niet goed
                voor de deelnemer, en ook niet voor mij.""",
            ),
            R(
                SAMIRA,
                4,
                """Heel belangrijk punt. Je mag steunen, structureren en signaleren, maar de
                behandeling laat je bij de behandelaar. Twijfel je, bespreek het dan in
                intervisie.""",
                quote=(7, "Let op dat je als casemanager zorg niet de therapeut wordt."),
            ),
            R(
                GRIET,
                20,
                """Vanuit het ziekenfonds: is de deelnemer arbeidsongeschikt, dan kan hij ook
                terecht bij de terug-naar-werkcoördinator van het ziekenfonds. Dat vervangt geen
                behandeling, maar het geeft structuur, en het ziekenfonds weet dan dat er iets
                loopt.""",
            ),
            R(
                "lid2",
                48,
                """Bedankt, dit is al heel wat. Ik stel de eerstelijnspsycholoog voor aan twee
                deelnemers die nu op de wachtlijst staan.""",
            ),
            R(
                JORIS,
                60,
                """Een aanvulling vanuit het OCMW: sommige OCMW's betalen het remgeld voor
                psychologische zorg terug voor mensen met een leefloon. Vraag het na bij je
                sociaal huis, voor sommigen maakt het echt het verschil.""",
            ),
            R(
                "lid2",
                10,
                """Dat wist ik niet, @joris.vandenbroeck! Ik vraag het na bij ons OCMW.""",
                quote=(
                    11,
                    "sommige OCMW's betalen het remgeld voor psychologische zorg terug voor mensen "
                    "met een leefloon.",
                ),
            ),
            R(
                KOBE,
                72,
                """Vanuit de werkvloer: deelnemers op een wachtlijst doen het vaak beter als ze
                toch een paar halve dagen per week bij ons kunnen komen. Structuur en collega's
                helpen, ook als de behandeling nog niet gestart is.""",
            ),
            R(
                SAMIRA,
                20,
                """Eens, zolang het haalbaar blijft. Arbeidszorg kan een heel goede
                overbrugging zijn.""",
            ),
            R(
                "lid2",
                150,
                """Update: een deelnemer is gestart bij een eerstelijnspsycholoog, na drie weken
                wachten in plaats van zes maanden. Ik duid het antwoord van Samira aan als
                oplossing.""",
            ),
            R(
                "sam",
                30,
                """Bedankt voor deze rijke draad. De wachtlijsten in de GGZ staan op de lijst
                voor de beleidsdialoog. Heb je concrete wachttijden, meld ze dan als
                knelpunt.""",
            ),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author=ELIF,
        title="Vervoer naar de werkvloer als er geen bus rijdt",
        days_ago=55,
        solution=2,
        body="""Een jonge deelnemer kan starten bij een maatwerkbedrijf op een industrieterrein,
            12 km van zijn woning. Geen rijbewijs, geen auto, en de eerste bus komt pas om 9
            uur aan, terwijl de shift om 7 uur begint. Fietsen lukt niet door zijn gezondheid.
            Wie vond al een oplossing voor zoiets?""",
        replies=(
            R(
                WOUT,
                3,
                """Een paar pistes die bij ons al werkten:

                - **Carpoolen**: vraag het maatwerkbedrijf of er collega's uit dezelfde buurt
                  komen.
                - **Vervoer op maat**: kijk wat je gemeente of vervoerregio aanbiedt; sommige
                  gemeenten hebben een vervoerdienst voor wie moeilijk ergens geraakt.
                - **Een aangepast uurrooster** in de eerste maanden (later beginnen), tot er
                  een vaste oplossing is.
                - **Een elektrische fiets** via een project voor werkzoekenden, als de
                  gezondheid het toelaat.

                Meer in de factsheet
                [geraken tot op het werk](/kennisbank/factsheet-mobiliteit-naar-werk/).""",
            ),
            R(
                ELIF,
                4,
                """Carpoolen had ik nog niet gevraagd. De vervoerdienst van de gemeente is er
                in principe voor mensen die minder mobiel zijn; ik check of hij daaronder
                valt.""",
            ),
            R(
                KOBE,
                20,
                """Wij zijn zelf een sociale-economiebedrijf met een busje dat een paar vaste
                haltes doet. Vraag het zeker na: het staat niet altijd in de vacature.""",
            ),
            R(
                WOUT,
                5,
                """Inderdaad. En omgekeerd: sommige werkgevers passen het uurrooster aan als je
                het goed uitlegt. Een jobcoach kan dat gesprek mee voeren.""",
                quote=(4, "het staat niet altijd in de vacature"),
            ),
            R(
                ELIF,
                50,
                """Update: het maatwerkbedrijf had een carpool met twee collega's uit dezelfde
                gemeente. Hij rijdt mee tegen een kleine vergoeding. Opgelost! Bedankt
                @wout.declercq en @kobe.lambrechts""",
            ),
            R(
                "beleid",
                30,
                """Zulke mobiliteitsproblemen horen we vaak. Voorbeelden van werkplekken die
                niet bereikbaar zijn met het openbaar vervoer, zijn nuttig voor het overleg met
                De Lijn.""",
            ),
            R(ELIF, 6, """Ik verzamel de voorbeelden uit Genk en meld ze als knelpunt."""),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author=WOUT,
        title="Deelnemer komt niet meer opdagen: na hoeveel keer stop je?",
        days_ago=45,
        solution=2,
        body="""Een deelnemer kwam drie afspraken na elkaar niet opdagen, zonder te verwittigen.
            Zijn telefoon neemt hij niet op. De casemanager werk wil het traject afsluiten. Ik
            twijfel: er speelt veel (schulden, psychische problemen), en afsluiten voelt als
            opgeven. Hoe gaan jullie hiermee om? Is er een vuistregel?""",
        replies=(
            R(
                LEEN,
                2,
                """Een vaste vuistregel hebben we niet, wel een stappenplan:

                1. Zoek contact via **een ander kanaal**: een brief, een sms, een huisbezoek
                   (als dat past), of via iemand uit het netwerk waarvoor de deelnemer
                   toestemming gaf.
                2. Kijk of er **iets veranderd** is: een opname, een verhuis, een crisis.
                3. Spreek met de casemanager werk af **hoe lang** je nog zoekt (bijvoorbeeld
                   vier weken) en wat er daarna gebeurt.
                4. Sluit je af, doe het dan met een **brief die de deur openhoudt**: 'je mag
                   altijd terugkomen'.

                Mensen verdwijnen zelden zonder reden. Vaak zit er schaamte achter.""",
            ),
            R(
                WOUT,
                3,
                """Dat gevoel heb ik hier ook. Ik stel voor om vier weken te zoeken voor we
                afsluiten.""",
                quote=(2, "Mensen verdwijnen zelden zonder reden. Vaak zit er schaamte achter."),
            ),
            R(
                "lid",
                20,
                """Ik spreek bij de start van elk traject af wat we doen als iemand onbereikbaar
                wordt: wie mag ik contacteren, en hoe. Dat staat in het trajectplan. Dan hoef je
                achteraf niet te twijfelen of je iemand uit het netwerk mag bellen.""",
            ),
            R(
                ELIF,
                5,
                """Bij jongeren spreek ik vooraf af via welke app ik een bericht mag sturen. Dat
                wordt sneller gelezen dan een brief.""",
            ),
            R(
                SAMIRA,
                24,
                """Denk ook aan een crisis of opname. Is de deelnemer in behandeling bij een CGG
                of psychiater en heb je toestemming om samen te werken, dan kan een kort
                contact veel duidelijk maken.""",
            ),
            R(
                JORIS,
                30,
                """Bij een leefloon heeft het OCMW vaak nog contact, want er moeten
                leefloongesprekken gebeuren. Check het even bij je collega van de
                leefloondienst.""",
            ),
            R(
                WOUT,
                70,
                """Update: na twee weken kwam er een sms. Hij was zijn telefoon kwijt en schaamde
                zich omdat hij een afspraak bij de werkgever gemist had. We zijn herbegonnen met
                een aangepast plan. Ik duid het stappenplan van Leen aan als oplossing.""",
            ),
            R(LEEN, 3, """Wat fijn om te lezen! 🙏"""),
            R(
                KOBE,
                48,
                """Mooi voorbeeld. Op onze werkvloer zeggen we het ook uitdrukkelijk: 'een dag
                gemist is geen ramp, bel gewoon'. Dat helpt meer dan je denkt.""",
            ),
            R("lid2", 100, """Ik bewaar deze draad. Precies de situatie die ik nu heb."""),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author=ELIF,
        title="Een goede vragenlijst voor de intake?",
        days_ago=40,
        solution=2,
        body="""Ik herwerk onze intake voor werk-zorgtrajecten. Nu is het vooral een lijst met
            problemen (schulden, verslaving, gezondheid ...). Ik wil meer vertrekken van wat
            iemand wél kan en wil. Wie heeft een goede vragenlijst of leidraad voor een eerste
            gesprek?""",
        replies=(
            R(
                SAMIRA,
                4,
                """Ik gebruik de
                [methodiek krachtgericht eerste
                gesprek](/kennisbank/methodiek-krachtgericht-eerste-gesprek/)
                als basis. Vragen die ik altijd stel:

                - Wat ging er de voorbije maanden goed, ook al was het klein?
                - Wat wil je over een jaar anders hebben?
                - Wie in je omgeving helpt je nu al?
                - Welk werk heb je ooit graag gedaan, betaald of niet?
                - Wat moet ik zeker weten om je goed te kunnen helpen?

                De moeilijke onderwerpen (schulden, gezondheid) komen daarna vanzelf, maar in een
                ander licht.""",
            ),
            R(
                ELIF,
                3,
                """Die vraag is sterk. Veel jongeren zeggen 'ik heb nog nooit gewerkt', maar ze
                pasten wel al op broers en zussen of hielpen mee in een zaak.""",
                quote=(2, "Welk werk heb je ooit graag gedaan, betaald of niet?"),
            ),
            R(
                "lid",
                20,
                """Ik combineer het met het [sjabloon
                trajectplan](/kennisbank/sjabloon-trajectplan/).
                Na het eerste gesprek vul ik het samen met de deelnemer in. Zo zien ze meteen dat
                hun antwoorden ergens toe leiden.""",
            ),
            R(
                KOBE,
                30,
                """Voeg zeker praktische vragen toe: hoe kom je tot hier, heb je kinderen die
                opvang nodig hebben, hoe vroeg kun je vertrekken? Dat blijkt vaak de echte
                drempel.""",
            ),
            R(
                WOUT,
                10,
                """En speelt er mogelijk een arbeidshandicap, vraag dan of er al een attest of
                erkenning bij VDAB is. Dan weet je of GTB aan de orde is.""",
            ),
            R(
                ELIF,
                50,
                """Dank jullie wel. Mijn nieuwe versie heeft de vragen van @samira.haddou als
                kern en een apart blok 'praktisch', zoals Kobe voorstelt. Ik duid Samira's
                antwoord aan als oplossing.""",
            ),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author="lid",
        title="Informatie delen met VDAB: wat mag met toestemming?",
        days_ago=30,
        solution=3,
        lid_read=9,
        body="""De casemanager werk van VDAB vraagt geregeld naar de diagnose van een
            deelnemer, 'om een passende job te zoeken'. De deelnemer wil dat liever niet. Wat
            mag ik doorgeven, ook als de deelnemer bij de start van het traject een algemene
            toestemming tekende?""",
        replies=(
            R(
                LEEN,
                3,
                """Belangrijk onderscheid: een toestemming bij de start is geen vrijbrief voor
                alles. Geef alleen door wat **nodig** is voor het doel van het traject, en liefst
                **samen met de deelnemer**. Een diagnose is zelden nodig; wat iemand kan en wat
                niet, is meestal genoeg.""",
            ),
            R(
                SAMIRA,
                4,
                """Precies. Ik vertaal een diagnose altijd naar **functionele info**: 'kan niet
                lang in lawaai werken', 'heeft nood aan een vaste structuur', 'moet geregeld
                pauzeren'. Daar heeft de casemanager werk meer aan dan aan een label, en de
                deelnemer houdt de controle.""",
            ),
            R(
                "lid",
                2,
                """Zo kan ik het goed brengen. Doen jullie dat schriftelijk of mondeling?""",
                quote=(3, "Ik vertaal een diagnose altijd naar **functionele info**"),
            ),
            R(
                SAMIRA,
                20,
                """Mondeling, in een driegesprek met de deelnemer erbij, en daarna schriftelijk
                in het trajectplan, nadat de deelnemer het gelezen heeft. Zo staat er nooit iets
                op papier waar hij of zij niet van weet.""",
            ),
            R(
                GRIET,
                24,
                """En let op met medische informatie die je via het ziekenfonds krijgt: die valt
                onder het medisch beroepsgeheim. Die geef je niet zomaar door, ook niet aan
                VDAB.""",
            ),
            R(
                WOUT,
                10,
                """Vanuit de werkkant: wij hebben echt geen diagnose nodig. We willen weten wat
                iemand aankan, en wanneer we aan de alarmbel moeten trekken. Goede afspraken
                daarover zijn belangrijker dan details.""",
            ),
            R(
                "sam",
                30,
                """De [handleiding privacy bij
                casusbesprekingen](/kennisbank/handleiding-privacy-casusbespreking/)
                gaat hierop in: wat je weglaat, wat je verandert en wanneer je toestemming
                vraagt.""",
            ),
            R(
                "lid",
                6,
                """Bedankt! Ik duid het antwoord van @samira.haddou aan als oplossing: functionele
                info in plaats van een diagnose, en altijd samen met de deelnemer.""",
            ),
            R(
                JORIS,
                80,
                """Nog een praktische tip: laat de deelnemer de toestemming per partner
                aanvinken, niet voor 'alle betrokken diensten'. Dan weet hij ook echt waarvoor
                hij tekent.""",
            ),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author=KOBE,
        title="Arbeidsbeperking laten erkennen bij VDAB: arbeidshandicap of MMPPS?",
        days_ago=25,
        solution=2,
        body="""Een deelnemer in arbeidszorg bij ons wil doorstromen naar een maatwerkbedrijf.
            Daarvoor moet VDAB eerst een arbeidsbeperking erkennen, hoorde ik. Wat is het
            verschil tussen een arbeidshandicap en een MMPPS-problematiek? En wie vraagt het
            aan: de deelnemer, de casemanager zorg of de casemanager werk?""",
        replies=(
            R(
                WOUT,
                4,
                """Kort samengevat:

                - **Arbeidshandicap**: een langdurige aandoening (lichamelijk, zintuiglijk,
                  psychisch) waardoor iemand aanpassingen nodig heeft om te werken. Meestal is
                  er een medisch attest of verslag nodig.
                - **MMPPS-problematiek**: medische, mentale, psychische, psychiatrische of
                  sociale problemen die samen zo zwaar wegen dat werken zonder ondersteuning
                  niet lukt. Denk aan schulden, dakloosheid of verslaving, vaak samen met
                  gezondheidsproblemen.

                De **deelnemer** vraagt de erkenning aan; de casemanager werk (of GTB) zet het
                dossier in gang en verzamelt de stukken. Als casemanager zorg kun je een verslag
                bezorgen over wat je ziet. Meer in de
                [factsheet GTB en
                arbeidshandicap](/kennisbank/factsheet-gtb-en-arbeidshandicap/).""",
            ),
            R(KOBE, 3, """Helder, bedankt. Hoe lang duurt zo'n erkenning meestal?"""),
            R(
                WOUT,
                6,
                """Dat varieert. Met volledige stukken enkele weken. Ontbreekt er een medisch
                verslag, dan kan het maanden aanslepen. Vraag dat dus meteen op bij de huisarts
                of behandelaar.""",
            ),
            R(
                "lid2",
                30,
                """Dat is ook mijn ervaring. De deelnemer vraagt het zelf aan de huisarts, met een
                korte brief van mij die uitlegt waarvoor het verslag dient. Dat versnelt het.""",
                quote=(4, "Vraag dat dus meteen op bij de huisarts of behandelaar."),
            ),
            R(
                KOBE,
                50,
                """Het dossier is vertrokken. Ik duid het antwoord van @wout.declercq aan als
                oplossing.""",
            ),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author=LEEN,
        title="Budgetbeheer en werken: hoe leg je uit wat er verandert?",
        days_ago=18,
        body="""Een deelnemer staat onder budgetbeheer bij het OCMW en kan binnenkort deeltijds
            beginnen werken. Hij is bang dat hij 'voor niets' gaat werken, omdat alles naar de
            schuldeisers gaat. Hoe leggen jullie uit wat er met een loon gebeurt in
            budgetbeheer of in een collectieve schuldenregeling?""",
        replies=(
            R(
                JORIS,
                5,
                """Bij budgetbeheer bij het OCMW blijft het loon van de deelnemer, maar het komt
                op de beheerrekening en wordt verdeeld volgens het budgetplan. Maak samen met de
                budgetbeheerder een **nieuw budgetplan** waarin zichtbaar is wat hij extra
                overhoudt als leefgeld. Ook al is het een klein bedrag, het maakt het
                concreet.""",
            ),
            R(
                GRIET,
                20,
                """Bij een collectieve schuldenregeling beslist de schuldbemiddelaar over het
                leefgeld. Vraag om het leefgeld te verhogen met de extra kosten van het werk
                (verplaatsing, werkkledij, maaltijden). Dat lukt vaak als je het goed
                onderbouwt.""",
            ),
            R(
                LEEN,
                6,
                """Dat ga ik doen. Er loopt inderdaad ook een collectieve schuldenregeling, dus
                ik contacteer beide.""",
                quote=(3, "Vraag om het leefgeld te verhogen met de extra kosten van het werk"),
            ),
            R(
                ELIF,
                40,
                """Wij tekenen het soms letterlijk op een blad: twee kolommen, 'nu' en 'als je
                werkt'. Veel deelnemers begrijpen het pas als ze het zien.""",
            ),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author=JORIS,
        title="GTB en casemanager zorg in hetzelfde traject: wie doet wat?",
        days_ago=14,
        solution=2,
        body="""In een traject zitten nu zowel GTB als ik als casemanager zorg. De deelnemer
            krijgt soms twee keer dezelfde vraag en weet niet meer bij wie hij terechtkan. Hoe
            verdelen jullie de rollen?""",
        replies=(
            R(
                WOUT,
                3,
                """Van de GTB-kant: wij focussen op **werk**: de zoektocht naar een job,
                jobcoaching, werkplekaanpassingen, het contact met de werkgever. De casemanager
                zorg bewaakt het **welzijn**: gezondheid, wonen, financiën, netwerk. Overlap is
                normaal, maar spreek af wie het aanspreekpunt is voor de deelnemer. Eén persoon,
                niet twee.""",
            ),
            R(
                "lid",
                20,
                """Wij zetten bij de start een overzicht 'wie doet wat' in het
                [trajectplan](/kennisbank/sjabloon-trajectplan/), en de deelnemer krijgt een
                kopie. Eenvoudig, maar het vermijdt dubbel werk.""",
            ),
            R(
                JORIS,
                4,
                """Dat is bij ons net het probleem: we zijn allebei aanspreekpunt. Ik stel voor
                dat GTB het wordt zolang de zoektocht naar een job loopt.""",
                quote=(2, "Eén persoon, niet twee."),
            ),
            R(
                SAMIRA,
                30,
                """Plan ook een vast driegesprek, bijvoorbeeld maandelijks. Dan hoeft niet alles
                via mails en telefoontjes.""",
            ),
            R(
                WOUT,
                8,
                """De [factsheet GTB en
                arbeidshandicap](/kennisbank/factsheet-gtb-en-arbeidshandicap/)
                legt uit hoe een werk-zorgtraject zich verhoudt tot de begeleiding van GTB.
                Handig om samen te overlopen.""",
            ),
            R(
                JORIS,
                70,
                """We hadden een driegesprek en legden de rollen vast: GTB is het aanspreekpunt
                voor alles rond werk, ik voor de rest. De deelnemer was opgelucht. Oplossing:
                het antwoord van @wout.declercq, met de tip van Samira erbij.""",
            ),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author=GRIET,
        title="IBO na een traject: kan dat met een ziekte-uitkering?",
        days_ago=6,
        lid_read=None,
        body="""Een deelnemer met een ziekte-uitkering heeft een werkgever gevonden die hem via
            een IBO wil opleiden. Mag dat, en wat gebeurt er tijdens de IBO met zijn uitkering?
            Ik vind er weinig over terug.""",
        replies=(
            R(
                WOUT,
                5,
                """Een IBO is een opleiding van VDAB op de werkvloer. Met een ziekte-uitkering
                kan het in principe, maar alleen met **voorafgaande toelating van de
                adviserend arts**, net als bij een andere opleiding. Vraag bij VDAB na of de
                deelnemer ingeschreven moet zijn als werkzoekende.""",
            ),
            R(
                GRIET,
                4,
                """Dank je. Weet iemand of hij tijdens de IBO zijn ziekte-uitkering houdt, of
                krijgt hij dan een IBO-premie?""",
            ),
            R(
                "lid2",
                30,
                """Ik maakte het één keer mee: de deelnemer hield de uitkering tijdens de
                opleiding, maar de regels zijn intussen veranderd. Ik zou het laten bevestigen
                door de adviserend arts én de VDAB-consulent voor hij tekent. @sam, is dit iets
                voor de kennisbank?""",
            ),
        ),
    ),
    DemoTopic(
        space="vraag-en-antwoord",
        author="lid2",
        title="Toelating van de adviserend arts: hoe lang op voorhand aanvragen?",
        days_ago=3,
        lid_read=None,
        body="""Een deelnemer met een ziekte-uitkering wil over vier weken starten met twee
            halve dagen vrijwilligerswerk in een kringwinkel. Hoe lang op voorhand moet hij de
            toelating van de adviserend arts (vroeger: geneesheer-adviseur) aanvragen? En kan
            hij al starten terwijl de aanvraag loopt?""",
        replies=(
            R(
                GRIET,
                6,
                """Vrijwilligerswerk meld je **vooraf** aan de adviserend arts, dus zo snel
                mogelijk. De arts kan het weigeren als het niet verenigbaar is met de
                gezondheid. Voor betaalde toegelaten arbeid gebeurt de aanvraag ook vóór de
                start. Bel even naar het ziekenfonds van de deelnemer: zij zeggen je welk
                formulier je nodig hebt. Starten voor er duidelijkheid is, raad ik af.""",
            ),
        ),
    ),
    # --- Intervisie en methodiek ---------------------------------------------------------
    DemoTopic(
        space="intervisie-en-methodiek",
        author=SAMIRA,
        title="Intervisie in vijf stappen: wie heeft ervaring?",
        days_ago=58,
        body="""In ons team willen we starten met intervisie volgens de
            [methodiek intervisie in vijf
            stappen](/kennisbank/methodiek-intervisie-in-vijf-stappen/).
            Wie werkt er al mee? Wat zijn de valkuilen?""",
        replies=(
            R(
                "lid2",
                4,
                """Wij doen het al een jaar. Grootste valkuil: te snel naar oplossingen gaan. De
                stap van de verhelderende vragen is de belangrijkste, neem daar echt tijd
                voor.""",
            ),
            R(
                LEEN,
                20,
                """Spreek vooraf af dat wat in de intervisie gezegd wordt, binnen de groep
                blijft. En breng een casus in zonder namen of herkenbare details, ook al ken je
                elkaar goed.""",
            ),
            R(
                SAMIRA,
                3,
                """Herkenbaar, in ons teamoverleg doen we niets anders 😅 Hoe bewaken jullie
                dat?""",
                quote=(2, "Grootste valkuil: te snel naar oplossingen gaan."),
            ),
            R(
                "lid2",
                6,
                """Met een vaste gespreksleider die de fases bewaakt. Die rol wisselt elke keer,
                zo leert iedereen het.""",
            ),
            R(
                KOBE,
                40,
                """Wij doen intervisie samen met begeleiders van de werkvloer en casemanagers
                zorg. Dat geeft een heel andere kijk op een casus. Aanrader!""",
            ),
            R(
                ELIF,
                30,
                """Een kleine groep (vier à vijf mensen) werkt bij ons beter dan een heel
                team.""",
            ),
            R(
                SAMIRA,
                80,
                """De eerste sessie zit erop, met vijf collega's. Het werkte! Bedankt voor de
                tips, @lid2, de wisselende gespreksleider houden we erin.""",
            ),
        ),
    ),
    DemoTopic(
        space="intervisie-en-methodiek",
        author=KOBE,
        title="Een ervaringsdeskundige in het team: hoe maak je het meer dan een vinkje?",
        days_ago=33,
        body="""We willen een ervaringsdeskundige in armoede en sociale uitsluiting betrekken bij
            onze intakes en evaluaties. Wie heeft daar ervaring mee? Hoe zorg je dat het meer
            is dan een vinkje?""",
        replies=(
            R(
                LEEN,
                4,
                """Bij ons zit een ervaringsdeskundige in het team. Wat werkt: een **duidelijke
                rol** (waar zit ze bij, waar niet), **verloning en omkadering** zoals voor elke
                collega, en vooral: echt luisteren naar wat ze zegt, ook als het ongemakkelijk
                is.""",
            ),
            R(
                "lid2",
                20,
                """De [leidraad om een ervaringsdeskundige te
                betrekken](/kennisbank/tool-gespreksleidraad-ervaringsdeskundige/)
                helpt om de samenwerking voor te bereiden: rol, vergoeding, ondersteuning.""",
            ),
            R(
                KOBE,
                5,
                """Dat laatste is het moeilijkste, denk ik. Hoe ga je om met kritiek op je eigen
                werking?""",
                quote=(2, "echt luisteren naar wat ze zegt, ook als het ongemakkelijk is."),
            ),
            R(
                LEEN,
                24,
                """Door het te zien als informatie, niet als aanval. Ze zegt vaak dingen die
                deelnemers niet tegen ons durven te zeggen. Dat is net de meerwaarde.""",
            ),
            R(
                "beleid",
                60,
                """Interessant. Ervaringsdeskundigheid komt ook terug in de evaluatie van het
                Werk-Zorgdecreet. Voorbeelden van goede praktijk zijn welkom.""",
            ),
            R(
                KOBE,
                40,
                """Na de zomer start bij ons een ervaringsdeskundige, twee dagen per week. Ik
                laat weten hoe het loopt.""",
            ),
        ),
    ),
    DemoTopic(
        space="intervisie-en-methodiek",
        author=WOUT,
        title="IPS en jobcoaching: wat is het verschil in de praktijk?",
        days_ago=28,
        body="""In onze regio start een IPS-project (Individuele Plaatsing en Steun) voor mensen
            met een psychische kwetsbaarheid. Casemanagers zorg vragen me wat het verschil is
            met de jobcoaching die we nu al doen. Mijn poging:

            - **IPS**: eerst plaatsen, dan trainen. Snel zoeken naar betaald werk in het
              gewone circuit, met ondersteuning zo lang als nodig, nauw samen met de
              behandelaar.
            - **Jobcoaching**: vaak na een voortraject, gericht op een bepaalde job of
              werkplek, meestal in de eerste maanden.

            Kloppen jullie ervaringen daarmee?""",
        replies=(
            R(
                SAMIRA,
                5,
                """Grotendeels. Het grote verschil voor mij: bij IPS zit de jobcoach mee in het
                behandelteam. Bij ons in het CGG schuift de IPS-coach wekelijks aan. Dat maakt
                het zo sterk.""",
            ),
            R(
                "lid2",
                20,
                """En bij IPS is er geen voorwaarde dat iemand 'werkrijp' moet zijn. Wie wil
                werken, mag starten. Dat is voor sommige collega's nog wennen.""",
            ),
            R(
                WOUT,
                4,
                """Precies. En dat botst soms met de logica van andere trajecten, waar eerst een
                stage of screening moet.""",
                quote=(3, "bij IPS is er geen voorwaarde dat iemand 'werkrijp' moet zijn"),
            ),
            R(
                KOBE,
                30,
                """Vanuit de arbeidszorg: sommige mensen willen (nog) geen betaald werk, en dan
                is arbeidszorg een goede plek. IPS is niet voor iedereen. Maar voor wie wil, is
                het sterk.""",
            ),
            R(
                "lid",
                20,
                """Voor wie wil lezen: de
                [methodiek jobcoaching op de
                werkvloer](/kennisbank/methodiek-jobcoaching-op-de-werkvloer/)
                beschrijft hoe je een werkgever en een nieuwe collega samen begeleidt, zodat de
                job niet na enkele weken stopt.""",
            ),
            R(
                LEEN,
                30,
                """Weet iemand of IPS samengaat met een werk-zorgtraject? Of sluiten ze elkaar
                uit?""",
            ),
            R(
                WOUT,
                6,
                """In onze regio kan het: de IPS-coach neemt dan een deel van de rol van de
                casemanager werk op. Spreek het wel goed af met VDAB, zodat de deelnemer niet
                twee keer dezelfde vragen krijgt.""",
            ),
            R(
                SAMIRA,
                50,
                """Handig overzicht, @wout.declercq! Mag ik het gebruiken op onze
                teamvergadering?""",
            ),
        ),
    ),
    DemoTopic(
        space="intervisie-en-methodiek",
        author=ELIF,
        title="Grenzen bewaken als een deelnemer je buiten de werkuren contacteert",
        days_ago=10,
        body="""Een deelnemer heeft het nummer van mijn werkgsm en stuurt 's avonds en in het
            weekend berichtjes. Soms met vragen die echt kunnen wachten, soms met zorgwekkende
            dingen. Hoe gaan jullie daarmee om? Ik wil bereikbaar zijn, maar niet altijd.""",
        replies=(
            R(
                LEEN,
                3,
                """Maak duidelijke afspraken: wanneer ben je bereikbaar, en wat doet de deelnemer
                bij een crisis buiten die uren (de huisarts van wacht, een hulplijn, een
                vertrouwenspersoon)? Schrijf het samen op.""",
            ),
            R(
                SAMIRA,
                5,
                """Zet je werkgsm 's avonds echt uit. Komen er zorgwekkende berichten, dan moet de
                deelnemer weten waar hij dan wél terechtkan. Jij kunt dat niet 24 uur op 24
                dragen.""",
            ),
            R(
                ELIF,
                20,
                """Dat is waar, maar het voelt zo hard. Ik ben bang dat ik het vertrouwen
                beschadig.""",
                quote=(3, "Jij kunt dat niet 24 uur op 24 dragen."),
            ),
            R(
                "lid",
                10,
                """Herkenbaar, @elif.yildiz! Wat mij hielp: het niet brengen als 'ik wil je niet
                meer horen', maar als 'ik wil dat je altijd iemand hebt, ook als ik er niet
                ben'. De meeste deelnemers begrijpen dat.""",
            ),
            R(
                JORIS,
                40,
                """En bespreek het in je team of in intervisie. Je staat er niet alleen
                voor.""",
            ),
        ),
    ),
    # --- Regio Oost-Vlaanderen (closed: lid, Leen, Joris and SAM staff) -----------------
    DemoTopic(
        space="regio-oost-vlaanderen",
        author=LEEN,
        title="Regio-overleg casemanagers Dender: volgende datum",
        days_ago=75,
        body="""Dag Oost-Vlaamse collega's! We spraken af om elke twee maanden samen te zitten
            met de casemanagers zorg uit de Denderstreek. Voorstel: dinsdag de 14de, van 13.30
            tot 15.30 uur, in ons CAW-kantoor in Aalst. Op de agenda tot nu toe:

            1. wachtlijsten in de GGZ in de regio
            2. samenwerking met de nieuwe VDAB-werkwinkel
            3. casus: een traject dat vastloopt op huisvesting

            Wie komt er, en wie heeft nog een agendapunt?""",
        replies=(
            R(
                "lid",
                3,
                """Ik kom! Agendapunt: hoe gaan we om met deelnemers die midden in een traject
                naar een andere gemeente verhuizen?""",
            ),
            R(
                JORIS,
                5,
                """Ik ben er ook, al ligt Lokeren eerder in het Waasland dan aan de Dender 🙂
                Mag ik een collega van de leefloondienst meebrengen?""",
            ),
            R(
                LEEN,
                2,
                """Graag zelfs, @joris.vandenbroeck! Ik zet het punt van Lotte op de
                agenda.""",
                quote=(3, "Mag ik een collega van de leefloondienst meebrengen?"),
            ),
            R(
                "sam",
                24,
                """Ik kan er dit keer niet bij, maar stuur me gerust de knelpunten die jullie
                verzamelen. Het punt over verhuizen tussen gemeenten horen we ook in andere
                regio's.""",
            ),
            R(
                LEEN,
                200,
                """Kort verslag: we waren met zeven. Belangrijkste afspraak: bij een verhuis
                binnen de regio blijft de casemanager zorg tot het einde van het traject, tenzij
                de deelnemer iets anders wil. Volgende keer in Zottegem, @lid zorgt voor de
                koffie 😉""",
            ),
        ),
    ),
    DemoTopic(
        space="regio-oost-vlaanderen",
        author="lid",
        title="Arbeidszorgplek in het Waasland of de Denderstreek met oog voor autisme?",
        days_ago=50,
        body="""Ik zoek een plek voor arbeidszorg of arbeidsmatige activiteiten in het Waasland
            of de Denderstreek voor een jonge vrouw met autisme. Ze werkt graag met planten en
            heeft nood aan een rustige werkplek, vaste taken en een vaste begeleider. Kent
            iemand een goede plek?""",
        replies=(
            R(
                JORIS,
                4,
                """In de buurt van Lokeren is er een zorgboerderij met een tuinatelier. Klein
                team, vaste begeleider, en ze hebben ervaring met autisme. Ik bel je morgen met
                de gegevens.""",
            ),
            R(
                LEEN,
                6,
                """Ook het groenatelier van een maatwerkbedrijf in Aalst is het bekijken waard.
                Daar kan ze starten met arbeidsmatige activiteiten en later misschien
                doorstromen.""",
            ),
            R(
                "lid",
                3,
                """Dat klinkt ideaal. Is er een wachtlijst?""",
                quote=(2, "Klein team, vaste begeleider, en ze hebben ervaring met autisme."),
            ),
            R(
                JORIS,
                20,
                """Een korte, een maand of zo. Ze beginnen altijd met een kennismakingsdag.""",
            ),
            R(
                "sam",
                48,
                """Wil ze later doorstromen, lees dan zeker het
                [praktijkvoorbeeld van arbeidszorg naar een betaalde
                job](/kennisbank/praktijkvoorbeeld-arbeidszorg-naar-betaald-werk/):
                hoe een atelier, de casemanagers en de werkgever die overgang samen
                voorbereidden.""",
            ),
            R(
                "lid",
                120,
                """De kennismakingsdag was een succes. Ze start over drie weken, twee dagen per
                week. Bedankt @joris.vandenbroeck en @leen.dewaele!""",
            ),
        ),
    ),
    DemoTopic(
        space="regio-oost-vlaanderen",
        author=JORIS,
        title="Samenwerking met het sociaal huis bij dak- en thuisloosheid",
        days_ago=22,
        body="""We zien steeds meer deelnemers in een werk-zorgtraject die hun woning dreigen te
            verliezen of al bij vrienden inwonen. Het traject valt dan meestal stil. Hoe werken
            jullie samen met het sociaal huis, het CAW en de woonactoren om dat te
            voorkomen?""",
        replies=(
            R(
                LEEN,
                3,
                """Bij het CAW hebben we woonbegeleiding en een aanbod rond het voorkomen van
                uithuiszettingen. Hoe vroeger we het weten, hoe meer we kunnen doen. Twee
                maanden achterstallige huur is vaak nog op te lossen; na een vonnis wordt het
                veel moeilijker.""",
            ),
            R(
                "lid",
                5,
                """In Zottegem is er een maandelijks woonoverleg met het sociaal huis, het CAW en
                de sociale huisvestingsmaatschappij. Daar kunnen we situaties inbrengen, anoniem
                of met toestemming. Dat werkt heel goed.""",
            ),
            R(
                JORIS,
                4,
                """Zoiets wil ik in Lokeren ook opstarten. Wie zit er bij jullie rond de tafel,
                en wie trekt het?""",
                quote=(
                    3,
                    "een maandelijks woonoverleg met het sociaal huis, het CAW en de sociale "
                    "huisvestingsmaatschappij.",
                ),
            ),
            R(
                "lid",
                20,
                """Het sociaal huis trekt het, meestal iemand van de woondienst. Casemanagers
                zorg schuiven aan als ze een situatie willen inbrengen.""",
            ),
            R(
                LEEN,
                30,
                """En gebruik de handleiding
                [als wonen de eerste drempel is](/kennisbank/handleiding-huisvesting-als-drempel/).
                Die legt goed uit welke stappen je eerst zet en met welke diensten je
                samenwerkt.""",
            ),
            R(
                "sam",
                40,
                """Dit signaal horen we in alle regio's. We bundelen het met de meldingen over
                dak- en thuisloosheid voor de beleidsdialoog. @joris.vandenbroeck, wil je je
                ervaringen ook als knelpunt melden?""",
            ),
            R(JORIS, 10, """Doe ik, deze week nog."""),
            R(
                "lid",
                100,
                """Nog een tip: sommige OCMW's hebben een noodwoning of crisisopvang die je
                tijdelijk kunt inschakelen. Vraag het na, ook als het niet op de website
                staat.""",
            ),
        ),
    ),
    DemoTopic(
        space="regio-oost-vlaanderen",
        author="lid",
        title="Nieuwe contactpersoon voor activeringstrajecten in de werkwinkel van Aalst",
        days_ago=8,
        lid_read=1,
        body="""Voor wie het nog niet wist: de VDAB-werkwinkel in Aalst heeft een nieuwe
            contactpersoon voor de activeringstrajecten. Hij stelt zich voor op ons volgende
            regio-overleg. Heb je vragen voor hem? Verzamel ze hier.""",
        replies=(
            R(
                LEEN,
                5,
                """Goed nieuws! Mijn vraag: hoe snel kan er een casemanager werk toegewezen
                worden na een aanmelding? Nu duurt dat soms zes weken.""",
            ),
            R(
                JORIS,
                30,
                """En of hij ook eens in het sociaal huis langs kan komen, zodat deelnemers hem
                in een vertrouwde omgeving leren kennen.""",
            ),
        ),
    ),
    # --- Mededelingen van SAM (only SAM staff start topics) ------------------------------
    DemoTopic(
        space="mededelingen",
        author="sam",
        title="Infosessies registratie in de activeringstrajecten (afgelopen)",
        days_ago=88,
        locked=True,
        body="""De infosessies over de nieuwe manier van registreren in de activeringstrajecten
            zijn afgelopen. Bedankt aan iedereen die erbij was! Wie de stappen nog eens wil
            nalezen: de [handleiding werk-zorgtraject](/kennisbank/handleiding-werk-zorgtraject/)
            zet alles op een rij, van aanmelding tot afronding.

            Dit onderwerp wordt gesloten. Nog vragen over registratie? Stel ze in **Vraag en
            antwoord**.""",
        replies=(
            R(
                "lid2",
                20,
                """Heel nuttig, vooral het stuk over de overdracht tussen casemanager werk en
                zorg. Dank!""",
            ),
            R(ELIF, 26, """Komt er nog een sessie voor wie er niet bij kon zijn?"""),
            R(
                "sam",
                5,
                """Niet meteen, maar ik stuur de slides graag door naar wie erom vraagt. Ik sluit
                dit onderwerp nu; verdere vragen zijn welkom in *Vraag en antwoord*.""",
                quote=(3, "Komt er nog een sessie voor wie er niet bij kon zijn?"),
            ),
        ),
    ),
    DemoTopic(
        space="mededelingen",
        author="sam",
        title="Nieuw in de kennisbank: factsheet Tijdelijke Werkervaring",
        days_ago=40,
        body="""In de kennisbank staat een nieuwe
            [factsheet over Tijdelijke
            Werkervaring](/kennisbank/factsheet-tijdelijke-werkervaring/).
            Je leest er:

            - wat TWE is en hoe het zich verhoudt tot het vroegere artikel 60;
            - wie in aanmerking komt;
            - wat het betekent voor het inkomen van de deelnemer.

            Dank aan de collega's van de draad over leefloon en TWE op het forum: jullie vragen
            zitten erin verwerkt. Feedback is welkom!""",
        replies=(
            R(
                JORIS,
                6,
                """Mooi werk! Eén opmerking: in sommige gemeenten verloopt de toeleiding via een
                eigen trajectbegeleider van het OCMW, niet via VDAB. Kan dat erbij?""",
            ),
            R(
                "sam",
                20,
                """Goed punt, @joris.vandenbroeck, we passen het aan in de volgende versie.""",
                quote=(
                    2,
                    "in sommige gemeenten verloopt de toeleiding via een eigen trajectbegeleider "
                    "van het OCMW, niet via VDAB.",
                ),
            ),
            R(
                "lid",
                30,
                """Ik gebruikte de factsheet al in een gesprek met een deelnemer. De taal is
                helder, dat helpt.""",
            ),
            R(
                SAMIRA,
                50,
                """Komt er ook zoiets over ziekte-uitkering en werken? Daar krijg ik de meeste
                vragen over.""",
            ),
        ),
    ),
    DemoTopic(
        space="mededelingen",
        author="sam",
        title="Meld je praktijkknelpunten voor de beleidsdialoog van het voorjaar",
        days_ago=15,
        lid_read=5,
        body="""In het voorjaar zitten we samen met de Vlaamse en federale overheden: VDAB, het
            Departement Werk en Sociale Economie, het RIZIV en de POD Maatschappelijke
            Integratie. We brengen daar de knelpunten uit jullie praktijk mee.

            Wat we zoeken:

            - een regel of procedure die een traject blokkeert;
            - hoe vaak je het ziet en in welke regio;
            - **geen** gegevens over deelnemers: beschrijf de situatie, niet de persoon.

            Meld ze via de [knelpuntenpagina](/knelpunten/) voor het einde van de maand.
            Vragen? Stel ze hieronder.""",
        replies=(
            R(
                GRIET,
                4,
                """Ik meld er twee: de lange beslissingstermijn bij aanvragen voor toegelaten
                arbeid, en het gebrek aan informatie voor deelnemers over wat er met hun
                uitkering gebeurt als ze stoppen met werken.""",
            ),
            R(
                ELIF,
                20,
                """Mobiliteit! Werkplekken op industrieterreinen die onbereikbaar zijn voor wie
                geen auto heeft. Ik heb voorbeelden uit Genk verzameld.""",
            ),
            R(
                "lid",
                8,
                """Mag je ook iets melden dat al eerder gemeld is? De wachttijden in de GGZ
                blijven een probleem.""",
            ),
            R(
                "sam",
                3,
                """Zeker, @lid! Hoe vaker iets gemeld wordt en hoe meer regio's, hoe sterker het
                dossier. Verwijs gerust naar een eerdere melding.""",
                quote=(4, "Mag je ook iets melden dat al eerder gemeld is?"),
            ),
            R(
                "beleid",
                48,
                """Vanuit het departement: we kijken uit naar de gebundelde knelpunten. Hoe
                concreter (welke regel, welke termijn, ongeveer hoeveel deelnemers), hoe beter
                we ermee aan de slag kunnen.""",
            ),
            R(
                KOBE,
                30,
                """Ik meld het gebrek aan doorstroomplaatsen van arbeidszorg naar betaald werk in
                de sociale economie. Mensen zijn er klaar voor, maar er is geen plek.""",
            ),
            R(
                "lid2",
                20,
                """Gemeld: een opleiding volgen met een ziekte-uitkering. De regels daarvoor zijn
                voor deelnemers heel onduidelijk.""",
            ),
        ),
    ),
    DemoTopic(
        space="mededelingen",
        author="sam",
        title="Webinar leefloon en werken: inschrijvingen open",
        days_ago=4,
        lid_read=None,
        body="""Veel vragen op het forum gaan over leefloon en werk, denk aan de draad over
            leefloon en TWE. Daarom organiseren we het webinar
            [leefloon en werken zonder verrassingen](/leeractiviteiten/webinar-leefloon-en-werk/).
            Stuur je vragen vooraf via dit onderwerp, dan nemen we ze mee.""",
        replies=(
            R(
                JORIS,
                5,
                """Vraag: hoe overbrug je de eerste maand van een job, als het loon nog niet
                binnen is en het leefloon al stopt?""",
            ),
            R(
                ELIF,
                20,
                """En wat als een jongere met een leefloon nog bij de ouders woont en begint te
                werken: verandert er dan iets voor het gezin?""",
            ),
        ),
    ),
)
