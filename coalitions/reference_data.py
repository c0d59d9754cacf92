"""Reference data for the coalitions app.

Plain Python data, with no Django imports: the six Generation Equality Action
Coalitions and the Compact on Women, Peace and Security and Humanitarian
Action (each with its action areas or thematic areas), the seven
cross-cutting themes, the five UN Women regions, and the region every ISO
3166-1 alpha-2 country or territory code belongs to.

A data migration in ``coalitions/migrations`` loads these values so that every
database starts with them. Change them only together with a new data
migration; slugs and codes are public identifiers used by the web site and
the API.
"""

# ---------------------------------------------------------------------------
# Action Coalitions and the Compact, in display order.
# The Global Acceleration Plan runs from 2021 to 2026.
# ---------------------------------------------------------------------------

PLAN_START_YEAR = 2021
PLAN_END_YEAR = 2026

COALITIONS = [
    {
        "slug": "gender-based-violence",
        "name": "Gender-Based Violence",
        "short_name": "GBV",
        "kind": "action_coalition",
        "description": (
            "Works to end violence against women and girls in all its forms, "
            "online and offline. Its partners push for stronger laws and their "
            "enforcement, prevention that tackles root causes, better services "
            "for survivors, and more money for the women's organisations that "
            "lead this work."
        ),
        "order": 1,
        "plan_start_year": PLAN_START_YEAR,
        "plan_end_year": PLAN_END_YEAR,
        "action_areas": [
            {
                "number": 1,
                "title": "Create an Enabling Environment of Laws and Policies to End Gender-Based Violence",
                "description": (
                    "Adopt, fund and enforce legal and policy frameworks, in line "
                    "with international and regional standards, that outlaw every "
                    "form of violence against women and girls."
                ),
            },
            {
                "number": 2,
                "title": "Scale Up Evidence-Based Prevention of Gender-Based Violence",
                "description": (
                    "Invest in proven programmes that stop violence before it "
                    "starts by changing the norms, attitudes and practices that "
                    "allow it."
                ),
            },
            {
                "number": 3,
                "title": "Expand Survivor-Centred, Comprehensive and Accessible Services",
                "description": (
                    "Make sure every survivor can reach good-quality health, "
                    "justice, police, shelter and support services that put her "
                    "safety and choices first."
                ),
            },
            {
                "number": 4,
                "title": "Resource Autonomous Women's Rights Organisations Working to End Gender-Based Violence",
                "description": (
                    "Give feminist and women's rights organisations, especially "
                    "grassroots ones, more flexible funding and a real say in the "
                    "response to violence."
                ),
            },
        ],
    },
    {
        "slug": "economic-justice-and-rights",
        "name": "Economic Justice and Rights",
        "short_name": "Economic Justice",
        "kind": "action_coalition",
        "description": (
            "Aims to give women the same economic opportunities, income and "
            "security as men. It focuses on care work, decent jobs, control over "
            "land and finance, and economic policies that take women's lives "
            "into account."
        ),
        "order": 2,
        "plan_start_year": PLAN_START_YEAR,
        "plan_end_year": PLAN_END_YEAR,
        "action_areas": [
            {
                "number": 1,
                "title": "Transform the Care Economy",
                "description": (
                    "Recognise, reduce and share out unpaid care and domestic work "
                    "and create decent paid jobs in the care sector."
                ),
            },
            {
                "number": 2,
                "title": "Expand Decent Work and Employment for Women in Formal and Informal Economies",
                "description": (
                    "Open up decent, protected and fairly paid work for women, "
                    "including those earning a living in the informal economy."
                ),
            },
            {
                "number": 3,
                "title": "Increase Women's Access to and Control over Productive Resources",
                "description": (
                    "Strengthen women's rights to land, property, credit, markets "
                    "and digital financial services, and their power to decide how "
                    "these are used."
                ),
            },
            {
                "number": 4,
                "title": "Design and Implement Gender-Responsive Macroeconomic Policies, Stimulus Packages and Social Protection",
                "description": (
                    "Shape budgets, recovery plans and social protection systems so "
                    "that they reduce, rather than deepen, the economic gaps between "
                    "women and men."
                ),
            },
        ],
    },
    {
        "slug": "bodily-autonomy-and-srhr",
        "name": "Bodily Autonomy and Sexual and Reproductive Health and Rights",
        "short_name": "SRHR",
        "kind": "action_coalition",
        "description": (
            "Defends the right of girls, women and gender-diverse people to make "
            "their own decisions about their bodies, sexuality and reproduction. "
            "It works for sexuality education, quality health services, "
            "protective laws and strong feminist advocacy."
        ),
        "order": 3,
        "plan_start_year": PLAN_START_YEAR,
        "plan_end_year": PLAN_END_YEAR,
        "action_areas": [
            {
                "number": 1,
                "title": "Expand Comprehensive Sexuality Education In and Out of School",
                "description": (
                    "Give young people accurate, age-appropriate education on "
                    "sexuality, relationships, consent and health, both in schools "
                    "and in community settings."
                ),
            },
            {
                "number": 2,
                "title": "Increase Access to Quality Comprehensive Sexual and Reproductive Health Services, Including Contraception and Safe Abortion",
                "description": (
                    "Widen the reach of affordable, good-quality sexual and "
                    "reproductive health care, with a full range of contraceptive "
                    "methods and safe abortion care."
                ),
            },
            {
                "number": 3,
                "title": "Strengthen Laws, Policies and Accountability for Bodily Autonomy and SRHR",
                "description": (
                    "Remove legal and policy barriers and put in place protections "
                    "so that people can decide freely about their bodies and "
                    "reproduction."
                ),
            },
            {
                "number": 4,
                "title": "Support Feminist Organisations and Networks Advancing Bodily Autonomy and SRHR",
                "description": (
                    "Fund and back the feminist, youth-led and community groups "
                    "that advocate for these rights and hold decision-makers to "
                    "account."
                ),
            },
        ],
    },
    {
        "slug": "feminist-action-for-climate-justice",
        "name": "Feminist Action for Climate Justice",
        "short_name": "Climate Justice",
        "kind": "action_coalition",
        "description": (
            "Puts women and girls at the centre of the response to the climate "
            "crisis, which hits them hardest. It channels money to women-led "
            "climate solutions, supports their leadership in a green economy, "
            "builds resilience and improves data on gender and the environment."
        ),
        "order": 4,
        "plan_start_year": PLAN_START_YEAR,
        "plan_end_year": PLAN_END_YEAR,
        "action_areas": [
            {
                "number": 1,
                "title": "Increase Access to Finance for Gender-Just Climate Solutions",
                "description": (
                    "Steer more climate finance to solutions designed and led by "
                    "women and girls, particularly at grassroots level."
                ),
            },
            {
                "number": 2,
                "title": "Enable Women and Girls to Lead a Just Transition to an Inclusive Green Economy",
                "description": (
                    "Back women's and girls' leadership, skills and jobs in the "
                    "shift to a fair, low-carbon and circular economy."
                ),
            },
            {
                "number": 3,
                "title": "Build the Resilience of Women and Girls to Climate Impacts, Disaster Risks and Loss and Damage",
                "description": (
                    "Help women and girls prepare for, withstand and recover from "
                    "climate shocks, including through secure land and resource "
                    "rights."
                ),
            },
            {
                "number": 4,
                "title": "Increase the Collection and Use of Data on the Gender-Environment Nexus",
                "description": (
                    "Produce and use better sex-disaggregated data on how climate "
                    "and environmental change affect women and men differently."
                ),
            },
        ],
    },
    {
        "slug": "technology-and-innovation",
        "name": "Technology and Innovation for Gender Equality",
        "short_name": "Technology and Innovation",
        "kind": "action_coalition",
        "description": (
            "Seeks to ensure that women and girls can use, shape and own digital "
            "and physical technologies on equal terms. It tackles the digital "
            "divide, funds feminist innovation, and works to make online spaces "
            "free of violence and discrimination."
        ),
        "order": 5,
        "plan_start_year": PLAN_START_YEAR,
        "plan_end_year": PLAN_END_YEAR,
        "action_areas": [
            {
                "number": 1,
                "title": "Bridge the Gender Gap in Digital Access and Competencies",
                "description": (
                    "Close the gaps in connectivity, devices and digital skills so "
                    "that women and girls can go online and benefit from it."
                ),
            },
            {
                "number": 2,
                "title": "Invest in Feminist Technology and Innovation",
                "description": (
                    "Put money behind technology built by and for women and girls, "
                    "and behind women founders and innovators."
                ),
            },
            {
                "number": 3,
                "title": "Build Inclusive, Transformative and Accountable Innovation Ecosystems",
                "description": (
                    "Make research, industry and start-up environments open to women "
                    "in all their diversity and answerable for the gender impact of "
                    "what they create."
                ),
            },
            {
                "number": 4,
                "title": "Prevent and Eliminate Online and Tech-Facilitated GBV and Discrimination",
                "description": (
                    "Stop abuse, harassment and bias carried out through digital "
                    "tools, and hold platforms and perpetrators to account."
                ),
            },
        ],
    },
    {
        "slug": "feminist-movements-and-leadership",
        "name": "Feminist Movements and Leadership",
        "short_name": "Feminist Movements",
        "kind": "action_coalition",
        "description": (
            "Backs the feminist movements and women leaders who drive change, "
            "from local groups to parliaments. It works for more funding for "
            "feminist organising, safer civic space, equal participation in "
            "decision-making and more room for young feminists to lead."
        ),
        "order": 6,
        "plan_start_year": PLAN_START_YEAR,
        "plan_end_year": PLAN_END_YEAR,
        "action_areas": [
            {
                "number": 1,
                "title": "Fund and Resource Feminist Movements and Organisations",
                "description": (
                    "Raise the volume and quality of flexible, long-term funding "
                    "that reaches feminist activists and women's rights "
                    "organisations."
                ),
            },
            {
                "number": 2,
                "title": "Expand and Protect Civic Space for Feminist Action and Women Human Rights Defenders",
                "description": (
                    "Defend the freedom of feminist activists and women human rights "
                    "defenders to organise and speak out without threats or "
                    "reprisals."
                ),
            },
            {
                "number": 3,
                "title": "Advance Women's Full and Equal Participation and Leadership in Decision-Making",
                "description": (
                    "Move towards gender parity in political, public and economic "
                    "leadership, for women in all their diversity."
                ),
            },
            {
                "number": 4,
                "title": "Strengthen the Leadership of Adolescent Girls and Young Feminists",
                "description": (
                    "Give girl-led and youth-led feminist groups the resources, "
                    "skills and seats at the table they need to shape decisions."
                ),
            },
        ],
    },
    {
        "slug": "women-peace-security-humanitarian-action",
        "name": "Compact on Women, Peace and Security and Humanitarian Action",
        "short_name": "WPS-HA Compact",
        "kind": "compact",
        "description": (
            "A framework, alongside the Action Coalitions, that steers action "
            "and resources to women's roles and rights in peace, security and "
            "humanitarian response. Signatories commit to concrete steps across "
            "five thematic areas, from funding to protection in crisis settings."
        ),
        "order": 7,
        "plan_start_year": PLAN_START_YEAR,
        "plan_end_year": PLAN_END_YEAR,
        "action_areas": [
            {
                "number": 1,
                "title": "Financing the Women, Peace and Security and Humanitarian Action Agenda",
                "description": (
                    "Increase and track the money that goes to women, peace and "
                    "security and to gender-responsive humanitarian work, including "
                    "to women-led organisations."
                ),
            },
            {
                "number": 2,
                "title": "Women's Full, Equal and Meaningful Participation in Peace Processes",
                "description": (
                    "Ensure women take part and have influence at every stage of "
                    "negotiating, implementing and monitoring peace agreements."
                ),
            },
            {
                "number": 3,
                "title": "Women's Economic Security and Access to Resources",
                "description": (
                    "Secure income, jobs, assets and essential services for women "
                    "living through conflict, displacement and recovery."
                ),
            },
            {
                "number": 4,
                "title": "Women's Leadership and Agency in Humanitarian and Crisis Settings",
                "description": (
                    "Make women and their organisations decision-makers, not only "
                    "recipients, in humanitarian planning and delivery."
                ),
            },
            {
                "number": 5,
                "title": "Protection of Women's Human Rights in Conflict and Crisis",
                "description": (
                    "Safeguard women and girls, including women human rights "
                    "defenders and peacebuilders, from violence and rights abuses "
                    "in conflict and crisis contexts."
                ),
            },
        ],
    },
]

