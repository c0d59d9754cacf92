"""The words of the demo: what commitments pledge and why, how the work is
done and measured, who it reaches, what reviewers and makers write, and the
pieces generated makers' and people's names are made of."""

from commitments.models import Constituency

from .common import CLIMATE, EJR, GBV, MOVEMENTS, SRHR, TECH, WPS, Impl

# Vocabulary ------------------------------------------------------------------

# What commitments promise, per coalition, each with the action area it
# serves. A title is one of these plus where (and sometimes by when).
PLEDGES = {
    GBV: [
        ("Open one-stop response centres for survivors of gender-based violence", 3),
        ("Set up gender desks in police stations", 3),
        ("Fund shelters and safe houses for women escaping violence", 3),
        ("Run a free helpline for survivors of violence, day and night", 3),
        ("Establish specialised courts for gender-based violence cases", 1),
        ("Pass and enforce a comprehensive law on violence against women", 1),
        ("Engage men and boys in preventing violence against women", 2),
        ("End female genital mutilation through community dialogue", 2),
        ("Prevent child marriage through girls' clubs and community pledges", 2),
        ("Give grassroots women's organisations flexible funding to end violence", 4),
        ("Create a fund for the recovery of survivors of violence", 3),
        ("Train health workers to recognise and respond to violence", 3),
    ],
    EJR: [
        ("Invest in affordable, quality childcare", 1),
        ("Recognise and redistribute unpaid care work", 1),
        ("Expand decent work for women in the informal economy", 2),
        ("Extend labour protection and social security to domestic workers", 2),
        ("Close the gender pay gap in the public service", 2),
        ("Give women farmers secure title to the land they work", 3),
        ("Open entrepreneurship centres for women", 3),
        ("Provide affordable credit to women-led businesses", 3),
        ("Make economic stimulus packages gender-responsive", 4),
        ("Build gender-responsive budgeting into public finance", 4),
        ("Extend cash transfers to women-headed households", 4),
    ],
    SRHR: [
        ("Integrate comprehensive sexuality education into school curricula", 1),
        ("Reach out-of-school adolescents with sexuality education", 1),
        ("Train and equip village midwives and community health workers", 2),
        ("Build health posts for internally displaced women and girls", 2),
        ("Guarantee access to modern contraception", 2),
        ("Scale up HPV immunisation of adolescent girls", 2),
        ("Train girls to make and distribute menstrual hygiene kits", 2),
        ("Open youth-friendly sexual and reproductive health services", 2),
        ("Reform family law to protect girls' bodily autonomy", 3),
        ("Hold health systems to account for reproductive rights", 3),
        ("Fund feminist networks defending sexual and reproductive rights", 4),
    ],
    CLIMATE: [
        ("Channel climate finance to women-led adaptation projects", 1),
        ("Fund grassroots feminist climate action", 1),
        ("Train women in green jobs for a just energy transition", 2),
        ("Back women-led renewable energy cooperatives", 2),
        ("Train women farmers in climate-resilient agriculture", 3),
        ("Put women on disaster risk reduction committees", 3),
        ("Bring clean cooking to rural households", 3),
        ("Close gender data gaps in climate and environment law", 4),
        ("Publish sex-disaggregated data on climate impacts", 4),
    ],
    TECH: [
        ("Bridge the gender gap in digital access and skills", 1),
        ("Bring affordable mobile internet to rural women", 1),
        ("Teach girls coding and digital skills", 1),
        ("Invest in feminist technology start-ups", 2),
        ("Fund women-led innovation in health and finance", 2),
        ("Build inclusive and accountable innovation ecosystems", 3),
        ("Put women in charge of public digital transformation projects", 3),
        ("Prevent online and technology-facilitated gender-based violence", 4),
        ("Make digital platforms answer for online abuse of women", 4),
    ],
    MOVEMENTS: [
        ("Give feminist organisations core, flexible, multi-year funding", 1),
        ("Resource women's funds that reach grassroots groups", 1),
        ("Protect women human rights defenders", 2),
        ("Defend civic space for feminist organising", 2),
        ("Introduce quotas for women and youth in elected bodies", 3),
        ("Raise the share of women in management in the public sector", 3),
        ("Mentor young feminist leaders", 4),
        ("Put adolescent girls on the boards that decide for them", 4),
    ],
    WPS: [
        ("Fund women-led organisations in humanitarian response", 1),
        ("Include women in peace negotiations and mediation", 2),
        ("Train and deploy women mediators", 2),
        ("Restore livelihoods of women displaced by conflict", 3),
        ("Give women in crisis settings cash and jobs", 3),
        ("Put women's organisations at the table in humanitarian planning", 4),
        ("Protect women peacebuilders from reprisals", 5),
        ("Provide gender-responsive aid to displaced women and girls", 5),
    ],
}

