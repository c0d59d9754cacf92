"""Give the standard indicators of the first catalogue (0005) their names
and descriptions in French, Spanish, Arabic, Russian and Chinese, and copy
the English into the ``*_en`` columns. Written for this migration; later
edits are made in the admin."""

from django.db import migrations
from django.db.models import F

# code: {language: (name, description)}
TEXTS = {
    "people-reached-by-services": {
        "fr": (
            "Personnes ayant bénéficié de services",
            "Personnes ayant reçu un service (santé, juridique, hébergement, psychosocial, financier) grâce à l’engagement au cours de l’année.",
        ),
        "es": (
            "Personas que recibieron servicios",
            "Personas que recibieron un servicio (de salud, jurídico, de acogida, psicosocial o financiero) gracias al compromiso durante el año.",
        ),
        "ar": (
            "الأشخاص الذين وصلتهم الخدمات",
            "الأشخاص الذين تلقوا خدمة (صحية أو قانونية أو إيواء أو نفسية اجتماعية أو مالية) من خلال الالتزام خلال العام.",
        ),
        "ru": (
            "Люди, получившие услуги",
            "Люди, получившие услугу (медицинскую, юридическую, убежище, психосоциальную или финансовую помощь) в рамках обязательства за год.",
        ),
        "zh-hans": ("获得服务的人数", "本年度通过该承诺获得服务（医疗、法律、庇护、心理社会或资金）的人数。"),
    },
    "laws-and-policies-adopted": {
        "fr": (
            "Lois et politiques adoptées ou réformées",
            "Lois, règlements, politiques ou plans d’action nationaux adoptés, modifiés ou abrogés.",
        ),
        "es": (
            "Leyes y políticas aprobadas o reformadas",
            "Leyes, reglamentos, políticas o planes de acción nacionales aprobados, modificados o derogados.",
        ),
        "ar": (
            "القوانين والسياسات المعتمدة أو المعدلة",
            "القوانين أو اللوائح أو السياسات أو خطط العمل الوطنية التي اعتُمدت أو عُدلت أو أُلغيت.",
        ),
        "ru": (
            "Принятые или изменённые законы и политики",
            "Законы, нормативные акты, политики или национальные планы действий, принятые, изменённые или отменённые.",
        ),
        "zh-hans": ("通过或改革的法律和政策", "通过、修订或废除的法律、法规、政策或国家行动计划。"),
    },
    "usd-disbursed": {
        "fr": (
            "Financements décaissés (USD)",
            "Sommes versées au cours de l’année pour l’engagement, en dollars des États-Unis.",
        ),
        "es": (
            "Fondos desembolsados (USD)",
            "Dinero pagado durante el año para el compromiso, en dólares estadounidenses.",
        ),
        "ar": ("التمويل المصروف (بالدولار الأمريكي)", "الأموال المدفوعة خلال العام لصالح الالتزام، بالدولار الأمريكي."),
        "ru": (
            "Выплаченное финансирование (долл. США)",
            "Средства, выплаченные за год в рамках обязательства, в долларах США.",
        ),
        "zh-hans": ("已支付资金（美元）", "本年度为该承诺支付的资金，以美元计。"),
    },
    "organisations-funded": {
        "fr": (
            "Organisations de défense des droits des femmes et féministes financées",
            "Organisations ayant reçu une subvention ou un financement de base au cours de l’année.",
        ),
        "es": (
            "Organizaciones de derechos de las mujeres y feministas financiadas",
            "Organizaciones que recibieron una subvención o financiación básica durante el año.",
        ),
        "ar": ("منظمات حقوق المرأة والمنظمات النسوية الممولة", "المنظمات التي تلقت منحة أو تمويلاً أساسياً خلال العام."),
        "ru": (
            "Профинансированные организации по правам женщин и феминистские организации",
            "Организации, получившие грант или базовое финансирование за год.",
        ),
        "zh-hans": ("获得资助的妇女权利和女权主义组织", "本年度获得赠款或核心资金的组织。"),
    },
    "people-trained": {
        "fr": (
            "Personnes formées",
            "Personnes ayant suivi jusqu’au bout une formation, un cours ou un programme éducatif.",
        ),
        "es": ("Personas capacitadas", "Personas que completaron una capacitación, un curso o un programa educativo."),
        "ar": ("الأشخاص المدرَّبون", "الأشخاص الذين أتموا تدريباً أو دورة أو برنامجاً تعليمياً."),
        "ru": ("Люди, прошедшие обучение", "Люди, завершившие обучение, курс или образовательную программу."),
        "zh-hans": ("接受培训的人数", "完成培训、课程或教育项目的人数。"),
    },
    "women-in-decent-work": {
        "fr": (
            "Femmes ayant obtenu un emploi décent ou créé une entreprise",
            "Femmes ayant obtenu un emploi formel, un emploi décent ou un appui pour gérer une entreprise.",
        ),
        "es": (
            "Mujeres con nuevos empleos decentes o negocios",
            "Mujeres que obtuvieron un empleo formal, un trabajo decente o apoyo para gestionar un negocio.",
        ),
        "ar": (
            "النساء في وظائف لائقة أو أعمال تجارية جديدة",
            "النساء اللواتي حصلن على عمل رسمي أو وظيفة لائقة أو دعم لإدارة مشروع تجاري.",
        ),
        "ru": (
            "Женщины, получившие достойную работу или открывшие своё дело",
            "Женщины, получившие официальную занятость, достойную работу или поддержку в ведении бизнеса.",
        ),
        "zh-hans": ("获得新的体面工作或创业的妇女", "获得正规就业、体面工作或经营企业支持的妇女。"),
    },
    "care-services-places": {
        "fr": (
            "Places d’accueil de la petite enfance et de soins créées",
            "Nouvelles places dans des services de garde d’enfants, d’aide aux personnes âgées ou d’autres services de soins.",
        ),
        "es": (
            "Plazas de cuidado infantil y de cuidados creadas",
            "Nuevas plazas en servicios de cuidado infantil, de personas mayores u otros servicios de cuidados.",
        ),
        "ar": (
            "أماكن رعاية الأطفال والرعاية المستحدثة",
            "أماكن جديدة في خدمات رعاية الأطفال أو كبار السن أو غيرها من خدمات الرعاية.",
        ),
        "ru": (
            "Созданные места в учреждениях по уходу за детьми и другими",
            "Новые места в службах по уходу за детьми, пожилыми людьми или в других службах ухода.",
        ),
        "zh-hans": ("新增的托儿和照护名额", "托儿、养老或其他照护服务中新增的名额。"),
    },
    "climate-finance-women-led": {
        "fr": (
            "Initiatives climatiques menées par des femmes soutenues",
            "Initiatives d’adaptation, d’atténuation ou de transition juste menées par des femmes ayant reçu un financement ou un appui technique.",
        ),
        "es": (
            "Iniciativas climáticas lideradas por mujeres apoyadas",
            "Iniciativas de adaptación, mitigación o transición justa lideradas por mujeres que recibieron financiación o apoyo técnico.",
        ),
        "ar": (
            "المبادرات المناخية التي تقودها النساء والمدعومة",
            "مبادرات التكيف أو التخفيف أو الانتقال العادل التي تقودها النساء وتلقت تمويلاً أو دعماً تقنياً.",
        ),
        "ru": (
            "Поддержанные климатические инициативы под руководством женщин",
            "Инициативы по адаптации, смягчению последствий или справедливому переходу под руководством женщин, получившие финансирование или техническую поддержку.",
        ),
        "zh-hans": ("获得支持的妇女主导的气候倡议", "获得资金或技术支持、由妇女主导的气候适应、减缓或公正转型倡议。"),
    },
    "women-in-peace-processes": {
        "fr": (
            "Femmes participant aux décisions en matière de paix et d’action humanitaire",
            "Femmes participant à des négociations de paix, à une médiation ou à la coordination humanitaire.",
        ),
        "es": (
            "Mujeres que participan en decisiones de paz y acción humanitaria",
            "Mujeres que participan en negociaciones de paz, mediación o coordinación humanitaria.",
        ),
        "ar": (
            "النساء المشاركات في صنع القرار في مجالي السلام والعمل الإنساني",
            "النساء المشاركات في مفاوضات السلام أو الوساطة أو التنسيق الإنساني.",
        ),
        "ru": (
            "Женщины, участвующие в принятии решений о мире и гуманитарной деятельности",
            "Женщины, участвующие в мирных переговорах, посредничестве или координации гуманитарной помощи.",
        ),
        "zh-hans": ("参与和平与人道主义决策的妇女", "参与和平谈判、调解或人道主义协调的妇女。"),
    },
}


def column(field, language):
    return f"{field}_{language.replace('-', '_')}"


def fill(apps, schema_editor):
    StandardIndicator = apps.get_model("coalitions", "StandardIndicator")
    StandardIndicator.objects.update(name_en=F("name"), description_en=F("description"))
    for indicator in StandardIndicator.objects.filter(code__in=TEXTS):
        for language, (name, description) in TEXTS[indicator.code].items():
            setattr(indicator, column("name", language), name)
            setattr(indicator, column("description", language), description)
        indicator.save()


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0008_translated_standard_indicators")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