# ---------------------------------------------------------------------------
# Cross-cutting themes that run through every coalition.
# ---------------------------------------------------------------------------

THEMES = [
    {
        "slug": "financing",
        "name": "Financing",
        "description": (
            "Mobilising more public and private money for gender equality and "
            "making sure it reaches the people and organisations doing the work."
        ),
    },
    {
        "slug": "gender-norms",
        "name": "Transforming Gender Norms (including by engaging men and boys)",
        "description": (
            "Shifting the social expectations and stereotypes that hold women "
            "and girls back, with men and boys as part of the change."
        ),
    },
    {
        "slug": "law-and-policy",
        "name": "Law and Policy Reform",
        "description": (
            "Changing discriminatory laws and adopting and enforcing policies "
            "that protect and advance women's and girls' rights."
        ),
    },
    {
        "slug": "education",
        "name": "Education",
        "description": (
            "Using learning, from schools to vocational training, to widen "
            "opportunities for girls and women and to challenge inequality."
        ),
    },
    {
        "slug": "gender-data",
        "name": "Gender Data and Accountability",
        "description": (
            "Collecting and publishing sex-disaggregated data and tracking "
            "whether promises on gender equality are kept."
        ),
    },
    {
        "slug": "intersectionality",
        "name": "Addressing intersectional discrimination",
        "description": (
            "Reaching those who face several forms of discrimination at once, "
            "for example because of age, disability, race, ethnicity, sexual "
            "orientation or migration status."
        ),
    },
    {
        "slug": "structural-inequalities",
        "name": "Systemic change by addressing structural inequalities",
        "description": (
            "Tackling the underlying systems and power imbalances that produce "
            "inequality, rather than only its symptoms."
        ),
    },
]

