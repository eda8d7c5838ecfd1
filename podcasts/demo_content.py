"""The Sterk Werk demo show: people, episodes and what they say (fictional, in our own words).

Each turn is (speaker key, text, chapter title or None). The demo speaks the text with
eSpeak NG, so the transcript is exactly what is heard.
"""

SHOW_TITLE = "Sterk Werk"
SHOW_DESCRIPTION = (
    "Sterk Werk is de podcast van SAM over duurzaam werk voor mensen met een grote afstand "
    "tot de arbeidsmarkt. Ervaringsdeskundigen, opbouwwerkers, beleidsmakers, onderzoekers en "
    "casemanagers vertellen wat werkt, wat knelt en wat er beter kan. Voor iedereen die "
    "werkzoekenden met medische, psychische of sociale drempels begeleidt naar werk of zorg."
)
INDEX_INTRO = (
    "<p>Luister naar <b>Sterk Werk</b>, de podcast van SAM. Elke aflevering heeft een "
    "volledig transcript en hoofdstukken, zodat je meteen naar het stuk springt dat je nodig "
    "hebt. Of abonneer je in je eigen podcast-app.</p>"
)

# key: (name, role or "" for the host, eSpeak NG voice, about)
PEOPLE = {
    "lotte": ("Lotte Vermeulen", "", "nl+f3", "presentator, SAM"),
    "karim": ("Karim Bouzid", "ervaringsdeskundige", "nl+m3", "werkt als magazijnier"),
    "hanne": ("Hanne Peeters", "casemanager", "nl+f2", "casemanager zorg bij een sociaal huis"),
    "wim": ("Wim Jacobs", "casemanager", "nl+m1", "casemanager werk bij de VDAB"),
    "nadia": ("Nadia El Amrani", "ervaringsdeskundige", "nl+f4", "werkte via artikel 60"),
    "jonas": ("Jonas Willems", "onderzoeker", "nl+m2", "onderzoeker arbeidsmarktbeleid"),
    "bram": ("Bram Goossens", "opbouwwerker", "nl+m4", "opbouwwerker in een stadswijk"),
    "an": ("An Verstraete", "beleidsmaker", "nl+f1", "beleidsmedewerker werk en sociale economie"),
    "evi": ("Evi Martens", "jobcoach", "nl+f5", "jobcoach bij een GTB-partner"),
    "tom": ("Tom Dubois", "werkgever", "nl+m5", "zaakvoerder van een groendienst"),
}
HOST = "lotte"

