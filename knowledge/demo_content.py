"""The knowledge base's demo content, written for this platform in Flemish Dutch.

Body blocks are compact tuples that demo.py turns into StreamField data:
("p", html), ("h", text), ("tip" | "let op" | "info", html), ("quote", text, who),
("faq", [(question, answer_html), ...]), ("table", [[header...], [row...], ...]).
"""

THEMES = [
    ("werk", "Werk", "Betaald werk, doorstroom en jobcoaching."),
    ("zorg", "Zorg", "Geestelijke gezondheidszorg, huisarts, behandeling en herstel."),
    ("welzijn", "Welzijn", "Welzijnstrajecten, sociale activering en participatie."),
    ("cmpps", "CMPPS", "Cognitieve, medische, psychische, psychiatrische en sociale problemen."),
    ("regelgeving", "Regelgeving", "Decreten, besluiten en hoe ze in de praktijk uitpakken."),
    ("samenwerking", "Samenwerking", "Samenwerken met VDAB, OCMW, GTB en andere partners."),
    ("inkomen", "Inkomen", "Leefloon, uitkeringen, ziekte-uitkering en wat werken ermee doet."),
    ("mobiliteit", "Mobiliteit", "Geraken waar het werk is: vervoer, rijbewijs, afstand."),
    ("kinderopvang", "Kinderopvang", "Opvang voor kinderen van wie een traject volgt."),
    ("huisvesting", "Huisvesting", "Wonen als voorwaarde voor stappen naar werk."),
    ("ervaringsdeskundigheid", "Ervaringsdeskundigheid", "Kennis van wie het zelf beleefde."),
    ("sociale-economie", "Sociale economie", "Maatwerkbedrijven, arbeidszorg en wijk-werken."),
]

AUDIENCES = [
    ("casemanagers-zorg", "Casemanagers zorg"),
    ("casemanagers-werk", "Casemanagers werk"),
    ("leidinggevenden", "Leidinggevenden en coördinatoren"),
    ("beleid", "Beleidsmedewerkers"),
]