# Why the work matters, one per coalition and in several wordings.
REASONS = {
    GBV: [
        "Survivors often travel far to find help, and many never report what happened to them.",
        "Violence against women remains widely tolerated, and services are thin outside the cities.",
        "Police, courts and clinics rarely work together, so survivors tell their story again and again.",
    ],
    EJR: [
        "Unpaid care keeps millions of women out of paid work or stuck in insecure jobs.",
        "Most working women earn their living in the informal economy, without contracts or social protection.",
        "Women farm much of the land but rarely own it, which shuts them out of credit.",
    ],
    SRHR: [
        "Too many girls leave school without knowing their rights or how to protect their health.",
        "Clinics are far from villages and from camps for displaced people, and midwives are few.",
        "Laws and customs still limit what women and girls may decide about their own bodies.",
    ],
    CLIMATE: [
        "Droughts and floods hit women hardest, yet they are seldom part of the plans that respond.",
        "Very little climate finance reaches organisations led by women.",
        "Climate and environment laws rarely count how they affect women and men differently.",
    ],
    TECH: [
        "Women are less likely than men to own a phone or use mobile internet.",
        "Few technology companies are founded or funded by women.",
        "Online abuse drives women out of public life and the digital economy.",
    ],
    MOVEMENTS: [
        "Feminist organisations do much of the work on small, short, project-bound grants.",
        "Women human rights defenders face threats for speaking out.",
        "Women and young people remain a minority wherever decisions are taken.",
    ],
    WPS: [
        "Women are rarely at the table when peace is negotiated, and agreements show it.",
        "Women-led organisations are first to respond in a crisis but last to be funded.",
        "Displaced women and girls face greater risks and have fewer ways to earn a living.",
    ],
}

METHODS = [
    "The work runs from {start} to {end}, with {partners}.",
    "It is delivered with {partners} and reviewed with them every year.",
    "{maker} leads it together with {partners}.",
    "Between {start} and {end} the work moves from pilot sites to full coverage.",
]

MEASURES = [
    "Progress is measured against a baseline taken in the first year.",
    "Results are published each year and reported to the Generation Equality secretariat.",
    "A monitoring committee with civil society tracks the targets and publishes its findings.",
    "Every site collects data broken down by sex, age and disability.",
    "Independent evaluators review the results at mid-term and at the end.",
]

TARGET_GROUPS = {
    GBV: ["survivors of violence", "adolescent girls", "women with disabilities", "men and boys", "police officers"],
    EJR: ["women in informal work", "domestic workers", "women farmers", "women entrepreneurs", "unpaid carers"],
    SRHR: ["adolescent girls", "young women aged 15-24", "internally displaced women", "school pupils", "midwives"],
    CLIMATE: ["rural women", "women farmers", "indigenous women", "coastal communities", "young climate activists"],
    TECH: ["girls in secondary school", "rural women", "women-led start-ups", "women in public life"],
    MOVEMENTS: ["young feminists", "women human rights defenders", "grassroots women's groups", "LGBTIQ+ people"],
    WPS: ["refugee women", "internally displaced women", "women peacebuilders", "women-headed households"],
}

PARTNERS = [
    "the ministry responsible for gender",
    "the ministry of health",
    "the ministry of education",
    "local women's rights organisations",
    "the UN Women country office",
    "county and municipal governments",
    "private sector partners",
    "faith and community leaders",
    "universities",
    "youth networks",
    "the national statistics office",
    "development banks",
    "teachers' unions",
    "community radio stations",
]

RETURN_COMMENTS = [
    "Please give the amount in US dollars and say which years it covers.",
    "The action areas you chose do not match the description; please check them.",
    "Name the countries where the work happens, or change the scope to global.",
    "The description reads like an organisational profile; please say what will change, and by when.",
    "This combines a policy change and a programme; please split it into two commitments.",
    "Please add how you will measure progress, with a baseline if you have one.",
    "Who will this reach? Please be specific about the target groups.",
    "The end year is far beyond the Global Acceleration Plan; please confirm it.",
]
APPROVAL_COMMENTS = [
    "",
    "",
    "Clear and measurable, thank you.",
    "Approved; well aligned with the Global Acceleration Plan.",
    "Approved. Please remember to report progress every cycle.",
]
WITHDRAWAL_COMMENTS = [
    "Funding for the programme ended.",
    "Folded into a larger national programme.",
    "Our country office closed.",
    "Replaced by a new commitment with updated targets.",
]
REPORT_RETURN_COMMENTS = [
    "Please add the amount disbursed during this cycle.",
    "The number of people reached is missing.",
    "The narrative describes the previous year; please update it for this cycle.",
    "Please link to evidence, for example a published report or a news item.",
    "The challenges listed do not match the narrative; please check them.",
]
REPORT_ACCEPT_COMMENTS = ["", "", "", "Thank you for the detailed report.", "Accepted."]

