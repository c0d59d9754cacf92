"""The showcase, written by hand from the localisation dialogue: the
secretariat's reviewers, the makers the dialogue names with their demo
logins, the coalitions they lead and the commitments they made."""

from commitments.models import Constituency, Scope

from .common import CLIMATE, EJR, GBV, MOVEMENTS, SRHR, TECH, WPS, Status

# The roles commitments/migrations/0004_roles.py creates.
REVIEWERS_GROUP = "Reviewers"
SECRETARIAT_ADMINS_GROUP = "Secretariat admins"
REVIEWERS = [
    ("secretariat", "Sam", "Okello"),
    ("reviewer-amina", "Amina", "Diallo"),
    ("reviewer-lucia", "Lucia", "Garcia"),
]

# A look-alike of Government of Kenya waiting for the secretariat's check.
UNVERIFIED_MAKER = dict(
    name="Ministry of Gender and Affirmative Action, Kenya",
    constituency=Constituency.MEMBER_STATE,
    country="KE",
    user="maker-unverified",
)

# Makers named in the localisation dialogue. `user` makes a demo login that
# owns the maker; `editors` gives the named users an editor seat.
SHOWCASE_MAKERS = [
    dict(
        key="kenya",
        name="Government of Kenya",
        constituency=Constituency.MEMBER_STATE,
        country="KE",
        user="maker-kenya",
    ),
    dict(
        key="tanzania",
        name="Government of the United Republic of Tanzania",
        constituency=Constituency.MEMBER_STATE,
        country="TZ",
        user="maker-tanzania",
    ),
    dict(
        key="burkina",
        name="Government of Burkina Faso",
        constituency=Constituency.MEMBER_STATE,
        country="BF",
        user="maker-burkina-faso",
    ),
    dict(
        key="kazakhstan",
        name="Government of Kazakhstan",
        constituency=Constituency.MEMBER_STATE,
        country="KZ",
        user="maker-kazakhstan",
    ),
    dict(
        key="thirty",
        name="Asia-Pacific 30 for 2030 Youth Network",
        acronym="30for2030",
        constituency=Constituency.YOUTH_LED,
        country="TH",
        user="maker-30for2030",
    ),
    # Bosnia and Herzegovina: 23 makers from government, business, NGOs and
    # creative media in four local coalition chapters.
    dict(
        key="ba-agency",
        name="Agency for Gender Equality of Bosnia and Herzegovina",
        acronym="GEA BiH",
        constituency=Constituency.MEMBER_STATE,
        country="BA",
        user="maker-bih",
    ),
    dict(
        key="ba-health",
        name="Sarajevo Canton Ministry of Health",
        constituency=Constituency.LOCAL_GOVERNMENT,
        country="BA",
    ),
    dict(key="ba-tuzla", name="Tuzla City Administration", constituency=Constituency.LOCAL_GOVERNMENT, country="BA"),
    dict(key="ba-mostar", name="Mostar Municipal Council", constituency=Constituency.LOCAL_GOVERNMENT, country="BA"),
    dict(
        key="ba-zenica", name="Zenica Social Welfare Centre", constituency=Constituency.LOCAL_GOVERNMENT, country="BA"
    ),
    dict(key="ba-school", name="Sarajevo School of Public Health", constituency=Constituency.ACADEMIA, country="BA"),
    dict(
        key="ba-care", name="Care Economy Research Group, Banja Luka", constituency=Constituency.ACADEMIA, country="BA"
    ),
    dict(key="ba-green", name="Green Balkans Feminist Lab", constituency=Constituency.FEMINIST_ORG, country="BA"),
    dict(
        key="ba-shelter",
        name="Safe Haven Shelter Network",
        constituency=Constituency.FEMINIST_ORG,
        country="BA",
        editors=["maker-bih"],
    ),
    dict(key="ba-legal", name="Women's Legal Aid Bosnia", constituency=Constituency.FEMINIST_ORG, country="BA"),
    dict(
        key="ba-drina",
        name="Drina Valley Rural Women's Association",
        constituency=Constituency.CIVIL_SOCIETY,
        country="BA",
    ),
    dict(key="ba-roma", name="Roma Women's Voice", constituency=Constituency.CIVIL_SOCIETY, country="BA"),
    dict(
        key="ba-youth",
        name="Youth Advisory Board on Generation Equality",
        constituency=Constituency.YOUTH_LED,
        country="BA",
        editors=["maker-bih"],
    ),
    dict(key="ba-neretva", name="Neretva Young Climate Collective", constituency=Constituency.YOUTH_LED, country="BA"),
    dict(key="ba-bank", name="Dinara Savings Bank", constituency=Constituency.PRIVATE_SECTOR, country="BA"),
    dict(key="ba-textile", name="Sava Textiles", constituency=Constituency.PRIVATE_SECTOR, country="BA"),
    dict(key="ba-software", name="Bosna Software House", constituency=Constituency.PRIVATE_SECTOR, country="BA"),
    dict(key="ba-solar", name="Herzegovina Solar Cooperative", constituency=Constituency.PRIVATE_SECTOR, country="BA"),
    dict(key="ba-film", name="Kadar Film and Media Studio", constituency=Constituency.OTHER, country="BA"),
    dict(key="ba-radio", name="Valovi Community Radio", constituency=Constituency.OTHER, country="BA"),
    dict(key="ba-podcast", name="Glasovi Podcast Collective", constituency=Constituency.OTHER, country="BA"),
    dict(
        key="ba-interfaith",
        name="Interfaith Women's Council of Bosnia and Herzegovina",
        constituency=Constituency.OTHER,
        country="BA",
    ),
    dict(key="ba-unfpa", name="UNFPA Bosnia and Herzegovina", constituency=Constituency.UN_ENTITY, country="BA"),
]
BOSNIA_COALITIONS = [SRHR, GBV, EJR, CLIMATE]