# slug, type, title, themes, audiences, members_only, months since review, interval, summary, body
PRODUCTS = [
    (
        "handleiding-werk-zorgtraject",
        "guide",
        "Handleiding: het werk-zorgtraject van aanmelding tot afronding",
        ["werk", "zorg", "regelgeving"],
        ["casemanagers-zorg", "casemanagers-werk"],
        False,
        4,
        12,
        "Een overzicht van alle stappen in een werk-zorgtraject: wie meldt aan, wat het "
        "eerste gesprek moet opleveren, hoe je samen met de casemanager werk een plan maakt "
        "en wanneer je evalueert.",
        [
            (
                "p",
                "<p>Een werk-zorgtraject is bedoeld voor werkzoekenden bij wie "
                "gezondheid, psychisch welzijn of de thuissituatie een stap naar werk in de weg "
                "staan. Twee begeleiders trekken samen op: een casemanager werk van de VDAB of "
                "een partner, en jij als casemanager zorg.</p>",
            ),
            ("h", "De vier fases"),
            (
                "table",
                [
                    ["Fase", "Wat gebeurt er?", "Wie trekt?"],
                    [
                        "Aanmelding",
                        "Screening en afspraak voor een kennismaking",
                        "Casemanager werk",
                    ],
                    ["Verkenning", "Samen in kaart brengen wat werkt en wat blokkeert", "Beiden"],
                    [
                        "Traject",
                        "Zorg en werkstappen tegelijk, met vaste overlegmomenten",
                        "Beiden",
                    ],
                    [
                        "Evaluatie",
                        "Doorstroom naar werk, verlenging of een welzijnstraject",
                        "Beiden",
                    ],
                ],
            ),
            (
                "p",
                "<p>Leg bij de start vast hoe vaak jullie overleggen en wie de deelnemer "
                "waarover contacteert. Dubbele afspraken of tegenstrijdige boodschappen zijn de "
                "snelste weg naar afhaken.</p>",
            ),
            (
                "tip",
                "<p>Plan het eerste gesprek met z'n drieën. De deelnemer ziet meteen dat "
                "werk en zorg samen aan tafel zitten en hoeft zijn verhaal maar één keer te "
                "doen.</p>",
            ),
            (
                "faq",
                [
                    (
                        "Kan een traject verlengd worden?",
                        "<p>Ja, als de evaluatie toont dat er vooruitgang is maar de "
                        "deelnemer nog niet klaar is voor de volgende stap. Motiveer de "
                        "verlenging in het dossier.</p>",
                    ),
                    (
                        "Wat als werk niet haalbaar blijkt?",
                        "<p>Dan schakel je over naar een welzijnstraject. Dat is geen "
                        "mislukking: het traject heeft dan duidelijkheid gebracht.</p>",
                    ),
                ],
            ),
        ],
    ),
    (
        "methodiek-krachtgericht-eerste-gesprek",
        "method",
        "Methodiek: het krachtgerichte eerste gesprek",
        ["cmpps", "zorg", "welzijn"],
        ["casemanagers-zorg"],
        False,
        2,
        12,
        "Hoe je in een eerste gesprek vertrekt van wat iemand wél kan en wil, zonder de "
        "moeilijkheden te negeren. Met gespreksvragen en een voorbeeld uit de praktijk.",
        [
            (
                "p",
                "<p>Mensen die bij ons terechtkomen, hebben vaak al veel gesprekken achter "
                "de rug waarin vooral hun problemen aan bod kwamen. Een krachtgericht gesprek "
                "draait die volgorde om: eerst de talenten, interesses en wensen, dan pas de "
                "drempels.</p>",
            ),
            ("h", "Vragen die helpen"),
            (
                "p",
                "<ul><li>Waar ben je de laatste tijd trots op geweest?</li>"
                "<li>Wat deed je vroeger graag, ook buiten werk?</li>"
                "<li>Wie in je omgeving steunt je?</li>"
                "<li>Als alles meezit, waar sta je dan binnen een jaar?</li></ul>",
            ),
            (
                "quote",
                "Het was de eerste keer dat iemand vroeg wat ik goed kon. Daarna wilde "
                "ik wel vertellen wat er allemaal misliep.",
                "Deelnemer, regio Kortrijk",
            ),
            (
                "tip",
                "<p>Noteer de sterktes letterlijk in de woorden van de deelnemer. Gebruik "
                "ze later in het trajectplan; dat maakt het plan herkenbaar.</p>",
            ),
        ],
    ),
    (
        "factsheet-tijdelijke-werkervaring",
        "factsheet",
        "Factsheet: Tijdelijke Werkervaring (TWE) en artikel 60",
        ["werk", "regelgeving", "inkomen"],
        ["casemanagers-zorg", "casemanagers-werk"],
        False,
        14,
        12,
        "Wat TWE is, hoe het zich verhoudt tot het vroegere artikel 60, wie in aanmerking "
        "komt en wat het betekent voor het inkomen van de deelnemer.",
        [
            (
                "p",
                "<p>Met Tijdelijke Werkervaring doet iemand werkervaring op in een echte "
                "job, met begeleiding en opleiding op de werkvloer. Voor mensen met een leefloon "
                "gebeurt dat vaak via het OCMW als werkgever: het klassieke "
                "<i>artikel 60</i>.</p>",
            ),
            ("h", "In het kort"),
            (
                "table",
                [
                    ["Vraag", "Antwoord"],
                    ["Duur", "Maximaal 12 maanden, met uitzonderingen"],
                    ["Loon", "Een gewoon loon volgens het barema van de sector"],
                    ["Begeleiding", "Jobcoaching en eventueel opleiding"],
                    ["Na afloop", "Recht op een werkloosheidsuitkering is mogelijk"],
                ],
            ),
            (
                "let op",
                "<p>Een TWE-job kan het recht op andere tegemoetkomingen beïnvloeden. "
                "Bespreek het vooraf met de maatschappelijk werker van het OCMW.</p>",
            ),
        ],
    ),
    (
        "praktijkvoorbeeld-samenwerking-ocmw-vdab",
        "practice",
        "Praktijkvoorbeeld: wekelijks casusoverleg tussen sociaal huis en VDAB",
        ["samenwerking", "werk", "inkomen"],
        ["casemanagers-zorg", "leidinggevenden"],
        False,
        3,
        24,
        "In een Oost-Vlaamse gemeente zitten het sociaal huis, de VDAB en de casemanager zorg "
        "elke week een uur samen. Wat het opleverde en wat ze anders zouden doen.",
        [
            (
                "p",
                "<p>Het idee ontstond toen drie begeleiders ontdekten dat ze dezelfde "
                "persoon volgden zonder het van elkaar te weten. Sindsdien is er een vast "
                "overleg op dinsdagvoormiddag, met een korte agenda en een gedeelde lijst van "
                "vragen.</p>",
            ),
            ("h", "Wat het opleverde"),
            (
                "p",
                "<p>Minder dubbele afspraken, snellere beslissingen over een leefloon "
                "tijdens een traject, en een gedeelde taal. De deelnemer geeft vooraf "
                "toestemming om besproken te worden.</p>",
            ),
            (
                "tip",
                "<p>Bespreek situaties, geen dossiers. Wie niet betrokken is, hoeft de "
                "naam van de deelnemer niet te kennen.</p>",
            ),
        ],
    ),
    (
        "regelgeving-werk-zorgdecreet",
        "regulation",
        "Het Werk-Zorgdecreet uitgelegd",
        ["regelgeving", "werk", "zorg"],
        ["casemanagers-zorg", "beleid", "leidinggevenden"],
        False,
        18,
        12,
        "Wat het decreet regelt over werk-zorgtrajecten, de rol van de casemanager zorg en de "
        "financiering, in gewone taal en met verwijzingen naar de officiële teksten.",
        [
            (
                "p",
                "<p>Het Werk-Zorgdecreet legt de basis voor trajecten waarin werk en zorg "
                "samen worden aangepakt. Het bepaalt wie toegang heeft, welke partners "
                "betrokken zijn en hoe de samenwerking tussen de VDAB en de zorgsector "
                "verloopt.</p>",
            ),
            ("h", "Wat betekent dit voor jou?"),
            (
                "p",
                "<p>Als casemanager zorg ben je de brug naar hulpverlening: je helpt "
                "drempels wegwerken die niet met werk te maken hebben maar werk wel "
                "verhinderen. De casemanager werk blijft verantwoordelijk voor de stappen naar "
                "de arbeidsmarkt.</p>",
            ),
            (
                "info",
                "<p>De officiële teksten en uitvoeringsbesluiten vind je op de website "
                "van het departement Zorg. Deze pagina vat samen; bij twijfel geldt de "
                "officiële tekst.</p>",
            ),
        ],
    ),
    (
        "sjabloon-trajectplan",
        "tool",
        "Sjabloon: gezamenlijk trajectplan werk en zorg",
        ["werk", "zorg", "samenwerking"],
        ["casemanagers-zorg", "casemanagers-werk"],
        True,
        5,
        12,
        "Een invulbaar trajectplan dat de casemanager werk, de casemanager zorg en de "
        "deelnemer samen opmaken, met doelen per levensdomein en afspraken over wie wat doet.",
        [
            (
                "p",
                "<p>Het sjabloon heeft vier delen: de vraag van de deelnemer, de doelen op "
                "het vlak van werk, de doelen op het vlak van zorg en welzijn, en de afspraken. "
                "Elk doel krijgt een eigenaar en een datum waarop jullie het bekijken.</p>",
            ),
            (
                "tip",
                "<p>Laat de deelnemer zelf de doelen formuleren en schrijf ze zo op. Een "
                "plan in de eigen woorden wordt vaker gevolgd.</p>",
            ),
            (
                "p",
                "<p>Download het sjabloon hieronder. Vul het nooit in met gegevens in een "
                "gedeelde map zonder afspraken over wie toegang heeft.</p>",
            ),
        ],
    ),
    (
        "onderzoek-duurzame-activering",
        "research",
        "Onderzoek: wat maakt activering duurzaam?",
        ["werk", "welzijn", "cmpps"],
        ["leidinggevenden", "beleid"],
        False,
        8,
        36,
        "Een samenvatting van onderzoek naar trajecten die blijven werken: een brede kijk op "
        "activering, tijd, en aandacht voor inkomen en gezondheid naast werk.",
        [
            (
                "p",
                "<p>Onderzoek naar activering toont telkens hetzelfde patroon: trajecten "
                "die alleen op snelle uitstroom mikken, leiden vaak tot korte jobs en een "
                "terugval. Trajecten die ook investeren in gezondheid, sociale contacten en "
                "een stabiel inkomen, houden langer stand.</p>",
            ),
            ("h", "Drie lessen"),
            (
                "p",
                "<ol><li>Activering is breder dan een job: ook participatie telt.</li>"
                "<li>Tijd is een werkzaam bestanddeel, geen verspilling.</li>"
                "<li>Begeleiding na de start van een job voorkomt uitval.</li></ol>",
            ),
            (
                "quote",
                "Wie mensen opjaagt, wint op korte termijn een cijfer en verliest op "
                "lange termijn de persoon.",
                "Onderzoeker sociaal werk",
            ),
        ],
    ),
    (
        "video-ervaringsdeskundige-aan-het-woord",
        "video",
        "Video: een ervaringsdeskundige over drempels naar werk",
        ["ervaringsdeskundigheid", "werk", "cmpps"],
        ["casemanagers-zorg", "casemanagers-werk"],
        False,
        6,
        24,
        "In twaalf minuten vertelt een ervaringsdeskundige welke drempels hij tegenkwam op "
        "weg naar werk na een psychose, en wat begeleiders wel en niet hielpen.",
        [
            (
                "p",
                "<p>De video is opgenomen tijdens een studiedag van SAM. De spreker "
                "vertelt over de lange weg terug naar werk, over angst om het leefloon te "
                "verliezen en over de begeleider die bleef bellen toen hij afhaakte.</p>",
            ),
            (
                "info",
                "<p>De video heeft Nederlandse ondertitels. Gebruik hem gerust in een "
                "teamoverleg of intervisie.</p>",
            ),
            ("h", "Vragen om samen te bespreken"),
            (
                "p",
                "<ul><li>Welke drempel herken je uit je eigen begeleidingen?</li>"
                "<li>Wat deed de begeleider die wel hielp anders?</li></ul>",
            ),
        ],
    ),
    (
        "factsheet-leefloon-en-werken",
        "factsheet",
        "Factsheet: leefloon en werken, wat verandert er?",
        ["inkomen", "werk", "regelgeving"],
        ["casemanagers-zorg"],
        False,
        2,
        6,
        "Wat gebeurt er met het leefloon als iemand begint te werken, deeltijds of in TWE? "
        "Uitleg over de vrijstelling voor socio-professionele integratie en een rekenvoorbeeld.",
        [
            (
                "p",
                "<p>Veel leefloners aarzelen om te beginnen werken uit angst hun inkomen "
                "te verliezen. Dat is begrijpelijk: een fout in de berekening kan maanden "
                "onzekerheid geven. Goede informatie vooraf neemt veel angst weg.</p>",
            ),
            ("h", "De vrijstelling"),
            (
                "p",
                "<p>Een deel van het inkomen uit werk wordt tijdelijk niet meegerekend bij "
                "het leefloon. Zo loont de stap naar werk meteen, ook als het loon nog laag "
                "is.</p>",
            ),
            (
                "let op",
                "<p>De bedragen worden regelmatig geïndexeerd. Vraag de actuele "
                "bedragen op bij het OCMW voor je een berekening voorlegt aan de "
                "deelnemer.</p>",
            ),
        ],
    ),
    (
        "handleiding-doorverwijzen-ggz",
        "guide",
        "Handleiding: doorverwijzen naar de geestelijke gezondheidszorg",
        ["zorg", "cmpps", "samenwerking"],
        ["casemanagers-zorg"],
        True,
        9,
        12,
        "Wanneer verwijs je door, naar wie en hoe zorg je dat de deelnemer echt aankomt? "
        "Over wachtlijsten, eerstelijnspsychologen en het netwerk geestelijke gezondheid.",
        [
            (
                "p",
                "<p>Een doorverwijzing is pas geslaagd als de deelnemer ook effectief "
                "begint. Tussen het advies en de eerste afspraak liggen vaak weken. In die "
                "periode haken mensen af.</p>",
            ),
            ("h", "Waar kan je terecht?"),
            (
                "p",
                "<ul><li>De eerstelijnspsycholoog, voor kortere begeleiding.</li>"
                "<li>Het centrum geestelijke gezondheidszorg, voor langdurige zorg.</li>"
                "<li>Het mobiele team van het netwerk, bij crisis of als iemand niet naar "
                "hulp toe komt.</li></ul>",
            ),
            (
                "tip",
                "<p>Bel samen met de deelnemer voor de eerste afspraak, tijdens jullie "
                "gesprek. Dat verlaagt de drempel meer dan een folder.</p>",
            ),
        ],
    ),
    (
        "methodiek-jobcoaching-op-de-werkvloer",
        "method",
        "Methodiek: jobcoaching op de werkvloer voor mensen met een psychische kwetsbaarheid",
        ["werk", "cmpps", "sociale-economie"],
        ["casemanagers-werk", "casemanagers-zorg"],
        False,
        11,
        24,
        "Hoe je een werkgever en een nieuwe collega met een psychische kwetsbaarheid samen "
        "begeleidt, zodat de job niet na enkele weken stopt.",
        [
            (
                "p",
                "<p>De eerste weken in een nieuwe job zijn kwetsbaar. Nieuwe collega's, "
                "andere uren en onuitgesproken verwachtingen kunnen snel te veel worden. "
                "Jobcoaching maakt die verwachtingen bespreekbaar.</p>",
            ),
            ("h", "Werkwijze"),
            (
                "p",
                "<ol><li>Voor de start: een gesprek met de werkgever over aanpassingen.</li>"
                "<li>Eerste maand: wekelijks een kort moment op de werkvloer.</li>"
                "<li>Daarna: afbouwen, maar bereikbaar blijven.</li></ol>",
            ),
            (
                "tip",
                "<p>Vraag de deelnemer vooraf wat de werkgever wel en niet mag weten. "
                "Een diagnose hoeft niet gedeeld te worden; wat iemand nodig heeft wel.</p>",
            ),
        ],
    ),
    (
        "praktijkvoorbeeld-kinderopvang-tijdens-traject",
        "practice",
        "Praktijkvoorbeeld: kinderopvang regelen tijdens een traject",
        ["kinderopvang", "werk", "samenwerking"],
        ["casemanagers-zorg"],
        False,
        7,
        12,
        "Een alleenstaande moeder kon niet starten in een opleiding omdat er geen opvang was. "
        "Hoe een casemanager met het Huis van het Kind toch een oplossing vond.",
        [
            (
                "p",
                "<p>Opvang vinden voor een kind van twee binnen drie weken leek onmogelijk. "
                "De wachtlijsten in de gemeente liepen tot een jaar. Toch lukte het via "
                "plaatsen die voorbehouden zijn voor ouders in een traject naar werk.</p>",
            ),
            ("h", "Wat werkte"),
            (
                "p",
                "<ul><li>Vroeg contact met het Huis van het Kind.</li>"
                "<li>Een attest van het traject als voorrangsbewijs.</li>"
                "<li>Een tijdelijke oplossing via een buurtnetwerk in afwachting.</li></ul>",
            ),
            (
                "info",
                "<p>Niet elke gemeente werkt met voorrangsplaatsen. Vraag het na bij "
                "het lokaal loket kinderopvang.</p>",
            ),
        ],
    ),
    (
        "factsheet-mobiliteit-naar-werk",
        "factsheet",
        "Factsheet: geraken tot op het werk",
        ["mobiliteit", "werk"],
        ["casemanagers-zorg", "casemanagers-werk"],
        False,
        3,
        12,
        "Een overzicht van tegemoetkomingen en praktische oplossingen voor wie geen auto of "
        "rijbewijs heeft: abonnementen, deelfietsen, vervoer op maat en het rijbewijs halen.",
        [
            (
                "p",
                "<p>Voor veel deelnemers is het werk niet te ver, maar de weg ernaartoe "
                "onbetaalbaar of onbekend. Een job in ploegen op een industrieterrein zonder "
                "bus is voor wie geen auto heeft vaak geen optie.</p>",
            ),
            (
                "table",
                [
                    ["Oplossing", "Voor wie?"],
                    ["Gratis of goedkoper abonnement", "Werkzoekenden in een traject"],
                    ["Vervoer op maat in de regio", "Wie geen openbaar vervoer heeft"],
                    ["Begeleiding bij het rijbewijs", "Wie een job vindt waar het nodig is"],
                ],
            ),
            (
                "tip",
                "<p>Oefen de route samen vóór de eerste werkdag. Wie weet waar de halte "
                "is en hoelang het duurt, komt minder snel te laat.</p>",
            ),
        ],
    ),
    (
        "handleiding-huisvesting-als-drempel",
        "guide",
        "Handleiding: als wonen de eerste drempel is",
        ["huisvesting", "welzijn", "inkomen"],
        ["casemanagers-zorg"],
        False,
        13,
        12,
        "Wie dakloos is of dreigt uit huis gezet te worden, kan moeilijk aan werk denken. "
        "Welke stappen je eerst zet en met welke diensten je samenwerkt.",
        [
            (
                "p",
                "<p>Een stabiele woonplaats is voor de meeste mensen een voorwaarde om "
                "een traject vol te houden. Zonder adres geen post, geen rust en vaak ook geen "
                "uitkering.</p>",
            ),
            ("h", "Eerste stappen"),
            (
                "p",
                "<ol><li>Referentieadres bij het OCMW aanvragen als er geen adres is.</li>"
                "<li>Contact met het CAW voor woonbegeleiding.</li>"
                "<li>Bij een dreigende uithuiszetting: meteen het OCMW verwittigen.</li></ol>",
            ),
            (
                "let op",
                "<p>Een woonprobleem stopt een traject niet automatisch. Bespreek met "
                "de casemanager werk of het traject tijdelijk trager kan lopen.</p>",
            ),
        ],
    ),
    (
        "regelgeving-ziekte-uitkering-en-werk",
        "regulation",
        "Toegelaten arbeid tijdens een ziekte-uitkering",
        ["regelgeving", "inkomen", "zorg"],
        ["casemanagers-zorg", "casemanagers-werk"],
        False,
        5,
        12,
        "Wie een uitkering van het ziekenfonds krijgt, mag onder voorwaarden gedeeltelijk "
        "werken. Welke toestemming nodig is, wie ze geeft en wat er met het inkomen gebeurt.",
        [
            (
                "p",
                "<p>Gedeeltelijk werken tijdens arbeidsongeschiktheid kan een goede "
                "opstap zijn. De adviserend arts van het ziekenfonds moet wel vooraf akkoord "
                "gaan. Wie start zonder toestemming, riskeert een terugvordering.</p>",
            ),
            (
                "faq",
                [
                    (
                        "Wie vraagt de toestemming aan?",
                        "<p>De deelnemer zelf, met een formulier van het ziekenfonds. Je kan "
                        "helpen bij het invullen.</p>",
                    ),
                    (
                        "Hoeveel mag iemand verdienen?",
                        "<p>Het inkomen uit werk wordt deels afgetrokken van de uitkering "
                        "volgens een berekening van het RIZIV. Het ziekenfonds kan een "
                        "simulatie maken.</p>",
                    ),
                ],
            ),
            (
                "tip",
                "<p>Vraag de toestemming aan zodra er zicht is op een job of stage. "
                "De beslissing kan enkele weken duren.</p>",
            ),
        ],
    ),
    (
        "tool-signalenlijst-overbelasting",
        "tool",
        "Tool: signalenlijst overbelasting tijdens een traject",
        ["cmpps", "zorg", "werk"],
        ["casemanagers-zorg", "casemanagers-werk"],
        True,
        1,
        12,
        "Een korte lijst met signalen die wijzen op overbelasting, zodat je tijdig het tempo "
        "kan aanpassen in overleg met de deelnemer en de werkplek.",
        [
            (
                "p",
                "<p>Overbelasting kondigt zich meestal aan: vaker ziek melden, slecht "
                "slapen, terugtrekken uit contact, prikkelbaarheid. Wie die signalen samen met "
                "de deelnemer leert herkennen, kan bijsturen voor het misloopt.</p>",
            ),
            (
                "table",
                [
                    ["Signaal", "Mogelijke stap"],
                    ["Vaker te laat of afwezig", "Gesprek over uren en belasting"],
                    ["Slaapproblemen", "Afstemmen met huisarts of behandelaar"],
                    ["Terugtrekken uit contact", "Kort en laagdrempelig contact houden"],
                ],
            ),
            (
                "tip",
                "<p>Overloop de lijst bij de start samen en spreek af wie wat doet als "
                "een signaal opduikt. Dat voelt minder als controle.</p>",
            ),
        ],
    ),
    (
        "onderzoek-jobkansarmoede",
        "research",
        "Onderzoek: jobkansarmoede en de echte krapte op de arbeidsmarkt",
        ["werk", "sociale-economie", "welzijn"],
        ["beleid", "leidinggevenden"],
        False,
        10,
        36,
        "Er zijn veel vacatures, maar weinig jobs op maat van mensen met een grote afstand "
        "tot de arbeidsmarkt. Wat onderzoek zegt over die kloof en over jobcreatie in de wijk.",
        [
            (
                "p",
                "<p>Het begrip jobkansarmoede beschrijft een tekort aan geschikte jobs "
                "voor mensen in een kwetsbare positie. Vacatures vragen vaak ervaring, "
                "diploma's of flexibiliteit die niet iedereen kan bieden.</p>",
            ),
            ("h", "Jobcreatie op wijkniveau"),
            (
                "p",
                "<p>Projecten zoals Sterk Werk zoeken naar werk dat aansluit bij wat "
                "mensen kunnen: in de buurt, met begeleiding en met ruimte om te leren. Het "
                "onderzoek bundelt wat die projecten leren.</p>",
            ),
        ],
    ),
    (
        "praktijkvoorbeeld-arbeidszorg-naar-betaald-werk",
        "practice",
        "Praktijkvoorbeeld: van arbeidszorg naar een betaalde job",
        ["sociale-economie", "werk", "cmpps"],
        ["casemanagers-zorg", "leidinggevenden"],
        False,
        4,
        24,
        "Na drie jaar onbetaald werk in een atelier maakte een deelnemer de stap naar een "
        "maatwerkbedrijf. Hoe het atelier, de casemanagers en de werkgever die overgang "
        "voorbereidden.",
        [
            (
                "p",
                "<p>Arbeidszorg biedt structuur en zinvol werk zonder de druk van een "
                "betaalde job. Voor sommige mensen is het een eindpunt, voor anderen een "
                "opstap. Het verschil zit vaak in het tijdig openen van het gesprek over "
                "doorstroom.</p>",
            ),
            (
                "quote",
                "We hebben niet gewacht tot hij zelf vroeg of er meer in zat. We "
                "hebben het gewoon gevraagd.",
                "Begeleider arbeidszorgatelier",
            ),
            (
                "tip",
                "<p>Laat iemand eerst enkele dagen meedraaien in het maatwerkbedrijf "
                "terwijl het vertrouwde atelier als vangnet blijft bestaan.</p>",
            ),
        ],
    ),
    (
        "handleiding-privacy-casusbespreking",
        "guide",
        "Handleiding: privacy bij casusbesprekingen en in de community",
        ["samenwerking", "regelgeving"],
        ["casemanagers-zorg", "casemanagers-werk", "leidinggevenden"],
        False,
        2,
        12,
        "Hoe je een situatie bespreekt met collega's of op het forum zonder dat een "
        "deelnemer herkenbaar wordt: wat je weglaat, wat je verandert en wanneer je "
        "toestemming vraagt.",
        [
            (
                "p",
                "<p>Casusbesprekingen zijn waardevol, maar de mensen over wie we praten "
                "hebben recht op privacy. Zeker bij psychische of medische problemen kan een "
                "klein detail genoeg zijn om iemand te herkennen.</p>",
            ),
            ("h", "Nooit delen"),
            (
                "p",
                "<ul><li>Namen, ook geen voornamen of initialen</li>"
                "<li>Rijksregisternummers, adressen, telefoonnummers of e-mailadressen</li>"
                "<li>Combinaties van leeftijd, gemeente en beroep die iemand verraden</li></ul>",
            ),
            (
                "tip",
                "<p>Beschrijf de situatie, niet de persoon: 'een man van middelbare "
                "leeftijd met een langdurige ziekte-uitkering' volstaat meestal.</p>",
            ),
        ],
    ),
    (
        "methodiek-intervisie-in-vijf-stappen",
        "method",
        "Methodiek: intervisie in vijf stappen",
        ["samenwerking", "cmpps"],
        ["casemanagers-zorg", "leidinggevenden"],
        False,
        6,
        24,
        "Een eenvoudig stappenplan om met collega's een vastgelopen begeleiding te bespreken: "
        "inbreng, verheldering, analyse, advies en terugkoppeling.",
        [
            (
                "p",
                "<p>Intervisie werkt het best met een vaste structuur. Die zorgt ervoor "
                "dat niet meteen iedereen advies geeft, maar dat eerst de vraag van de "
                "inbrenger helder wordt.</p>",
            ),
            (
                "table",
                [
                    ["Stap", "Duur", "Doel"],
                    ["Inbreng", "5 min.", "De inbrenger schetst de situatie en de vraag"],
                    ["Verheldering", "10 min.", "Alleen vragen, nog geen advies"],
                    ["Analyse", "15 min.", "Wat speelt er? Verschillende invalshoeken"],
                    ["Advies", "10 min.", "Elk geeft één concreet advies"],
                    ["Terugkoppeling", "5 min.", "Wat neemt de inbrenger mee?"],
                ],
            ),
            (
                "tip",
                "<p>Spreek af dat wat besproken wordt in de groep blijft, en bespreek "
                "situaties zonder namen.</p>",
            ),
        ],
    ),
    (
        "factsheet-gtb-en-arbeidshandicap",
        "factsheet",
        "Factsheet: GTB en begeleiding bij een arbeidshandicap",
        ["werk", "samenwerking", "cmpps"],
        ["casemanagers-zorg", "casemanagers-werk"],
        False,
        15,
        12,
        "Wat GTB doet, wanneer je doorverwijst en hoe een werk-zorgtraject zich verhoudt tot "
        "gespecialiseerde begeleiding voor werkzoekenden met een arbeidshandicap.",
        [
            (
                "p",
                "<p>GTB begeleidt werkzoekenden met een arbeidshandicap naar werk, met "
                "kennis van aanpassingen, ondersteuningsmaatregelen en werkgevers die open "
                "staan voor een divers personeel.</p>",
            ),
            ("h", "Wanneer GTB?"),
            (
                "p",
                "<p>Als de beperking de belangrijkste drempel naar werk is en er geen "
                "zware zorgvraag meer op de voorgrond staat. Overleg met de casemanager werk "
                "over de juiste partner.</p>",
            ),
        ],
    ),
    (
        "tool-gespreksleidraad-ervaringsdeskundige",
        "tool",
        "Tool: een ervaringsdeskundige betrekken in je team",
        ["ervaringsdeskundigheid", "samenwerking"],
        ["leidinggevenden", "casemanagers-zorg"],
        False,
        3,
        24,
        "Een leidraad voor teams die een ervaringsdeskundige willen inschakelen: welke rol, "
        "welke afspraken over vergoeding en ondersteuning, en hoe je valkuilen vermijdt.",
        [
            (
                "p",
                "<p>Ervaringsdeskundigen brengen kennis mee die geen opleiding geeft. "
                "Maar een ervaringsdeskundige inschakelen vraagt voorbereiding: een "
                "duidelijke rol, een eerlijke vergoeding en iemand bij wie hij of zij terecht "
                "kan.</p>",
            ),
            (
                "faq",
                [
                    (
                        "Mag een ervaringsdeskundige een vergoeding krijgen?",
                        "<p>Ja, maar let op de gevolgen voor een uitkering. Bekijk samen welke "
                        "vorm van vergoeding past.</p>",
                    ),
                    (
                        "Hoe voorkom je dat iemand alleen zijn verhaal moet vertellen?",
                        "<p>Geef een rol die verder gaat: meedenken over de werking, "
                        "meebegeleiden, vormingen geven.</p>",
                    ),
                ],
            ),
        ],
    ),
    (
        "regelgeving-wijk-werken",
        "regulation",
        "Wijk-werken: de regels op een rij",
        ["regelgeving", "werk", "sociale-economie"],
        ["casemanagers-zorg", "casemanagers-werk"],
        False,
        20,
        12,
        "Wie mag wijk-werken, hoeveel uur, welke vergoeding bovenop de uitkering en hoe het "
        "past in een traject naar werk.",
        [
            (
                "p",
                "<p>Wijk-werken is een laagdrempelige manier om werkervaring op te doen "
                "in de buurt: bij een school, een gemeente of een vzw. De wijk-werker behoudt "
                "zijn uitkering en krijgt een kleine vergoeding per uur.</p>",
            ),
            (
                "let op",
                "<p>De regels rond de duur en het aantal uren zijn de voorbije jaren "
                "gewijzigd. Deze pagina wordt herzien; controleer de actuele regels bij de "
                "VDAB.</p>",
            ),
        ],
    ),
    (
        "praktijkvoorbeeld-herstelgericht-werken",
        "practice",
        "Praktijkvoorbeeld: herstelgericht werken in een werk-zorgtraject",
        ["zorg", "cmpps", "ervaringsdeskundigheid"],
        ["casemanagers-zorg"],
        True,
        2,
        12,
        "Een casemanager zorg vertelt hoe ze samen met een deelnemer met een bipolaire "
        "stoornis een herstelplan maakte waarin werk een plaats kreeg, op het tempo van de "
        "deelnemer.",
        [
            (
                "p",
                "<p>Herstel gaat over een zinvol leven, ook met een kwetsbaarheid. Werk "
                "kan daar deel van zijn, maar het tempo bepaalt de deelnemer. In dit voorbeeld "
                "begon het traject met twee halve dagen vrijwilligerswerk.</p>",
            ),
            (
                "quote",
                "Ik mocht zelf zeggen wanneer het te veel werd. Daardoor durfde ik meer.",
                "Deelnemer",
            ),
            (
                "tip",
                "<p>Maak samen een signaleringsplan en spreek af wie de werkplek "
                "verwittigt als het minder gaat.</p>",
            ),
        ],
    ),
    (
        "handleiding-eerste-maand-in-de-job",
        "guide",
        "Handleiding: de eerste maand in een nieuwe job",
        ["werk", "cmpps"],
        ["casemanagers-zorg", "casemanagers-werk"],
        False,
        1,
        12,
        "Een nieuwe job is geen eindpunt van het traject. Wat je in de eerste maand "
        "opvolgt, met wie je contact houdt en hoe je uitval voorkomt.",
        [
            (
                "p",
                "<p>De meeste uitval gebeurt in de eerste weken. Nieuwe routines, minder "
                "tijd voor afspraken en spanning over het eerste loon vragen veel. Blijf in "
                "die periode bereikbaar en plan vaste contactmomenten.</p>",
            ),
            (
                "faq",
                [
                    (
                        "Hoe vaak neem ik contact op?",
                        "<p>In de eerste twee weken wekelijks, daarna om de twee weken, "
                        "tenzij de deelnemer iets anders wil.</p>",
                    ),
                    (
                        "Wat als het eerste loon later komt dan verwacht?",
                        "<p>Bekijk samen met het OCMW of het ziekenfonds of een voorschot "
                        "mogelijk is.</p>",
                    ),
                ],
            ),
        ],
    ),
    (
        "video-webinar-samenwerken-met-werkgevers",
        "video",
        "Video: webinar over samenwerken met werkgevers",
        ["werk", "samenwerking"],
        ["casemanagers-werk", "casemanagers-zorg"],
        True,
        4,
        24,
        "De opname van een webinar waarin twee werkgevers en een jobcoach vertellen wat hen "
        "overtuigde om mensen met een grote afstand tot de arbeidsmarkt aan te werven.",
        [
            (
                "p",
                "<p>Werkgevers willen vooral weten bij wie ze terechtkunnen als het "
                "moeilijk wordt. In dit webinar vertellen ze wat voor hen het verschil maakte: "
                "een vaste contactpersoon en eerlijke informatie vooraf.</p>",
            ),
            (
                "info",
                "<p>De opname duurt een uur. In de beschrijving vind je de tijdstippen "
                "van de belangrijkste onderdelen.</p>",
            ),
        ],
    ),
]