# What makers write about the year, by implementation status: with the
# number of people reached when they counted them, and without.
NARRATIVES = {
    Impl.NOT_STARTED: (
        [],
        [
            "Preparations took longer than planned; the first activities start next year.",
            "Funding was confirmed late in the year, so work has not begun yet.",
        ],
    ),
    Impl.ON_TRACK: (
        [
            "Activities ran as planned and reached {people} people this year.",
            "The programme expanded to new sites and reached {people} people.",
            "Targets for the year were met; {people} people took part.",
        ],
        [
            "Activities ran as planned and the yearly milestones were met.",
            "The draft law went through consultation and is now before parliament.",
            "The campaign ran in national media and was taken up by local partners.",
        ],
    ),
    Impl.OFF_TRACK: (
        [
            "Work slowed down this year and reached only {people} people.",
            "Fewer sites opened than planned; {people} people were reached.",
        ],
        [
            "Work slowed down this year and several milestones slipped.",
            "The policy process stalled after a change of government.",
        ],
    ),
    Impl.COMPLETED: (
        ["The commitment was fully delivered; over its lifetime it reached {people} people."],
        ["All planned activities are finished and the results have been published."],
    ),
    Impl.DISCONTINUED: (
        [],
        [
            "The work stopped this year after its funding ended.",
            "The programme was discontinued; the partners are looking for a successor.",
        ],
    ),
}
NEXT_STEPS = [
    "Extend the work to two more districts next year.",
    "Publish an evaluation and share the lessons with other commitment makers.",
    "Secure co-funding from the national budget.",
    "Train a second group of community focal points.",
    "Hand the programme over to local authorities.",
    "",
]

# Names ----------------------------------------------------------------------

ROOTS = (
    "Amani Umoja Sauti Nuru Tumaini Imani Baraka Jamii Aurora Horizon Bridges Roots Lotus Cedar Olive Meridian "
    "Keystone Compass Lantern Harvest Baobab Acacia Mosaic Beacon Weave Kinship Sunrise Riverbend Highland Coral "
    "Monsoon Steppe Andes Sahel Delta Savanna Orchid Jasmine Tamarind Mangrove Summit Pathways Threads Ubuntu "
    "Lumen Solstice Anchor Kestrel Ember Tidewater Atlas Juniper Marigold Sapling Prism Cascade Ridge"
).split()
FORMS = {
    Constituency.CIVIL_SOCIETY: [
        "Community Foundation",
        "Development Network",
        "Rights Alliance",
        "Action Trust",
        "Civic Forum",
        "Community Initiative",
        "Justice Centre",
    ],
    Constituency.FEMINIST_ORG: [
        "Women's Collective",
        "Feminist Fund",
        "Women's Rights Centre",
        "Sisters' Network",
        "Women's Legal Aid",
        "Women's Forum",
        "Feminist Alliance",
    ],
    Constituency.YOUTH_LED: [
        "Youth Collective",
        "Young Feminists",
        "Girls' Network",
        "Youth Alliance",
        "Student Movement",
        "Young Women's Leadership Lab",
    ],
    Constituency.PRIVATE_SECTOR: [
        "Bank",
        "Telecom",
        "Textiles",
        "Foods",
        "Energy",
        "Digital",
        "Logistics",
        "Insurance",
        "Pharma",
    ],
    Constituency.PHILANTHROPY: ["Foundation", "Trust", "Philanthropies", "Giving Circle", "Family Foundation"],
    Constituency.INTERNATIONAL_ORG: ["International", "Global Partnership", "Development Institute", "Alliance"],
    Constituency.ACADEMIA: ["Institute for Gender Studies", "Centre for Gender Research", "School of Public Health"],
    Constituency.OTHER: ["Media Collective", "Interfaith Council", "Workers' Union", "Sports Association"],
}
UN_AGENCIES = ["UNFPA", "UNICEF", "UNDP", "ILO", "UNESCO", "WFP", "UNHCR", "FAO", "IOM", "UN-Habitat"]
LOCALITIES = [
    "Lakeshore",
    "Eastern Valley",
    "Northern Highlands",
    "Coastal",
    "Central Plateau",
    "Upper Basin",
    "Southern Hills",
    "River Delta",
    "Western Plains",
    "Border",
    "Capital",
]
LOCAL_BODIES = ["District Council", "County Government", "Municipality", "City Council", "Provincial Government"]
GIVEN_NAMES = (
    "Amina Wanjiru Fatou Aisha Grace Mariam Neema Zainab Ana Lucia Camila Sofia Valentina Leila Nour Rania "
    "Yasmin Priya Mei Linh Siti Ayesha Anjali Dilnoza Aigerim Elena Amra Lejla Ivana Sara James Omar Juan "
    "David Samuel Tariq Hamid Kofi Daniel Arman"
).split()
FAMILY_NAMES = (
    "Otieno Mwangi Njoroge Diallo Traore Ouedraogo Mensah Okafor Silva Santos Garcia Lopez Haddad Khalil Mansour "
    "Sharma Nguyen Tan Rahman Begum Sultanova Nurlanova Hodzic Kovacevic Petrovic Smith Martin Ali Hassan Mohamed"
).split()