# Leaders of coalitions among the showcase makers: (maker key, coalition, since).
SHOWCASE_LEADERS = [("kenya", GBV, 2021), ("tanzania", EJR, 2021)]


def showcase_commitments():
    """The hand-written commitments. Anything a spec leaves out is generated
    like any other commitment; `created` is (year offset from the first
    Generation Equality year, month, day), `behaviour` how it reports."""
    specs = [
        dict(
            maker="kenya",
            coalitions=[GBV],
            areas=[(GBV, 3), (GBV, 1)],
            themes=["law-and-policy", "financing"],
            types=["policy", "programme", "financial"],
            amount=23_000_000,
            scope=Scope.NATIONAL,
            countries=["KE"],
            start_year=2021,
            end_year=2026,
            created=(0, 5, 10),
            status=Status.APPROVED,
            behaviour="reported",
            title="Open a gender-based violence response centre in every county health facility",
            description=(
                "Kenya commits to make survivor care part of ordinary health services: a response centre in "
                "every county hospital, gender desks in police stations and courts that specialise in "
                "gender-based violence, including virtual hearings. County Generation Equality committees "
                "report to a national steering committee every quarter."
            ),
            target_groups="survivors of violence, adolescent girls, police officers",
            partners="County governments, the State Department for Gender, the judiciary, UN agencies",
        ),
        dict(
            maker="kenya",
            coalitions=[GBV],
            areas=[(GBV, 2)],
            themes=["gender-norms"],
            types=["programme", "advocacy"],
            scope=Scope.LOCAL,
            countries=["KE"],
            start_year=2022,
            end_year=2026,
            created=(0, 6, 1),
            status=Status.APPROVED,
            behaviour="due",
            amendment=Status.DRAFT,
            title="Work with men, elders and young Maasai warriors to end female genital mutilation",
            description=(
                "Community dialogues led by elders, faith leaders and young men challenge the acceptance of "
                "violence and of cutting girls. The programme runs in counties where the practice persists "
                "and measures attitudes before and after."
            ),
            target_groups="men and boys, community elders, girls at risk of cutting",
            partners="Faith and community leaders, county governments",
        ),
        dict(
            maker="kenya",
            coalitions=[GBV, EJR],
            areas=[(GBV, 3)],
            types=["financial"],
            amount=1_500_000,
            scope=Scope.NATIONAL,
            countries=["KE"],
            start_year=2026,
            end_year=2029,
            status=Status.DRAFT,
            title="Capitalise a national fund for survivors of gender-based violence",
        ),
        dict(
            maker="tanzania",
            coalitions=[EJR],
            areas=[(EJR, 1), (EJR, 2)],
            themes=["financing", "law-and-policy"],
            types=["policy", "programme", "financial"],
            amount=40_000_000,
            scope=Scope.NATIONAL,
            countries=["TZ"],
            start_year=2021,
            end_year=2026,
            created=(0, 5, 20),
            status=Status.APPROVED,
            behaviour="reported",
            title="Run the Tanzania Generation Equality Programme for women's economic justice",
            description=(
                "A national programme coordinated by the ministry responsible for gender: childcare and care "
                "services, decent work in formal and informal jobs, and women's control of land and credit. "
                "Focal points in local government authorities on the mainland and in Zanzibar collect data "
                "and follow up in the councils."
            ),
            target_groups="women in informal work, women farmers, unpaid carers",
            partners="Ministry responsible for gender, local government authorities, Zanzibar government",
        ),
        dict(
            maker="tanzania",
            coalitions=[EJR],
            areas=[(EJR, 4)],
            themes=["gender-data"],
            types=["policy"],
            scope=Scope.NATIONAL,
            countries=["TZ"],
            start_year=2024,
            end_year=2027,
            created=(3, 2, 1),
            status=Status.APPROVED,
            behaviour="due",
            title="Launch a public Generation Equality dashboard to replace paper reporting",
            description=(
                "Stakeholders report on paper today and coordination suffers. A public website and a shared "
                "dashboard will let government, civil society and business see who does what, and where."
            ),
        ),
        dict(
            maker="burkina",
            coalitions=[SRHR],
            areas=[(SRHR, 2), (SRHR, 1)],
            themes=["education"],
            types=["programme", "financial"],
            amount=6_500_000,
            scope=Scope.NATIONAL,
            countries=["BF"],
            start_year=2022,
            end_year=2026,
            created=(0, 9, 15),
            status=Status.APPROVED,
            behaviour="reported",
            challenges=["security", "funding"],
            title="Train village midwives and build health posts for displaced women in Burkina Faso",
            description=(
                "Part of a West African roadmap on sexual and reproductive health: village midwives and "
                "community health workers get training and equipment, health posts are built where displaced "
                "families live, and sexuality education and menstrual hygiene enter the school curriculum. A "
                "national multi-stakeholder committee monitors the plan."
            ),
            target_groups="internally displaced women, adolescent girls, midwives",
            partners="Ministry of health, parents' associations, technical and financial partners",
            # The maker's own words for its French-speaking readers too.
            translations={
                "fr": {
                    "title": "Former des sages-femmes de village et construire des postes de santé pour les "
                    "femmes déplacées au Burkina Faso",
                    "description": (
                        "Une partie d'une feuille de route ouest-africaine sur la santé sexuelle et reproductive : "
                        "les sages-femmes de village et les agents de santé communautaires sont formés et équipés, "
                        "des postes de santé sont construits là où vivent les familles déplacées, et l'éducation "
                        "à la sexualité et l'hygiène menstruelle entrent dans les programmes scolaires. Un comité "
                        "national multipartite suit le plan."
                    ),
                }
            },
        ),
        dict(
            maker="burkina",
            coalitions=[SRHR],
            areas=[(SRHR, 3)],
            themes=["law-and-policy"],
            types=["policy"],
            scope=Scope.NATIONAL,
            countries=["BF"],
            start_year=2023,
            end_year=2026,
            status=Status.RETURNED,
            title="Revise the Persons and Family Code",
        ),
        dict(
            maker="kazakhstan",
            coalitions=[GBV],
            areas=[(GBV, 3), (GBV, 4)],
            themes=["financing"],
            types=["programme", "financial"],
            amount=2_000_000,
            scope=Scope.REGIONAL,
            countries=["KZ", "KG", "UZ", "TJ", "TM"],
            start_year=2021,
            end_year=2026,
            created=(0, 6, 30),
            status=Status.APPROVED,
            behaviour="reported",
            amendment=Status.SUBMITTED,
            title="Prevent gender-based violence and support survivors across Central Asia",
            description=(
                "Kazakhstan was the first Central Asian country to take on gender-based violence through the "
                "Spotlight Initiative: prevention, response centres and police gender desks for survivors. "
                "Since 2023 it also pays, from the national budget every year, for a Central Asian alliance "
                "of governments, civil society and business that shares methods across the region."
            ),
            target_groups="survivors of violence, civil society organisations",
            partners="Central Asian governments, civil society networks, UN Women",
        ),
        dict(
            maker="kazakhstan",
            coalitions=[EJR],
            areas=[(EJR, 3), (EJR, 1)],
            types=["programme"],
            scope=Scope.NATIONAL,
            countries=["KZ"],
            start_year=2021,
            end_year=2025,
            created=(0, 7, 2),
            status=Status.APPROVED,
            behaviour="inactive",
            title="Open entrepreneurship centres for women across Kazakhstan",
            description=(
                "Centres in every region train women to start and grow businesses, and childcare support "
                "lets them take part. Thousands of women have been trained so far."
            ),
            target_groups="women entrepreneurs, mothers of young children",
            translations={
                "ru": {
                    "title": "Открыть центры предпринимательства для женщин по всему Казахстану",
                    "description": (
                        "Центры в каждом регионе учат женщин открывать и развивать своё дело, а помощь с уходом "
                        "за детьми позволяет им участвовать. Обучение уже прошли тысячи женщин."
                    ),
                }
            },
        ),
        dict(
            maker="kazakhstan",
            coalitions=[TECH],
            areas=[(TECH, 1), (TECH, 3)],
            themes=["education"],
            types=["policy", "programme"],
            scope=Scope.REGIONAL,
            countries=["KZ", "KG", "MN", "UZ"],
            start_year=2024,
            end_year=2028,
            created=(2, 11, 20),
            status=Status.APPROVED,
            behaviour="reported",
            title="Close the digital gender gap and bring women into innovation",
            description=(
                "After hosting the regional midpoint forum, Kazakhstan joined the Technology and Innovation "
                "coalition. It convenes ministers on digital inclusion and funds digital skills and "
                "innovation programmes for women."
            ),
        ),
        dict(
            maker="kazakhstan",
            coalitions=[MOVEMENTS],
            areas=[(MOVEMENTS, 3)],
            types=["policy"],
            scope=Scope.NATIONAL,
            countries=["KZ"],
            start_year=2025,
            end_year=2030,
            status=Status.SUBMITTED,
            title="Keep a 30% quota for women and youth in elected bodies",
        ),
        dict(
            maker="thirty",
            coalitions=[MOVEMENTS, GBV],
            areas=[(MOVEMENTS, 4), (GBV, 2)],
            themes=["intersectionality"],
            types=["advocacy"],
            scope=Scope.REGIONAL,
            countries=["TH", "PH", "ID", "IN", "NP", "FJ", "VN"],
            start_year=2021,
            end_year=2030,
            created=(0, 8, 1),
            status=Status.APPROVED,
            behaviour="reported",
            challenges=["other", "funding"],
            title="Advise and co-create Generation Equality campaigns, led by young people in Asia and the Pacific",
            description=(
                "A volunteer network of young leaders, from entrepreneurs and technologists to artists and "
                "journalists, advises coalition leaders and commitment makers and runs joint campaigns on "
                "violence, economic empowerment and feminist movements, with LGBTIQ+ people and people with "
                "disabilities at the centre. Offline formats help members facing digital divides, language "
                "barriers and visa restrictions."
            ),
            target_groups="young feminists, LGBTIQ+ people, young people with disabilities",
        ),
        dict(
            maker="thirty",
            coalitions=[WPS],
            areas=[(WPS, 2)],
            types=["advocacy"],
            scope=Scope.REGIONAL,
            countries=["TH", "MM", "AF", "PH"],
            start_year=2022,
            end_year=2026,
            created=(1, 3, 8),
            status=Status.APPROVED,
            behaviour="inactive",
            title="Bring young women's voices into peace and security dialogues in Asia and the Pacific",
        ),
        dict(
            maker="thirty",
            coalitions=[EJR],
            types=["advocacy"],
            scope=Scope.REGIONAL,
            countries=["TH", "KH", "LA"],
            start_year=2023,
            end_year=2025,
            created=(1, 2, 1),
            status=Status.WITHDRAWN,
        ),
        # Bosnia and Herzegovina's chapters, with the initiatives the dialogue
        # names first; the other makers get generated commitments.
        dict(
            maker="ba-health",
            coalitions=[SRHR],
            areas=[(SRHR, 2)],
            types=["programme", "financial"],
            amount=850_000,
            scope=Scope.LOCAL,
            status=Status.APPROVED,
            behaviour="reported",
            title="Scale up HPV immunisation of girls in Sarajevo Canton",
        ),
        dict(
            maker="ba-school",
            coalitions=[SRHR],
            areas=[(SRHR, 1)],
            themes=["education"],
            types=["programme"],
            scope=Scope.NATIONAL,
            status=Status.APPROVED,
            title="Pilot a comprehensive sexuality education handbook in secondary schools",
        ),
        dict(
            maker="ba-care",
            coalitions=[EJR],
            areas=[(EJR, 1)],
            themes=["gender-data"],
            types=["programme"],
            scope=Scope.NATIONAL,
            status=Status.APPROVED,
            title="Carry out the country's first baseline study of the care economy",
        ),
        dict(
            maker="ba-green",
            coalitions=[CLIMATE],
            areas=[(CLIMATE, 4)],
            themes=["gender-data"],
            types=["advocacy"],
            scope=Scope.NATIONAL,
            status=Status.APPROVED,
            behaviour="reported",
            title="Map gender data gaps in climate, environment and biodiversity legislation",
        ),
        dict(
            maker="ba-agency",
            coalitions=[GBV, EJR, SRHR, CLIMATE],
            types=["policy"],
            scope=Scope.NATIONAL,
            status=Status.APPROVED,
            behaviour="reported",
            title="Coordinate the Generation Equality organising committee of Bosnia and Herzegovina",
            description=(
                "The agency co-chairs a committee of ministries, UN agencies, civil society and the youth "
                "advisory board that runs the four local coalition chapters, onboards new commitment makers "
                "and uses existing coordination groups to keep everyone informed."
            ),
        ),
        dict(
            maker="ba-youth",
            coalitions=[GBV],
            areas=[(GBV, 2)],
            types=["advocacy"],
            scope=Scope.NATIONAL,
            status=Status.DRAFT,
        ),
    ]
    covered = {spec["maker"] for spec in specs}
    bosnians = [maker for maker in SHOWCASE_MAKERS if maker["key"].startswith("ba-")]
    for index, maker in enumerate(maker for maker in bosnians if maker["key"] not in covered):
        local = maker["constituency"] == Constituency.LOCAL_GOVERNMENT
        specs.append(
            dict(
                maker=maker["key"],
                coalitions=[BOSNIA_COALITIONS[index % 4]],
                status=Status.APPROVED,
                scope=Scope.LOCAL if local else Scope.NATIONAL,
            )
        )
    for spec in specs:
        spec.setdefault("countries", ["BA"] if spec["maker"].startswith("ba-") else None)
    return specs