# ---------------------------------------------------------------------------
# UN Women regions and the region of every country or territory.
# ---------------------------------------------------------------------------

REGIONS = [
    ("africa", "Africa"),
    ("americas_caribbean", "Americas and the Caribbean"),
    ("arab_states", "Arab States"),
    ("asia_pacific", "Asia and the Pacific"),
    ("europe_central_asia", "Europe and Central Asia"),
]

_AFR = "africa"
_AMC = "americas_caribbean"
_ARB = "arab_states"
_APC = "asia_pacific"
_ECA = "europe_central_asia"

# Every ISO 3166-1 alpha-2 code (249, the set django-countries knows) mapped to
# a UN Women region. Arab States are the members of the League of Arab States
# (including the African ones: DZ, DJ, EG, KM, LY, MR, MA, SO, SD, TN); the
# rest of Africa is "africa". Judgement calls, where no UN Women office covers
# the code or the placement could be argued:
#   - EH (Western Sahara) and SS, ER: Africa (not League members).
#   - Territories follow geography: RE, YT, SH, IO (Chagos) to Africa; PR, VI,
#     VG, AI, AW, BQ, CW, SX, BL, MF, GP, MQ, MS, KY, TC, GF, FK, BM, PM and
#     GL (Greenland, part of the Danish realm but on the North American plate)
#     to the Americas; AS, GU, MP, CK, NU, TK, NC, PF, WF, PN, NF, CC, CX, HK,
#     MO, TW to Asia and the Pacific; AX, FO, SJ, GI, GG, JE, IM to Europe.
#   - AF and IR: Asia and the Pacific (UN Women's Asia-Pacific office covers
#     them).
#   - IL and CY: Europe and Central Asia, as asked, although UN Women has no
#     regional office covering Israel.
#   - Remote and uninhabited codes go to the nearest region: BV (Bouvet Island,
#     South Atlantic, nearest to South Africa) and TF (French Southern
#     Territories, administered from Réunion) to Africa; GS (South Georgia,
#     next to the Falklands) and AQ (Antarctica, whose nearest inhabited land
#     is South America across the Drake Passage) to the Americas; HM (Heard
#     and McDonald, Australian) and UM (US Minor Outlying Islands, almost all
#     in the Pacific) to Asia and the Pacific.
# fmt: off
COUNTRY_REGIONS = {
    "AD": _ECA, "AE": _ARB, "AF": _APC, "AG": _AMC, "AI": _AMC,
    "AL": _ECA, "AM": _ECA, "AO": _AFR, "AQ": _AMC, "AR": _AMC,
    "AS": _APC, "AT": _ECA, "AU": _APC, "AW": _AMC, "AX": _ECA,
    "AZ": _ECA, "BA": _ECA, "BB": _AMC, "BD": _APC, "BE": _ECA,
    "BF": _AFR, "BG": _ECA, "BH": _ARB, "BI": _AFR, "BJ": _AFR,
    "BL": _AMC, "BM": _AMC, "BN": _APC, "BO": _AMC, "BQ": _AMC,
    "BR": _AMC, "BS": _AMC, "BT": _APC, "BV": _AFR, "BW": _AFR,
    "BY": _ECA, "BZ": _AMC, "CA": _AMC, "CC": _APC, "CD": _AFR,
    "CF": _AFR, "CG": _AFR, "CH": _ECA, "CI": _AFR, "CK": _APC,
    "CL": _AMC, "CM": _AFR, "CN": _APC, "CO": _AMC, "CR": _AMC,
    "CU": _AMC, "CV": _AFR, "CW": _AMC, "CX": _APC, "CY": _ECA,
    "CZ": _ECA, "DE": _ECA, "DJ": _ARB, "DK": _ECA, "DM": _AMC,
    "DO": _AMC, "DZ": _ARB, "EC": _AMC, "EE": _ECA, "EG": _ARB,
    "EH": _AFR, "ER": _AFR, "ES": _ECA, "ET": _AFR, "FI": _ECA,
    "FJ": _APC, "FK": _AMC, "FM": _APC, "FO": _ECA, "FR": _ECA,
    "GA": _AFR, "GB": _ECA, "GD": _AMC, "GE": _ECA, "GF": _AMC,
    "GG": _ECA, "GH": _AFR, "GI": _ECA, "GL": _AMC, "GM": _AFR,
    "GN": _AFR, "GP": _AMC, "GQ": _AFR, "GR": _ECA, "GS": _AMC,
    "GT": _AMC, "GU": _APC, "GW": _AFR, "GY": _AMC, "HK": _APC,
    "HM": _APC, "HN": _AMC, "HR": _ECA, "HT": _AMC, "HU": _ECA,
    "ID": _APC, "IE": _ECA, "IL": _ECA, "IM": _ECA, "IN": _APC,
    "IO": _AFR, "IQ": _ARB, "IR": _APC, "IS": _ECA, "IT": _ECA,
    "JE": _ECA, "JM": _AMC, "JO": _ARB, "JP": _APC, "KE": _AFR,
    "KG": _ECA, "KH": _APC, "KI": _APC, "KM": _ARB, "KN": _AMC,
    "KP": _APC, "KR": _APC, "KW": _ARB, "KY": _AMC, "KZ": _ECA,
    "LA": _APC, "LB": _ARB, "LC": _AMC, "LI": _ECA, "LK": _APC,
    "LR": _AFR, "LS": _AFR, "LT": _ECA, "LU": _ECA, "LV": _ECA,
    "LY": _ARB, "MA": _ARB, "MC": _ECA, "MD": _ECA, "ME": _ECA,
    "MF": _AMC, "MG": _AFR, "MH": _APC, "MK": _ECA, "ML": _AFR,
    "MM": _APC, "MN": _APC, "MO": _APC, "MP": _APC, "MQ": _AMC,
    "MR": _ARB, "MS": _AMC, "MT": _ECA, "MU": _AFR, "MV": _APC,
    "MW": _AFR, "MX": _AMC, "MY": _APC, "MZ": _AFR, "NA": _AFR,
    "NC": _APC, "NE": _AFR, "NF": _APC, "NG": _AFR, "NI": _AMC,
    "NL": _ECA, "NO": _ECA, "NP": _APC, "NR": _APC, "NU": _APC,
    "NZ": _APC, "OM": _ARB, "PA": _AMC, "PE": _AMC, "PF": _APC,
    "PG": _APC, "PH": _APC, "PK": _APC, "PL": _ECA, "PM": _AMC,
    "PN": _APC, "PR": _AMC, "PS": _ARB, "PT": _ECA, "PW": _APC,
    "PY": _AMC, "QA": _ARB, "RE": _AFR, "RO": _ECA, "RS": _ECA,
    "RU": _ECA, "RW": _AFR, "SA": _ARB, "SB": _APC, "SC": _AFR,
    "SD": _ARB, "SE": _ECA, "SG": _APC, "SH": _AFR, "SI": _ECA,
    "SJ": _ECA, "SK": _ECA, "SL": _AFR, "SM": _ECA, "SN": _AFR,
    "SO": _ARB, "SR": _AMC, "SS": _AFR, "ST": _AFR, "SV": _AMC,
    "SX": _AMC, "SY": _ARB, "SZ": _AFR, "TC": _AMC, "TD": _AFR,
    "TF": _AFR, "TG": _AFR, "TH": _APC, "TJ": _ECA, "TK": _APC,
    "TL": _APC, "TM": _ECA, "TN": _ARB, "TO": _APC, "TR": _ECA,
    "TT": _AMC, "TV": _APC, "TW": _APC, "TZ": _AFR, "UA": _ECA,
    "UG": _AFR, "UM": _APC, "US": _AMC, "UY": _AMC, "UZ": _ECA,
    "VA": _ECA, "VC": _AMC, "VE": _AMC, "VG": _AMC, "VI": _AMC,
    "VN": _APC, "VU": _APC, "WF": _APC, "WS": _APC, "YE": _ARB,
    "YT": _AFR, "ZA": _AFR, "ZM": _AFR, "ZW": _AFR,
}
# fmt: on