# number, type, slug, title, months ago, guests, themes, related products, summary, notes, turns
EPISODES = [
    (
        None,
        "trailer",
        "trailer-dit-is-sterk-werk",
        "Trailer: dit is Sterk Werk",
        7,
        [],
        ["werk"],
        [],
        "Waarom SAM een podcast maakt, en wat je de komende maanden te horen krijgt.",
        "<p>Een korte kennismaking met de reeks en met presentator Lotte Vermeulen.</p>",
        [
            ("lotte", "Hallo, ik ben Lotte Vermeulen van SAM. Welkom bij Sterk Werk.", "Welkom"),
            (
                "lotte",
                "In deze podcast praten we over werk voor mensen die het moeilijk hebben op de "
                "arbeidsmarkt. We laten mensen aan het woord die het zelf meemaakten, en mensen "
                "die hen elke dag begeleiden.",
                None,
            ),
            (
                "lotte",
                "Elke maand een nieuwe aflevering, met een volledig transcript. Abonneer je in je "
                "podcast-app en mis niets.",
                "Wat komt er",
            ),
        ],
    ),
    (
        1,
        "full",
        "werken-na-een-burn-out",
        "Werken na een burn-out: het verhaal van Karim",
        6,
        ["karim"],
        ["werk", "zorg", "ervaringsdeskundigheid"],
        ["tool-signalenlijst-overbelasting", "onderzoek-duurzame-activering"],
        "Karim viel twee jaar uit met een burn-out. Hij vertelt hoe hij via een werk-zorgtraject "
        "opnieuw aan de slag ging, en wat zijn casemanager anders deed dan hij verwachtte.",
        "<p>Karim Bouzid werkt vandaag halftijds in een magazijn. Hij vertelt over de eerste "
        "gesprekken, over de angst om te hervallen en over het belang van kleine stappen.</p>"
        "<ul><li>Waarom een vast aanspreekpunt het verschil maakte</li>"
        "<li>Hoe je samen een haalbaar tempo bepaalt</li></ul>",
        [
            ("lotte", "Karim, welkom. Hoe gaat het vandaag met je?", "Kennismaking"),
            (
                "karim",
                "Goed, dank je. Ik werk nu halftijds in een magazijn, en dat lukt. Twee jaar "
                "geleden had ik dat niet durven dromen.",
                None,
            ),
            ("lotte", "Wat gebeurde er twee jaar geleden?", "De burn-out"),
            (
                "karim",
                "Ik was volledig op. Ik sliep niet meer en ik kon me niet meer concentreren. "
                "Mijn huisarts schreef me ziek, en daarna zat ik maandenlang thuis.",
                None,
            ),
            ("lotte", "Hoe kwam je dan bij een casemanager terecht?", "Het traject"),
            (
                "karim",
                "Via de VDAB kreeg ik een werk-zorgtraject. Mijn casemanager vroeg eerst wat ik "
                "zelf wilde, en niet wat ik moest. Dat had ik nog nooit meegemaakt.",
                None,
            ),
            (
                "karim",
                "We begonnen met een paar uur per week. Elke maand bekeken we samen of het tempo "
                "nog klopte.",
                None,
            ),
            ("lotte", "Wat zou je andere werkzoekenden willen meegeven?", "Tips"),
            (
                "karim",
                "Wees eerlijk over wat je niet kan. Een goede begeleider kan daarmee werken. "
                "Kleine stappen zijn ook stappen.",
                None,
            ),
        ],
    ),
    (
        2,
        "full",
        "ocmw-en-vdab-aan-een-tafel",
        "Het sociaal huis en de VDAB aan één tafel",
        5,
        ["hanne", "wim"],
        ["samenwerking", "welzijn", "werk"],
        ["praktijkvoorbeeld-samenwerking-ocmw-vdab"],
        "Een casemanager zorg van een sociaal huis en een casemanager werk van de VDAB vertellen "
        "hoe hun wekelijkse casusoverleg trajecten vlotter maakt.",
        "<p>Hanne en Wim zitten elke dinsdag samen. Ze leggen uit hoe ze afspraken maken over "
        "wie wat doet, en hoe ze omgaan met het beroepsgeheim.</p>",
        [
            (
                "lotte",
                "Hanne en Wim, jullie werken al drie jaar samen. Hoe begon dat?",
                "Het begin",
            ),
            (
                "hanne",
                "Wij merkten dat cliënten twee keer hetzelfde verhaal moesten doen. Dat was "
                "vermoeiend voor hen, en het kostte ons veel tijd.",
                None,
            ),
            (
                "wim",
                "Daarom spraken we af om elke week samen te zitten. Een half uur, vaste dag, vaste "
                "agenda.",
                None,
            ),
            ("lotte", "Hoe gaan jullie om met het beroepsgeheim?", "Beroepsgeheim"),
            (
                "hanne",
                "We bespreken alleen wat nodig is voor het traject, en altijd met toestemming van "
                "de cliënt. Dat zetten we ook op papier.",
                None,
            ),
            ("lotte", "Wat levert het overleg op?", "Wat het oplevert"),
            (
                "wim",
                "Trajecten lopen minder vast. Als er een probleem is met huisvesting of inkomen, "
                "weet Hanne sneller wie er moet bellen.",
                None,
            ),
            (
                "hanne",
                "En de cliënt heeft het gevoel dat we aan hetzelfde zeel trekken. Dat "
                "vertrouwen is goud waard.",
                None,
            ),
        ],
    ),
    (
        3,
        "full",
        "artikel-60-springplank-of-draaideur",
        "Artikel 60: springplank of draaideur?",
        4,
        ["nadia", "jonas"],
        ["werk", "inkomen", "regelgeving", "sociale-economie"],
        ["regelgeving-werk-zorgdecreet", "onderzoek-duurzame-activering"],
        "Leidt een tewerkstelling via artikel 60 tot duurzaam werk? Nadia vertelt over haar "
        "tijdelijke werkervaring, en onderzoeker Jonas Willems over wat de cijfers zeggen.",
        "<p>Tijdelijke werkervaring kan deuren openen, maar niet altijd. Wat maakt het "
        "verschil?</p>",
        [
            ("lotte", "Nadia, jij werkte anderhalf jaar via artikel 60. Hoe was dat?", "Nadia"),
            (
                "nadia",
                "In het begin was ik vooral blij met een loon in plaats van een leefloon. Ik "
                "werkte in een woonzorgcentrum, in de keuken.",
                None,
            ),
            (
                "nadia",
                "Maar ik wist dat het tijdelijk was. Het laatste halfjaar dacht ik vooral aan wat "
                "er daarna zou komen.",
                None,
            ),
            ("lotte", "Jonas, wat weten we uit onderzoek?", "Wat onderzoek zegt"),
            (
                "jonas",
                "Een tijdelijke werkervaring helpt vooral als er begeleiding naar de volgende stap "
                "is. Zonder die brug vallen veel mensen terug op een uitkering.",
                None,
            ),
            (
                "jonas",
                "Opleiding tijdens het contract maakt een groot verschil. Net als een werkgever "
                "die mee nadenkt over een vaste plek.",
                None,
            ),
            ("lotte", "En hoe liep het af voor jou, Nadia?", "Hoe het afliep"),
            (
                "nadia",
                "Ik kon blijven, met een vast contract als keukenhulp. Mijn casemanager had dat "
                "maanden op voorhand al aangekaart.",
                None,
            ),
        ],
    ),
    (
        4,
        "full",
        "eerst-een-dak-dan-werk",
        "Eerst een dak, dan werk",
        3,
        ["bram"],
        ["huisvesting", "welzijn", "werk"],
        ["handleiding-huisvesting-als-drempel"],
        "Opbouwwerker Bram Goossens over waarom zoeken naar werk bijna onmogelijk is zonder "
        "stabiele woning, en wat casemanagers daaraan kunnen doen.",
        "<p>Een gesprek over dakloosheid, tijdelijke opvang en de vraag wat eerst moet komen.</p>",
        [
            ("lotte", "Bram, waarom is wonen zo belangrijk voor werk?", "Wonen en werk"),
            (
                "bram",
                "Wie niet weet waar hij volgende week slaapt, kan niet aan een sollicitatie "
                "denken. Alle energie gaat naar overleven.",
                None,
            ),
            (
                "bram",
                "Ik zie mensen die drie adressen hebben op een maand tijd. Brieven van de VDAB "
                "komen dan gewoon niet aan.",
                None,
            ),
            ("lotte", "Wat kan een casemanager doen?", "Wat je kan doen"),
            (
                "bram",
                "Werk samen met het sociaal verhuurkantoor en met het opbouwwerk in de buurt. En "
                "zorg dat er een referentieadres is, zodat post aankomt.",
                None,
            ),
            (
                "bram",
                "Verwacht geen sollicitaties in de eerste weken. Een dak is de eerste stap van het "
                "traject, niet een omweg.",
                None,
            ),
        ],
    ),
    (
        5,
        "full",
        "wat-beleid-leert-van-de-praktijk",
        "Wat beleid kan leren van de praktijk",
        2,
        ["an"],
        ["regelgeving", "samenwerking"],
        ["regelgeving-werk-zorgdecreet"],
        "Beleidsmedewerker An Verstraete legt uit wat er gebeurt met de knelpunten die "
        "casemanagers melden, en waarom concrete voorbeelden het verschil maken.",
        "<p>Hoe raakt een knelpunt uit de praktijk tot op de tafel van een kabinet? En wat "
        "maakt een melding sterk?</p>",
        [
            (
                "lotte",
                "An, wat doe je met een knelpunt dat een casemanager meldt?",
                "Van melding tot dossier",
            ),
            (
                "an",
                "SAM bundelt meldingen die over hetzelfde gaan. Zo'n dossier bespreken we dan "
                "met de administratie en met het kabinet.",
                None,
            ),
            (
                "an",
                "Eén melding is een verhaal. Twintig meldingen over dezelfde regel zijn een "
                "patroon, en dat overtuigt.",
                None,
            ),
            ("lotte", "Wat maakt een melding sterk?", "Een sterke melding"),
            (
                "an",
                "Beschrijf wat er gebeurde, welke regel of procedure het blokkeerde, en wat het "
                "gevolg was voor het traject. Zonder namen of andere gegevens van cliënten.",
                None,
            ),
            (
                "an",
                "En meld ook wanneer iets opgelost raakt. Dan weten we wat werkt.",
                None,
            ),
        ],
    ),
    (
        6,
        "full",
        "jobcoaching-op-de-werkvloer",
        "Jobcoaching op de werkvloer bij een psychische kwetsbaarheid",
        1,
        ["evi", "tom"],
        ["werk", "zorg", "cmpps"],
        ["tool-signalenlijst-overbelasting"],
        "Een jobcoach en een werkgever over wat er nodig is om iemand met een psychische "
        "kwetsbaarheid aan het werk te houden: afspraken, signalen en een collega die meekijkt.",
        "<p>Evi Martens begeleidt werknemers op de werkvloer. Tom Dubois nam drie mensen aan via "
        "een traject. Samen zoeken ze naar wat duurzaam werkt.</p>",
        [
            ("lotte", "Tom, waarom nam je iemand aan via een traject?", "De werkgever"),
            (
                "tom",
                "Ik vond geen volk, eerlijk gezegd. Maar ik heb er vooral goede collega's aan "
                "overgehouden.",
                None,
            ),
            ("lotte", "Evi, wat doet een jobcoach precies?", "De jobcoach"),
            (
                "evi",
                "Ik kom langs op de werkvloer, in het begin elke week. Ik praat met de werknemer, "
                "maar ook met de collega die meekijkt.",
                None,
            ),
            (
                "evi",
                "We spreken af welke signalen wijzen op overbelasting. Slecht slapen, vaker te "
                "laat komen, zich terugtrekken.",
                None,
            ),
            ("lotte", "Wat als het toch misloopt?", "Als het misloopt"),
            (
                "tom",
                "Dan bel ik Evi, niet pas na drie weken maar dezelfde dag. Vaak volstaat een "
                "kleine aanpassing in het uurrooster.",
                None,
            ),
            (
                "evi",
                "Een terugval is geen mislukking. Het is informatie over wat iemand nodig heeft.",
                None,
            ),
        ],
    ),
]