# Products that get a PDF built by the demo: slug -> (document title, file name, paragraphs)
PDFS = {
    "handleiding-werk-zorgtraject": (
        "Stappenplan werk-zorgtraject (PDF)",
        "stappenplan-werk-zorgtraject.pdf",
        [
            "Stappenplan werk-zorgtraject",
            "Dit stappenplan vat de fases van een werk-zorgtraject samen voor casemanagers "
            "zorg en casemanagers werk.",
            "1. Aanmelding. De casemanager werk screent de vraag en plant een kennismaking "
            "met de casemanager zorg en de deelnemer.",
            "2. Verkenning. Samen breng je in kaart wat werkt en wat blokkeert: gezondheid, "
            "inkomen, wonen, mobiliteit, kinderopvang en sociaal netwerk.",
            "3. Traject. Zorgdoelen en werkdoelen lopen tegelijk. Plan vaste overlegmomenten "
            "en leg vast wie de deelnemer waarover contacteert.",
            "4. Evaluatie. Bespreek doorstroom naar betaald werk, een verlenging of een "
            "overstap naar een welzijnstraject.",
        ],
    ),
    "sjabloon-trajectplan": (
        "Sjabloon trajectplan (PDF)",
        "sjabloon-trajectplan.pdf",
        [
            "Sjabloon: gezamenlijk trajectplan werk en zorg",
            "Deel 1. De vraag van de deelnemer, in eigen woorden.",
            "Deel 2. Doelen op het vlak van werk: wat, tegen wanneer, wie helpt.",
            "Deel 3. Doelen op het vlak van zorg en welzijn: wat, tegen wanneer, wie helpt.",
            "Deel 4. Afspraken tussen casemanager werk, casemanager zorg en deelnemer, met "
            "de data waarop jullie de doelen samen bekijken.",
            "Vul dit plan niet in met namen of rijksregisternummers in gedeelde mappen.",
        ],
    ),
    "factsheet-tijdelijke-werkervaring": (
        "Factsheet Tijdelijke Werkervaring (PDF)",
        "factsheet-tijdelijke-werkervaring.pdf",
        [
            "Factsheet: Tijdelijke Werkervaring en artikel 60",
            "Tijdelijke Werkervaring (TWE) biedt werkervaring in een echte job, met "
            "begeleiding op de werkvloer en waar nodig opleiding.",
            "Voor leefloners is het OCMW vaak de werkgever. Dat heet nog altijd een "
            "artikel 60-tewerkstelling.",
            "De deelnemer verdient een gewoon loon. Na afloop kan er recht zijn op een "
            "werkloosheidsuitkering.",
            "Bespreek vooraf met de maatschappelijk werker wat de job betekent voor andere "
            "tegemoetkomingen.",
        ],
    ),
}