# The first catalogue of standard indicators, loaded by migration 0005: the
# figures most commitments can report and the accountability report can sum.
# Each names the action areas (coalition slug, number) where it is offered;
# none means every area. The secretariat extends it in the admin.
STANDARD_INDICATORS = [
    {
        "code": "people-reached-by-services",
        "name": "People reached by services",
        "description": "People who received a service (health, legal, shelter, psycho-social, financial) "
        "through the commitment in the year.",
        "unit": "people",
        "areas": [("gender-based-violence", 3), ("bodily-autonomy-and-srhr", 2)],
    },
    {
        "code": "laws-and-policies-adopted",
        "name": "Laws and policies adopted or reformed",
        "description": "Laws, regulations, policies or national action plans adopted, amended or repealed.",
        "unit": "laws_policies",
        "areas": [
            ("gender-based-violence", 1),
            ("economic-justice-and-rights", 4),
            ("bodily-autonomy-and-srhr", 3),
        ],
    },
    {
        "code": "usd-disbursed",
        "name": "Funding disbursed (USD)",
        "description": "Money paid out in the year towards the commitment, in US dollars.",
        "unit": "usd",
        "areas": [],
    },
    {
        "code": "organisations-funded",
        "name": "Women's rights and feminist organisations funded",
        "description": "Organisations that received a grant or core funding in the year.",
        "unit": "organisations",
        "areas": [
            ("gender-based-violence", 4),
            ("bodily-autonomy-and-srhr", 4),
            ("feminist-movements-and-leadership", 1),
        ],
    },
    {
        "code": "people-trained",
        "name": "People trained",
        "description": "People who completed a training, course or education programme.",
        "unit": "people",
        "areas": [
            ("bodily-autonomy-and-srhr", 1),
            ("technology-and-innovation", 1),
            ("gender-based-violence", 2),
        ],
    },
    {
        "code": "women-in-decent-work",
        "name": "Women in new decent jobs or businesses",
        "description": "Women who gained formal employment, a decent job or support to run a business.",
        "unit": "people",
        "areas": [("economic-justice-and-rights", 2), ("economic-justice-and-rights", 3)],
    },
    {
        "code": "care-services-places",
        "name": "Childcare and care places created",
        "description": "New places in childcare, elder care or other care services.",
        "unit": "count",
        "areas": [("economic-justice-and-rights", 1)],
    },
    {
        "code": "climate-finance-women-led",
        "name": "Women-led climate initiatives supported",
        "description": "Climate adaptation, mitigation or just-transition initiatives led by women that "
        "received finance or technical support.",
        "unit": "organisations",
        "areas": [("feminist-action-for-climate-justice", 1), ("feminist-action-for-climate-justice", 2)],
    },
    {
        "code": "women-in-peace-processes",
        "name": "Women taking part in peace and humanitarian decision-making",
        "description": "Women participating in peace negotiations, mediation or humanitarian coordination.",
        "unit": "people",
        "areas": [("women-peace-security-humanitarian-action", 1), ("women-peace-security-humanitarian-action", 2)],
    },
]