# slug, kind, title, days from now (start), start hour, hours, place, online, capacity,
# deadline days before start, themes, summary, description paragraphs, speakers
ACTIVITIES = [
    (
        "intervisie-vastgelopen-trajecten",
        "intervision",
        "Intervisie: wanneer een traject vastloopt",
        14,
        9,
        3,
        "SAM, Vooruitgangstraat 323, Brussel",
        "",
        1,
        3,
        ["cmpps", "samenwerking"],
        "In een kleine groep bespreken casemanagers zorg trajecten die niet vooruitgaan, "
        "volgens de methode in vijf stappen.",
        [
            "Breng een situatie mee waarin je vastzit. We werken met de methode in vijf "
            "stappen uit de kennisbank. Situaties bespreken we zonder namen.",
            "De groep is bewust klein, zodat iedereen aan bod komt.",
        ],
        [("Els Wouters", "stafmedewerker SAM")],
    ),
    (
        "webinar-leefloon-en-werk",
        "webinar",
        "Webinar: leefloon en werken zonder verrassingen",
        21,
        13,
        1.5,
        "Online",
        "https://vergadering.example.org/sam-leefloon",
        None,
        0,
        ["inkomen", "regelgeving"],
        "Een jurist legt uit wat er met het leefloon gebeurt als iemand begint te werken, met "
        "rekenvoorbeelden en tijd voor vragen.",
        [
            "We overlopen de vrijstelling voor socio-professionele integratie en rekenen drie "
            "situaties door die casemanagers vaak tegenkomen.",
            "Je kan vooraf vragen insturen bij je inschrijving.",
        ],
        [("Karim El Amrani", "jurist sociaal recht")],
    ),
    (
        "vorming-krachtgericht-werken",
        "training",
        "Vorming: krachtgericht werken met mensen met een psychische kwetsbaarheid",
        35,
        9,
        7,
        "Vormingscentrum De Brug, Gent",
        "",
        20,
        10,
        ["cmpps", "zorg"],
        "Een dag vorming over de krachtgerichte methodiek, met oefeningen in gespreksvoering "
        "en een ervaringsdeskundige als co-lesgever.",
        [
            "In de voormiddag staat de theorie van krachtgericht werken centraal; in de "
            "namiddag oefen je in kleine groepen met situaties uit je eigen praktijk.",
            "Lunch is voorzien. Laat bij je inschrijving weten of je dieetwensen hebt.",
        ],
        [
            ("Sofie Peeters", "lesgever krachtgericht werken"),
            ("Tom Janssens", "ervaringsdeskundige"),
        ],
    ),
    (
        "lerend-netwerk-doorstroom",
        "network",
        "Lerend Netwerk Doorstroom: van onbetaald naar betaald werk",
        49,
        13,
        3,
        "Maatwerkbedrijf Het Anker, Aalst",
        "",
        30,
        7,
        ["sociale-economie", "werk"],
        "Organisaties uit arbeidszorg, sociale economie en trajectbegeleiding wisselen uit "
        "hoe ze doorstroom naar betaald werk ondersteunen.",
        [
            "Deze bijeenkomst staat in het teken van de overgang van arbeidszorg naar een "
            "maatwerkbedrijf. Twee organisaties brengen een praktijkvoorbeeld."
        ],
        [("An De Smet", "coördinator Lerend Netwerk")],
    ),
    (
        "studiedag-werk-en-zorg",
        "study_day",
        "Studiedag werk en zorg: vijf jaar werk-zorgtrajecten",
        70,
        9,
        7.5,
        "Provinciehuis, Leuven",
        "",
        150,
        14,
        ["werk", "zorg", "regelgeving"],
        "Een dag met onderzoekers, beleidsmakers en casemanagers over wat werk-zorgtrajecten "
        "opleverden en wat er beter moet.",
        [
            "Na een inleiding over de resultaten van de trajecten volgen workshops over "
            "samenwerking, inkomen en de overstap naar welzijnstrajecten.",
            "SAM presenteert er ook de gebundelde praktijkknelpunten van het voorbije jaar.",
        ],
        [
            ("Prof. Lies Vandenberghe", "onderzoeker sociaal werk"),
            ("Bart Claes", "beleidsmedewerker departement Zorg"),
        ],
    ),
    (
        "webinar-ziekte-uitkering-toegelaten-arbeid",
        "webinar",
        "Webinar: toegelaten arbeid tijdens een ziekte-uitkering",
        -20,
        10,
        1.5,
        "Online",
        "https://vergadering.example.org/sam-riziv",
        None,
        0,
        ["inkomen", "zorg"],
        "Een medewerker van een ziekenfonds legt uit hoe gedeeltelijk werken tijdens "
        "arbeidsongeschiktheid werkt en waar het vaak misloopt.",
        [
            "We bespraken de aanvraag bij de adviserend arts, de berekening van het inkomen en "
            "veelgemaakte fouten."
        ],
        [("Nathalie Mertens", "maatschappelijk werker ziekenfonds")],
    ),
    (
        "intervisie-samenwerken-met-ocmw",
        "intervision",
        "Intervisie: samenwerken met het sociaal huis",
        -45,
        13,
        3,
        "SAM, Vooruitgangstraat 323, Brussel",
        "",
        10,
        3,
        ["samenwerking", "inkomen"],
        "Casemanagers wisselden uit over de samenwerking met OCMW's en sociale huizen: wat "
        "werkt, waar loopt het vast?",
        [
            "De deelnemers brachten situaties in rond leefloon, TWE en de timing van "
            "beslissingen van het bijzonder comité."
        ],
        [("Els Wouters", "stafmedewerker SAM")],
    ),
    (
        "vorming-privacy-in-de-praktijk",
        "training",
        "Vorming: privacy en beroepsgeheim in de praktijk",
        -90,
        9,
        3.5,
        "Online",
        "https://vergadering.example.org/sam-privacy",
        40,
        5,
        ["regelgeving", "samenwerking"],
        "Wat mag je delen met de casemanager werk, de werkgever of een collega? Een vorming "
        "over beroepsgeheim, gedeeld beroepsgeheim en de GDPR.",
        [
            "Met casussen uit de praktijk overliepen we wanneer je informatie mag delen en "
            "wanneer je toestemming nodig hebt."
        ],
        [("Mr. Joris Van Hoof", "advocaat gezondheidsrecht")],
    ),
]


# Questions staff ask when people register (slug → (question, help text, required)).
REGISTRATION_QUESTIONS = {
    "vorming-krachtgericht-werken": [
        (
            "Heb je dieetwensen of noden op vlak van toegankelijkheid?",
            "Bijvoorbeeld vegetarisch, een allergie of een rolstoeltoegankelijke plaats. "
            "Alleen het SAM-team ziet je antwoord.",
            False,
        ),
    ],
}
