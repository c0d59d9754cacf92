"""Fill the reference data in every language of MODELTRANSLATION_LANGUAGES.

- English: the texts loaded by 0003 are copied into the ``*_en`` columns.
- Coalitions, action areas and themes: the French, Spanish, Arabic, Russian
  and Chinese texts below, written for this migration (the names as UN Women
  publishes them: Génération Égalité, Generación Igualdad, جيل المساواة,
  Поколение равенства, 平等世代).
- Countries: CLDR names through django-countries' own gettext catalogues.
- Sub-national places: ISO 3166-2 names through pycountry's gettext
  catalogues ('iso3166-2' domain) where pycountry has the language (fr, es,
  ru, zh_CN; not ar): elsewhere the English name is stored.

The texts are frozen here, as a migration must be: later edits are made in
the admin, or by a new data migration.
"""

import gettext

from django.db import migrations
from django.db.models import F

# pycountry names its Simplified Chinese catalogue zh_CN.
PYCOUNTRY_LOCALE = {"fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh-hans": "zh_CN"}


def column(field, language):
    return f"{field}_{language.replace('-', '_')}"


FR = {
    "coalitions": {
        "gender-based-violence": (
            "Violence basée sur le genre",
            "VBG",
            "Œuvre à mettre fin à la violence à l'égard des femmes et des filles sous toutes ses formes, en ligne et hors ligne. Ses partenaires plaident pour des lois plus fortes et leur application, une prévention qui s'attaque aux causes profondes, de meilleurs services pour les survivantes et davantage de moyens pour les organisations de femmes qui mènent ce travail.",
            [
                (
                    "Créer un environnement favorable de lois et de politiques pour mettre fin à la violence basée sur le genre",
                    "Adopter, financer et appliquer des cadres juridiques et politiques conformes aux normes internationales et régionales, qui interdisent toute forme de violence à l'égard des femmes et des filles.",
                ),
                (
                    "Intensifier la prévention de la violence basée sur le genre fondée sur des données probantes",
                    "Investir dans des programmes éprouvés qui empêchent la violence avant qu'elle ne commence, en changeant les normes, les attitudes et les pratiques qui la permettent.",
                ),
                (
                    "Développer des services complets, accessibles et centrés sur les survivantes",
                    "Faire en sorte que chaque survivante ait accès à des services de santé, de justice, de police, d'hébergement et de soutien de qualité, qui placent sa sécurité et ses choix au premier plan.",
                ),
                (
                    "Doter de ressources les organisations autonomes de défense des droits des femmes qui luttent contre la violence basée sur le genre",
                    "Donner aux organisations féministes et de défense des droits des femmes, notamment aux organisations de base, des financements plus souples et une véritable voix dans la réponse à la violence.",
                ),
            ],
        ),
        "economic-justice-and-rights": (
            "Justice et droits économiques",
            "Justice économique",
            "Vise à donner aux femmes les mêmes opportunités économiques, les mêmes revenus et la même sécurité que les hommes. Elle se concentre sur le travail de soins, les emplois décents, le contrôle des terres et des financements, et des politiques économiques qui tiennent compte de la vie des femmes.",
            [
                (
                    "Transformer l'économie des soins",
                    "Reconnaître, réduire et redistribuer le travail domestique et de soins non rémunéré, et créer des emplois décents et rémunérés dans le secteur des soins.",
                ),
                (
                    "Développer le travail décent et l'emploi des femmes dans les économies formelle et informelle",
                    "Ouvrir aux femmes un travail décent, protégé et équitablement rémunéré, y compris à celles qui gagnent leur vie dans l'économie informelle.",
                ),
                (
                    "Accroître l'accès des femmes aux ressources productives et leur contrôle sur celles-ci",
                    "Renforcer les droits des femmes à la terre, à la propriété, au crédit, aux marchés et aux services financiers numériques, ainsi que leur pouvoir de décider de leur usage.",
                ),
                (
                    "Concevoir et mettre en œuvre des politiques macroéconomiques, des plans de relance et une protection sociale sensibles au genre",
                    "Concevoir les budgets, les plans de relance et les systèmes de protection sociale pour qu'ils réduisent, au lieu de les creuser, les écarts économiques entre les femmes et les hommes.",
                ),
            ],
        ),
        "bodily-autonomy-and-srhr": (
            "Autonomie corporelle et santé et droits sexuels et reproductifs",
            "SDSR",
            "Défend le droit des filles, des femmes et des personnes de genre divers à prendre leurs propres décisions sur leur corps, leur sexualité et leur procréation. Elle œuvre pour l'éducation à la sexualité, des services de santé de qualité, des lois protectrices et un plaidoyer féministe fort.",
            [
                (
                    "Développer l'éducation complète à la sexualité, à l'école et en dehors",
                    "Offrir aux jeunes une éducation exacte et adaptée à leur âge sur la sexualité, les relations, le consentement et la santé, à l'école comme dans la communauté.",
                ),
                (
                    "Accroître l'accès à des services complets et de qualité de santé sexuelle et reproductive, y compris la contraception et l'avortement sécurisé",
                    "Étendre la portée de soins de santé sexuelle et reproductive abordables et de qualité, avec une gamme complète de méthodes contraceptives et des soins d'avortement sécurisé.",
                ),
                (
                    "Renforcer les lois, les politiques et la redevabilité en matière d'autonomie corporelle et de SDSR",
                    "Lever les obstacles juridiques et politiques et mettre en place des protections pour que chacun et chacune puisse décider librement de son corps et de sa procréation.",
                ),
                (
                    "Soutenir les organisations et réseaux féministes qui font progresser l'autonomie corporelle et la SDSR",
                    "Financer et appuyer les groupes féministes, de jeunes et communautaires qui défendent ces droits et demandent des comptes aux décideurs.",
                ),
            ],
        ),
        "feminist-action-for-climate-justice": (
            "Action féministe pour la justice climatique",
            "Justice climatique",
            "Place les femmes et les filles au centre de la réponse à la crise climatique, qui les frappe le plus durement. Elle oriente des fonds vers les solutions climatiques menées par des femmes, soutient leur leadership dans une économie verte, renforce la résilience et améliore les données sur le genre et l'environnement.",
            [
                (
                    "Accroître l'accès au financement de solutions climatiques justes en matière de genre",
                    "Orienter davantage de financements climatiques vers des solutions conçues et menées par des femmes et des filles, notamment au niveau local.",
                ),
                (
                    "Permettre aux femmes et aux filles de mener une transition juste vers une économie verte inclusive",
                    "Soutenir le leadership, les compétences et les emplois des femmes et des filles dans le passage à une économie équitable, sobre en carbone et circulaire.",
                ),
                (
                    "Renforcer la résilience des femmes et des filles face aux effets du climat, aux risques de catastrophe et aux pertes et préjudices",
                    "Aider les femmes et les filles à se préparer aux chocs climatiques, à y résister et à s'en relever, notamment grâce à des droits fonciers et des droits sur les ressources garantis.",
                ),
                (
                    "Accroître la collecte et l'utilisation de données sur le lien entre genre et environnement",
                    "Produire et utiliser de meilleures données ventilées par sexe sur la manière dont les changements climatiques et environnementaux touchent différemment les femmes et les hommes.",
                ),
            ],
        ),
        "technology-and-innovation": (
            "Technologie et innovation pour l'égalité des sexes",
            "Technologie et innovation",
            "Cherche à garantir que les femmes et les filles puissent utiliser, façonner et posséder les technologies numériques et physiques sur un pied d'égalité. Elle s'attaque à la fracture numérique, finance l'innovation féministe et œuvre pour des espaces en ligne libres de violence et de discrimination.",
            [
                (
                    "Combler l'écart entre les sexes dans l'accès au numérique et les compétences numériques",
                    "Réduire les écarts de connectivité, d'équipement et de compétences numériques pour que les femmes et les filles puissent aller en ligne et en tirer profit.",
                ),
                (
                    "Investir dans la technologie et l'innovation féministes",
                    "Financer les technologies conçues par et pour les femmes et les filles, ainsi que les fondatrices et les innovatrices.",
                ),
                (
                    "Bâtir des écosystèmes d'innovation inclusifs, transformateurs et redevables",
                    "Ouvrir la recherche, l'industrie et les start-up aux femmes dans toute leur diversité, et les rendre redevables de l'effet sur le genre de ce qu'elles créent.",
                ),
                (
                    "Prévenir et éliminer la violence basée sur le genre en ligne et facilitée par la technologie, ainsi que la discrimination",
                    "Faire cesser les abus, le harcèlement et les préjugés exercés au moyen des outils numériques, et demander des comptes aux plateformes et aux auteurs.",
                ),
            ],
        ),
        "feminist-movements-and-leadership": (
            "Mouvements et leadership féministes",
            "Mouvements féministes",
            "Soutient les mouvements féministes et les femmes leaders qui font avancer le changement, des groupes locaux aux parlements. Elle œuvre pour davantage de financements pour l'organisation féministe, un espace civique plus sûr, une participation égale à la prise de décision et plus de place pour les jeunes féministes.",
            [
                (
                    "Financer et doter de ressources les mouvements et organisations féministes",
                    "Augmenter le volume et la qualité des financements souples et à long terme qui parviennent aux militantes féministes et aux organisations de défense des droits des femmes.",
                ),
                (
                    "Élargir et protéger l'espace civique pour l'action féministe et les défenseuses des droits humains",
                    "Défendre la liberté des militantes féministes et des défenseuses des droits humains de s'organiser et de s'exprimer sans menaces ni représailles.",
                ),
                (
                    "Faire progresser la participation pleine et égale des femmes et leur leadership dans la prise de décision",
                    "Aller vers la parité dans le leadership politique, public et économique, pour les femmes dans toute leur diversité.",
                ),
                (
                    "Renforcer le leadership des adolescentes et des jeunes féministes",
                    "Donner aux groupes féministes menés par des filles et des jeunes les ressources, les compétences et les places à la table dont ils ont besoin pour peser sur les décisions.",
                ),
            ],
        ),
        "women-peace-security-humanitarian-action": (
            "Pacte sur les femmes, la paix et la sécurité et l'action humanitaire",
            "Pacte FPS-AH",
            "Un cadre, aux côtés des Coalitions d'action, qui oriente l'action et les ressources vers le rôle et les droits des femmes dans la paix, la sécurité et la réponse humanitaire. Les signataires s'engagent sur des mesures concrètes dans cinq domaines thématiques, du financement à la protection en situation de crise.",
            [
                (
                    "Financer le programme pour les femmes, la paix et la sécurité et l'action humanitaire",
                    "Accroître et suivre les fonds consacrés aux femmes, à la paix et à la sécurité et à l'action humanitaire sensible au genre, y compris ceux versés aux organisations dirigées par des femmes.",
                ),
                (
                    "Participation pleine, égale et significative des femmes aux processus de paix",
                    "Veiller à ce que les femmes participent et pèsent à chaque étape de la négociation, de la mise en œuvre et du suivi des accords de paix.",
                ),
                (
                    "Sécurité économique des femmes et accès aux ressources",
                    "Garantir revenus, emplois, biens et services essentiels aux femmes qui vivent un conflit, un déplacement ou une période de relèvement.",
                ),
                (
                    "Leadership et capacité d'agir des femmes dans les contextes humanitaires et de crise",
                    "Faire des femmes et de leurs organisations des décideuses, et non seulement des bénéficiaires, de la planification et de la mise en œuvre humanitaires.",
                ),
                (
                    "Protection des droits humains des femmes dans les conflits et les crises",
                    "Protéger les femmes et les filles, y compris les défenseuses des droits humains et les artisanes de la paix, contre la violence et les atteintes à leurs droits dans les contextes de conflit et de crise.",
                ),
            ],
        ),
    },
    "themes": {
        "financing": (
            "Financement",
            "Mobiliser davantage de fonds publics et privés en faveur de l'égalité des sexes et veiller à ce qu'ils parviennent aux personnes et aux organisations qui font le travail.",
        ),
        "gender-norms": (
            "Transformer les normes de genre (notamment en mobilisant les hommes et les garçons)",
            "Faire évoluer les attentes sociales et les stéréotypes qui freinent les femmes et les filles, avec les hommes et les garçons comme acteurs du changement.",
        ),
        "law-and-policy": (
            "Réforme des lois et des politiques",
            "Modifier les lois discriminatoires et adopter et appliquer des politiques qui protègent et font progresser les droits des femmes et des filles.",
        ),
        "education": (
            "Éducation",
            "S'appuyer sur l'apprentissage, de l'école à la formation professionnelle, pour élargir les perspectives des filles et des femmes et combattre les inégalités.",
        ),
        "gender-data": (
            "Données sur le genre et redevabilité",
            "Collecter et publier des données ventilées par sexe et vérifier que les promesses en matière d'égalité des sexes sont tenues.",
        ),
        "intersectionality": (
            "Lutter contre les discriminations intersectionnelles",
            "Atteindre les personnes qui subissent plusieurs formes de discrimination à la fois, par exemple en raison de leur âge, d'un handicap, de leur race, de leur origine ethnique, de leur orientation sexuelle ou de leur statut migratoire.",
        ),
        "structural-inequalities": (
            "Changement systémique par la lutte contre les inégalités structurelles",
            "S'attaquer aux systèmes et aux déséquilibres de pouvoir qui produisent les inégalités, et non seulement à leurs symptômes.",
        ),
    },
}


ES = {
    "coalitions": {
        "gender-based-violence": (
            "Violencia de género",
            "VG",
            "Trabaja para poner fin a la violencia contra las mujeres y las niñas en todas sus formas, dentro y fuera de internet. Sus socios impulsan leyes más sólidas y su cumplimiento, una prevención que aborde las causas profundas, mejores servicios para las sobrevivientes y más recursos para las organizaciones de mujeres que lideran este trabajo.",
            [
                (
                    "Crear un entorno propicio de leyes y políticas para poner fin a la violencia de género",
                    "Adoptar, financiar y hacer cumplir marcos jurídicos y normativos, conformes a las normas internacionales y regionales, que prohíban toda forma de violencia contra las mujeres y las niñas.",
                ),
                (
                    "Ampliar la prevención de la violencia de género basada en la evidencia",
                    "Invertir en programas probados que detengan la violencia antes de que empiece, cambiando las normas, actitudes y prácticas que la permiten.",
                ),
                (
                    "Ampliar servicios integrales, accesibles y centrados en las sobrevivientes",
                    "Garantizar que toda sobreviviente pueda acceder a servicios de salud, justicia, policía, acogida y apoyo de calidad que antepongan su seguridad y sus decisiones.",
                ),
                (
                    "Dotar de recursos a las organizaciones autónomas de derechos de las mujeres que trabajan para poner fin a la violencia de género",
                    "Dar a las organizaciones feministas y de derechos de las mujeres, en especial a las de base, una financiación más flexible y una voz real en la respuesta a la violencia.",
                ),
            ],
        ),
        "economic-justice-and-rights": (
            "Justicia y derechos económicos",
            "Justicia económica",
            "Busca dar a las mujeres las mismas oportunidades económicas, ingresos y seguridad que a los hombres. Se centra en el trabajo de cuidados, el empleo decente, el control de la tierra y de las finanzas, y políticas económicas que tengan en cuenta la vida de las mujeres.",
            [
                (
                    "Transformar la economía del cuidado",
                    "Reconocer, reducir y redistribuir el trabajo doméstico y de cuidados no remunerado y crear empleos decentes y remunerados en el sector de los cuidados.",
                ),
                (
                    "Ampliar el trabajo decente y el empleo de las mujeres en las economías formal e informal",
                    "Abrir a las mujeres un trabajo decente, protegido y justamente remunerado, también a quienes se ganan la vida en la economía informal.",
                ),
                (
                    "Aumentar el acceso de las mujeres a los recursos productivos y su control sobre ellos",
                    "Reforzar los derechos de las mujeres a la tierra, la propiedad, el crédito, los mercados y los servicios financieros digitales, y su poder para decidir cómo se usan.",
                ),
                (
                    "Diseñar y aplicar políticas macroeconómicas, paquetes de estímulo y protección social con perspectiva de género",
                    "Configurar los presupuestos, los planes de recuperación y los sistemas de protección social para que reduzcan, en lugar de ahondar, las brechas económicas entre mujeres y hombres.",
                ),
            ],
        ),
        "bodily-autonomy-and-srhr": (
            "Autonomía corporal y salud y derechos sexuales y reproductivos",
            "SDSR",
            "Defiende el derecho de las niñas, las mujeres y las personas de género diverso a tomar sus propias decisiones sobre su cuerpo, su sexualidad y su reproducción. Trabaja por la educación sexual, servicios de salud de calidad, leyes que protejan y una incidencia feminista firme.",
            [
                (
                    "Ampliar la educación integral en sexualidad dentro y fuera de la escuela",
                    "Ofrecer a la juventud una educación precisa y adecuada a su edad sobre sexualidad, relaciones, consentimiento y salud, tanto en la escuela como en la comunidad.",
                ),
                (
                    "Aumentar el acceso a servicios integrales y de calidad de salud sexual y reproductiva, incluidos la anticoncepción y el aborto seguro",
                    "Ampliar el alcance de una atención de salud sexual y reproductiva asequible y de calidad, con toda la gama de métodos anticonceptivos y atención para el aborto seguro.",
                ),
                (
                    "Reforzar las leyes, las políticas y la rendición de cuentas sobre autonomía corporal y SDSR",
                    "Eliminar las barreras jurídicas y normativas y establecer protecciones para que las personas puedan decidir libremente sobre su cuerpo y su reproducción.",
                ),
                (
                    "Apoyar a las organizaciones y redes feministas que impulsan la autonomía corporal y la SDSR",
                    "Financiar y respaldar a los grupos feministas, juveniles y comunitarios que defienden estos derechos y piden cuentas a quienes toman las decisiones.",
                ),
            ],
        ),
        "feminist-action-for-climate-justice": (
            "Acción feminista para la justicia climática",
            "Justicia climática",
            "Sitúa a las mujeres y las niñas en el centro de la respuesta a la crisis climática, que las golpea con más dureza. Canaliza fondos hacia soluciones climáticas lideradas por mujeres, apoya su liderazgo en una economía verde, refuerza la resiliencia y mejora los datos sobre género y medio ambiente.",
            [
                (
                    "Aumentar el acceso a la financiación de soluciones climáticas con justicia de género",
                    "Dirigir más financiación climática hacia soluciones diseñadas y lideradas por mujeres y niñas, en especial en el ámbito local.",
                ),
                (
                    "Permitir que las mujeres y las niñas lideren una transición justa hacia una economía verde inclusiva",
                    "Respaldar el liderazgo, las competencias y el empleo de mujeres y niñas en el paso a una economía justa, baja en carbono y circular.",
                ),
                (
                    "Fortalecer la resiliencia de las mujeres y las niñas ante los efectos del clima, los riesgos de desastre y las pérdidas y daños",
                    "Ayudar a las mujeres y las niñas a prepararse, resistir y recuperarse de los choques climáticos, también mediante derechos seguros sobre la tierra y los recursos.",
                ),
                (
                    "Aumentar la recopilación y el uso de datos sobre el nexo entre género y medio ambiente",
                    "Producir y utilizar mejores datos desglosados por sexo sobre cómo el cambio climático y ambiental afecta de forma distinta a mujeres y hombres.",
                ),
            ],
        ),
        "technology-and-innovation": (
            "Tecnología e innovación para la igualdad de género",
            "Tecnología e innovación",
            "Procura que las mujeres y las niñas puedan usar, dar forma y poseer las tecnologías digitales y físicas en igualdad de condiciones. Aborda la brecha digital, financia la innovación feminista y trabaja para que los espacios en línea estén libres de violencia y discriminación.",
            [
                (
                    "Cerrar la brecha de género en el acceso y las competencias digitales",
                    "Reducir las brechas de conectividad, dispositivos y habilidades digitales para que las mujeres y las niñas puedan conectarse y sacarle provecho.",
                ),
                (
                    "Invertir en tecnología e innovación feministas",
                    "Destinar fondos a la tecnología creada por y para mujeres y niñas, y a las fundadoras e innovadoras.",
                ),
                (
                    "Construir ecosistemas de innovación inclusivos, transformadores y responsables",
                    "Abrir la investigación, la industria y las empresas emergentes a las mujeres en toda su diversidad, y hacerlas responsables del impacto de género de lo que crean.",
                ),
                (
                    "Prevenir y eliminar la violencia de género en línea y facilitada por la tecnología, y la discriminación",
                    "Detener el abuso, el acoso y los sesgos ejercidos mediante herramientas digitales, y exigir cuentas a las plataformas y a los agresores.",
                ),
            ],
        ),
        "feminist-movements-and-leadership": (
            "Movimientos y liderazgo feministas",
            "Movimientos feministas",
            "Apoya a los movimientos feministas y a las mujeres líderes que impulsan el cambio, desde los grupos locales hasta los parlamentos. Trabaja por más financiación para la organización feminista, un espacio cívico más seguro, la participación igualitaria en la toma de decisiones y más espacio para que lideren las jóvenes feministas.",
            [
                (
                    "Financiar y dotar de recursos a los movimientos y organizaciones feministas",
                    "Aumentar el volumen y la calidad de la financiación flexible y a largo plazo que llega a las activistas feministas y a las organizaciones de derechos de las mujeres.",
                ),
                (
                    "Ampliar y proteger el espacio cívico para la acción feminista y las defensoras de derechos humanos",
                    "Defender la libertad de las activistas feministas y de las defensoras de derechos humanos para organizarse y expresarse sin amenazas ni represalias.",
                ),
                (
                    "Promover la participación plena e igualitaria de las mujeres y su liderazgo en la toma de decisiones",
                    "Avanzar hacia la paridad de género en el liderazgo político, público y económico, para las mujeres en toda su diversidad.",
                ),
                (
                    "Fortalecer el liderazgo de las adolescentes y las jóvenes feministas",
                    "Dar a los grupos feministas liderados por niñas y jóvenes los recursos, las capacidades y los lugares en la mesa que necesitan para influir en las decisiones.",
                ),
            ],
        ),
        "women-peace-security-humanitarian-action": (
            "Pacto sobre las Mujeres, la Paz y la Seguridad y la Acción Humanitaria",
            "Pacto MPS-AH",
            "Un marco, junto a las Coaliciones para la Acción, que orienta la acción y los recursos hacia el papel y los derechos de las mujeres en la paz, la seguridad y la respuesta humanitaria. Los signatarios se comprometen con medidas concretas en cinco áreas temáticas, desde la financiación hasta la protección en situaciones de crisis.",
            [
                (
                    "Financiar la agenda de mujeres, paz y seguridad y acción humanitaria",
                    "Aumentar y seguir los fondos destinados a mujeres, paz y seguridad y a la acción humanitaria con perspectiva de género, incluidos los que reciben las organizaciones lideradas por mujeres.",
                ),
                (
                    "Participación plena, igualitaria y significativa de las mujeres en los procesos de paz",
                    "Garantizar que las mujeres participen e influyan en cada etapa de la negociación, la aplicación y el seguimiento de los acuerdos de paz.",
                ),
                (
                    "Seguridad económica de las mujeres y acceso a los recursos",
                    "Asegurar ingresos, empleo, bienes y servicios esenciales para las mujeres que viven un conflicto, un desplazamiento o una recuperación.",
                ),
                (
                    "Liderazgo y capacidad de acción de las mujeres en contextos humanitarios y de crisis",
                    "Hacer de las mujeres y sus organizaciones responsables de las decisiones, y no solo destinatarias, en la planificación y la ejecución humanitarias.",
                ),
                (
                    "Protección de los derechos humanos de las mujeres en conflictos y crisis",
                    "Proteger a las mujeres y las niñas, incluidas las defensoras de derechos humanos y las constructoras de paz, de la violencia y de las violaciones de sus derechos en contextos de conflicto y crisis.",
                ),
            ],
        ),
    },
    "themes": {
        "financing": (
            "Financiación",
            "Movilizar más dinero público y privado para la igualdad de género y asegurarse de que llegue a las personas y organizaciones que hacen el trabajo.",
        ),
        "gender-norms": (
            "Transformar las normas de género (incluso mediante la participación de hombres y niños)",
            "Cambiar las expectativas sociales y los estereotipos que frenan a las mujeres y las niñas, con los hombres y los niños como parte del cambio.",
        ),
        "law-and-policy": (
            "Reforma de leyes y políticas",
            "Cambiar las leyes discriminatorias y adoptar y hacer cumplir políticas que protejan y promuevan los derechos de las mujeres y las niñas.",
        ),
        "education": (
            "Educación",
            "Usar el aprendizaje, de la escuela a la formación profesional, para ampliar las oportunidades de niñas y mujeres y combatir la desigualdad.",
        ),
        "gender-data": (
            "Datos de género y rendición de cuentas",
            "Recopilar y publicar datos desglosados por sexo y comprobar si se cumplen las promesas en materia de igualdad de género.",
        ),
        "intersectionality": (
            "Abordar la discriminación interseccional",
            "Llegar a quienes sufren varias formas de discriminación a la vez, por ejemplo por su edad, discapacidad, raza, origen étnico, orientación sexual o situación migratoria.",
        ),
        "structural-inequalities": (
            "Cambio sistémico abordando las desigualdades estructurales",
            "Atacar los sistemas y los desequilibrios de poder que generan la desigualdad, y no solo sus síntomas.",
        ),
    },
}


AR = {
    "coalitions": {
        "gender-based-violence": (
            "العنف القائم على النوع الاجتماعي",
            "العنف القائم على النوع الاجتماعي",
            "يعمل على إنهاء العنف ضد النساء والفتيات بجميع أشكاله، على الإنترنت وخارجه. ويدفع شركاؤه نحو قوانين أقوى وإنفاذها، ووقاية تعالج الأسباب الجذرية، وخدمات أفضل للناجيات، ومزيد من التمويل للمنظمات النسائية التي تقود هذا العمل.",
            [
                (
                    "تهيئة بيئة مواتية من القوانين والسياسات لإنهاء العنف القائم على النوع الاجتماعي",
                    "اعتماد أطر قانونية وسياساتية وتمويلها وإنفاذها، وفقاً للمعايير الدولية والإقليمية، تحظر كل أشكال العنف ضد النساء والفتيات.",
                ),
                (
                    "توسيع نطاق الوقاية من العنف القائم على النوع الاجتماعي المستندة إلى الأدلة",
                    "الاستثمار في برامج مجرّبة توقف العنف قبل أن يبدأ، بتغيير الأعراف والمواقف والممارسات التي تسمح به.",
                ),
                (
                    "توسيع الخدمات الشاملة الميسّرة المتمحورة حول الناجيات",
                    "ضمان وصول كل ناجية إلى خدمات جيدة في الصحة والعدالة والشرطة والإيواء والدعم تضع سلامتها وخياراتها في المقام الأول.",
                ),
                (
                    "توفير الموارد لمنظمات حقوق المرأة المستقلة العاملة على إنهاء العنف القائم على النوع الاجتماعي",
                    "منح المنظمات النسوية ومنظمات حقوق المرأة، ولا سيما القاعدية منها، تمويلاً أكثر مرونة وصوتاً حقيقياً في التصدي للعنف.",
                ),
            ],
        ),
        "economic-justice-and-rights": (
            "العدالة والحقوق الاقتصادية",
            "العدالة الاقتصادية",
            "يسعى إلى منح النساء الفرص الاقتصادية والدخل والأمان نفسها التي يتمتع بها الرجال. ويركّز على أعمال الرعاية والعمل اللائق والتحكم في الأرض والتمويل، وعلى سياسات اقتصادية تراعي حياة النساء.",
            [
                (
                    "تحويل اقتصاد الرعاية",
                    "الاعتراف بأعمال الرعاية والعمل المنزلي غير المدفوعة الأجر وتقليصها وتقاسمها، وإيجاد وظائف لائقة مدفوعة الأجر في قطاع الرعاية.",
                ),
                (
                    "توسيع العمل اللائق وتشغيل النساء في الاقتصادين الرسمي وغير الرسمي",
                    "إتاحة عمل لائق ومحمي وعادل الأجر للنساء، بمن فيهن من يكسبن رزقهن في الاقتصاد غير الرسمي.",
                ),
                (
                    "زيادة وصول النساء إلى الموارد الإنتاجية وتحكمهن فيها",
                    "تعزيز حقوق النساء في الأرض والملكية والائتمان والأسواق والخدمات المالية الرقمية، وقدرتهن على تقرير كيفية استخدامها.",
                ),
                (
                    "تصميم وتنفيذ سياسات اقتصادية كلية وحزم تحفيز وحماية اجتماعية مستجيبة للنوع الاجتماعي",
                    "صياغة الميزانيات وخطط التعافي ونظم الحماية الاجتماعية بحيث تقلّص الفجوات الاقتصادية بين النساء والرجال بدلاً من تعميقها.",
                ),
            ],
        ),
        "bodily-autonomy-and-srhr": (
            "الاستقلالية الجسدية والصحة والحقوق الجنسية والإنجابية",
            "الصحة والحقوق الجنسية والإنجابية",
            "يدافع عن حق الفتيات والنساء والأشخاص من ذوي التنوع الجنساني في اتخاذ قراراتهم بأنفسهم بشأن أجسادهم وحياتهم الجنسية والإنجابية. ويعمل من أجل التربية الجنسية وخدمات صحية جيدة وقوانين حامية ومناصرة نسوية قوية.",
            [
                (
                    "توسيع التربية الجنسية الشاملة داخل المدرسة وخارجها",
                    "تزويد الشباب بتربية دقيقة ومناسبة لأعمارهم حول الحياة الجنسية والعلاقات والموافقة والصحة، في المدارس وفي المجتمع المحلي.",
                ),
                (
                    "زيادة الوصول إلى خدمات شاملة وجيدة للصحة الجنسية والإنجابية، بما فيها وسائل منع الحمل والإجهاض الآمن",
                    "توسيع نطاق رعاية صحية جنسية وإنجابية ميسورة التكلفة وجيدة، مع مجموعة كاملة من وسائل منع الحمل ورعاية الإجهاض الآمن.",
                ),
                (
                    "تعزيز القوانين والسياسات والمساءلة بشأن الاستقلالية الجسدية والصحة والحقوق الجنسية والإنجابية",
                    "إزالة العوائق القانونية والسياساتية ووضع حمايات تتيح للناس أن يقرروا بحرية بشأن أجسادهم والإنجاب.",
                ),
                (
                    "دعم المنظمات والشبكات النسوية التي تعزز الاستقلالية الجسدية والصحة والحقوق الجنسية والإنجابية",
                    "تمويل ومساندة المجموعات النسوية والشبابية والمجتمعية التي تدافع عن هذه الحقوق وتُخضع صانعي القرار للمساءلة.",
                ),
            ],
        ),
        "feminist-action-for-climate-justice": (
            "العمل النسوي من أجل العدالة المناخية",
            "العدالة المناخية",
            "يضع النساء والفتيات في صميم التصدي لأزمة المناخ التي تصيبهن بأشد الضرر. ويوجّه الأموال إلى الحلول المناخية التي تقودها النساء، ويدعم قيادتهن في الاقتصاد الأخضر، ويبني القدرة على الصمود، ويحسّن البيانات عن النوع الاجتماعي والبيئة.",
            [
                (
                    "زيادة الوصول إلى التمويل من أجل حلول مناخية عادلة جنسانياً",
                    "توجيه مزيد من التمويل المناخي إلى حلول تصممها وتقودها النساء والفتيات، ولا سيما على المستوى القاعدي.",
                ),
                (
                    "تمكين النساء والفتيات من قيادة انتقال عادل نحو اقتصاد أخضر شامل",
                    "دعم قيادة النساء والفتيات ومهاراتهن ووظائفهن في التحول إلى اقتصاد عادل ومنخفض الكربون ودائري.",
                ),
                (
                    "بناء قدرة النساء والفتيات على الصمود أمام آثار المناخ ومخاطر الكوارث والخسائر والأضرار",
                    "مساعدة النساء والفتيات على الاستعداد للصدمات المناخية وتحمّلها والتعافي منها، بما في ذلك عبر حقوق مضمونة في الأرض والموارد.",
                ),
                (
                    "زيادة جمع البيانات عن الصلة بين النوع الاجتماعي والبيئة واستخدامها",
                    "إنتاج واستخدام بيانات أفضل مصنفة حسب الجنس عن الكيفية التي يؤثر بها التغير المناخي والبيئي في النساء والرجال بصورة مختلفة.",
                ),
            ],
        ),
        "technology-and-innovation": (
            "التكنولوجيا والابتكار من أجل المساواة بين الجنسين",
            "التكنولوجيا والابتكار",
            "يسعى إلى ضمان أن تتمكن النساء والفتيات من استخدام التكنولوجيات الرقمية والمادية وتشكيلها وامتلاكها على قدم المساواة. ويعالج الفجوة الرقمية، ويموّل الابتكار النسوي، ويعمل على أن تكون الفضاءات الإلكترونية خالية من العنف والتمييز.",
            [
                (
                    "سد الفجوة بين الجنسين في الوصول الرقمي والكفاءات الرقمية",
                    "سد الفجوات في الاتصال والأجهزة والمهارات الرقمية كي تتمكن النساء والفتيات من الاتصال بالإنترنت والاستفادة منه.",
                ),
                (
                    "الاستثمار في التكنولوجيا والابتكار النسويين",
                    "تمويل التكنولوجيا التي تصنعها النساء والفتيات ولأجلهن، ودعم المؤسِّسات والمبتكِرات.",
                ),
                (
                    "بناء منظومات ابتكار شاملة وتحويلية وخاضعة للمساءلة",
                    "فتح بيئات البحث والصناعة والشركات الناشئة أمام النساء بكل تنوعهن، ومساءلتها عن الأثر الجنساني لما تبتكره.",
                ),
                (
                    "منع العنف القائم على النوع الاجتماعي عبر الإنترنت والمُيسَّر بالتكنولوجيا والتمييز والقضاء عليهما",
                    "وقف الإساءة والتحرش والتحيز الذي يُمارَس عبر الأدوات الرقمية، ومساءلة المنصات والجناة.",
                ),
            ],
        ),
        "feminist-movements-and-leadership": (
            "الحركات والقيادة النسوية",
            "الحركات النسوية",
            "يساند الحركات النسوية والقيادات النسائية التي تصنع التغيير، من المجموعات المحلية إلى البرلمانات. ويعمل من أجل تمويل أكبر للتنظيم النسوي، وفضاء مدني أكثر أماناً، ومشاركة متساوية في صنع القرار، ومجال أوسع لقيادة النسويات الشابات.",
            [
                (
                    "تمويل الحركات والمنظمات النسوية وتوفير الموارد لها",
                    "زيادة حجم التمويل المرن والطويل الأجل ونوعيته الذي يصل إلى الناشطات النسويات ومنظمات حقوق المرأة.",
                ),
                (
                    "توسيع الفضاء المدني وحمايته من أجل العمل النسوي والمدافعات عن حقوق الإنسان",
                    "الدفاع عن حرية الناشطات النسويات والمدافعات عن حقوق الإنسان في التنظيم والتعبير دون تهديد أو انتقام.",
                ),
                (
                    "النهوض بمشاركة النساء الكاملة والمتساوية وقيادتهن في صنع القرار",
                    "التقدم نحو التكافؤ بين الجنسين في القيادة السياسية والعامة والاقتصادية، للنساء بكل تنوعهن.",
                ),
                (
                    "تعزيز قيادة المراهقات والنسويات الشابات",
                    "منح المجموعات النسوية التي تقودها الفتيات والشابات الموارد والمهارات والمقاعد على طاولة القرار التي تحتاجها للتأثير في القرارات.",
                ),
            ],
        ),
        "women-peace-security-humanitarian-action": (
            "الاتفاق بشأن المرأة والسلام والأمن والعمل الإنساني",
            "اتفاق المرأة والسلام والأمن والعمل الإنساني",
            "إطار، إلى جانب تحالفات العمل، يوجّه العمل والموارد نحو أدوار النساء وحقوقهن في السلام والأمن والاستجابة الإنسانية. ويلتزم الموقّعون بخطوات ملموسة في خمسة مجالات مواضيعية، من التمويل إلى الحماية في أوضاع الأزمات.",
            [
                (
                    "تمويل جدول أعمال المرأة والسلام والأمن والعمل الإنساني",
                    "زيادة الأموال المخصصة للمرأة والسلام والأمن وللعمل الإنساني المستجيب للنوع الاجتماعي وتتبّعها، بما في ذلك ما يصل إلى المنظمات التي تقودها النساء.",
                ),
                (
                    "مشاركة النساء الكاملة والمتساوية والهادفة في عمليات السلام",
                    "ضمان مشاركة النساء وتأثيرهن في كل مرحلة من مراحل التفاوض على اتفاقات السلام وتنفيذها ورصدها.",
                ),
                (
                    "الأمن الاقتصادي للنساء ووصولهن إلى الموارد",
                    "تأمين الدخل والوظائف والأصول والخدمات الأساسية للنساء اللواتي يعشن النزاع والنزوح والتعافي.",
                ),
                (
                    "قيادة النساء وفاعليتهن في السياقات الإنسانية وأوضاع الأزمات",
                    "جعل النساء ومنظماتهن صانعات قرار، لا متلقيات فحسب، في التخطيط الإنساني وتقديم المساعدة.",
                ),
                (
                    "حماية حقوق الإنسان للنساء في النزاعات والأزمات",
                    "حماية النساء والفتيات، بمن فيهن المدافعات عن حقوق الإنسان وبانيات السلام، من العنف وانتهاكات الحقوق في سياقات النزاع والأزمات.",
                ),
            ],
        ),
    },
    "themes": {
        "financing": (
            "التمويل",
            "حشد مزيد من الأموال العامة والخاصة من أجل المساواة بين الجنسين وضمان وصولها إلى الأشخاص والمنظمات التي تقوم بالعمل.",
        ),
        "gender-norms": (
            "تحويل الأعراف الجنسانية (بما في ذلك بإشراك الرجال والفتيان)",
            "تغيير التوقعات الاجتماعية والصور النمطية التي تعيق النساء والفتيات، مع الرجال والفتيان بوصفهم جزءاً من التغيير.",
        ),
        "law-and-policy": (
            "إصلاح القوانين والسياسات",
            "تغيير القوانين التمييزية واعتماد سياسات تحمي حقوق النساء والفتيات وتعززها وإنفاذها.",
        ),
        "education": (
            "التعليم",
            "الاستفادة من التعلّم، من المدرسة إلى التدريب المهني، لتوسيع فرص الفتيات والنساء والتصدي لعدم المساواة.",
        ),
        "gender-data": (
            "البيانات الجنسانية والمساءلة",
            "جمع بيانات مصنفة حسب الجنس ونشرها، ومتابعة الوفاء بالوعود المتعلقة بالمساواة بين الجنسين.",
        ),
        "intersectionality": (
            "التصدي للتمييز المتقاطع",
            "الوصول إلى من يواجهون أشكالاً متعددة من التمييز في آن واحد، مثلاً بسبب العمر أو الإعاقة أو العرق أو الأصل الإثني أو الميل الجنسي أو وضع الهجرة.",
        ),
        "structural-inequalities": (
            "التغيير المنهجي بالتصدي لأوجه عدم المساواة الهيكلية",
            "معالجة النظم واختلالات موازين القوى الكامنة التي تنتج عدم المساواة، لا أعراضها فحسب.",
        ),
    },
}


RU = {
    "coalitions": {
        "gender-based-violence": (
            "Гендерное насилие",
            "Гендерное насилие",
            "Добивается прекращения насилия в отношении женщин и девочек во всех его формах, в интернете и за его пределами. Её партнёры выступают за более строгие законы и их исполнение, профилактику, устраняющую коренные причины, лучшие услуги для пострадавших и больше средств для женских организаций, которые ведут эту работу.",
            [
                (
                    "Создание благоприятной правовой и политической среды для прекращения гендерного насилия",
                    "Принимать, финансировать и применять правовые и политические рамки, соответствующие международным и региональным стандартам, которые запрещают любые формы насилия в отношении женщин и девочек.",
                ),
                (
                    "Расширение научно обоснованной профилактики гендерного насилия",
                    "Вкладывать средства в проверенные программы, которые останавливают насилие до его начала, меняя нормы, установки и практики, допускающие его.",
                ),
                (
                    "Расширение комплексных и доступных услуг, ориентированных на пострадавших",
                    "Добиться, чтобы каждая пострадавшая могла получить качественные медицинские, правовые, полицейские услуги, приют и поддержку, где на первом месте её безопасность и её выбор.",
                ),
                (
                    "Обеспечение ресурсами независимых организаций по защите прав женщин, борющихся с гендерным насилием",
                    "Дать феминистским и правозащитным женским организациям, особенно низовым, более гибкое финансирование и реальный голос в противодействии насилию.",
                ),
            ],
        ),
        "economic-justice-and-rights": (
            "Экономическая справедливость и права",
            "Экономическая справедливость",
            "Стремится дать женщинам те же экономические возможности, доходы и защищённость, что и мужчинам. В центре её внимания — работа по уходу, достойная занятость, контроль над землёй и финансами и экономическая политика, учитывающая жизнь женщин.",
            [
                (
                    "Преобразование экономики ухода",
                    "Признать, сократить и перераспределить неоплачиваемый труд по уходу и домашний труд и создать достойные оплачиваемые рабочие места в секторе ухода.",
                ),
                (
                    "Расширение достойной работы и занятости женщин в формальной и неформальной экономике",
                    "Открыть женщинам достойную, защищённую и справедливо оплачиваемую работу, в том числе тем, кто зарабатывает на жизнь в неформальной экономике.",
                ),
                (
                    "Расширение доступа женщин к производственным ресурсам и контроля над ними",
                    "Укрепить права женщин на землю, собственность, кредит, рынки и цифровые финансовые услуги, а также их право решать, как ими распоряжаться.",
                ),
                (
                    "Разработка и осуществление учитывающих гендерные аспекты макроэкономической политики, пакетов стимулирующих мер и социальной защиты",
                    "Строить бюджеты, планы восстановления и системы социальной защиты так, чтобы они сокращали, а не углубляли экономический разрыв между женщинами и мужчинами.",
                ),
            ],
        ),
        "bodily-autonomy-and-srhr": (
            "Телесная автономия и сексуальное и репродуктивное здоровье и права",
            "СРЗП",
            "Защищает право девочек, женщин и гендерно разнообразных людей самим принимать решения о своём теле, сексуальности и репродукции. Работает ради полового просвещения, качественных медицинских услуг, защищающих законов и сильной феминистской правозащитной деятельности.",
            [
                (
                    "Расширение всестороннего полового просвещения в школе и вне её",
                    "Давать молодёжи точные и соответствующие возрасту знания о сексуальности, отношениях, согласии и здоровье — и в школах, и в местных сообществах.",
                ),
                (
                    "Расширение доступа к качественным комплексным услугам в области сексуального и репродуктивного здоровья, включая контрацепцию и безопасный аборт",
                    "Расширить охват доступной и качественной помощью в области сексуального и репродуктивного здоровья, с полным набором методов контрацепции и помощью при безопасном аборте.",
                ),
                (
                    "Укрепление законов, политики и подотчётности в области телесной автономии и СРЗП",
                    "Устранить правовые и политические барьеры и ввести гарантии, чтобы люди могли свободно решать вопросы своего тела и репродукции.",
                ),
                (
                    "Поддержка феминистских организаций и сетей, продвигающих телесную автономию и СРЗП",
                    "Финансировать и поддерживать феминистские, молодёжные и общественные группы, которые отстаивают эти права и требуют отчёта от лиц, принимающих решения.",
                ),
            ],
        ),
        "feminist-action-for-climate-justice": (
            "Феминистские действия в интересах климатической справедливости",
            "Климатическая справедливость",
            "Ставит женщин и девочек в центр ответа на климатический кризис, который бьёт по ним сильнее всего. Направляет средства на климатические решения под руководством женщин, поддерживает их лидерство в зелёной экономике, укрепляет устойчивость и улучшает данные о гендере и окружающей среде.",
            [
                (
                    "Расширение доступа к финансированию гендерно справедливых климатических решений",
                    "Направлять больше климатического финансирования на решения, разработанные и возглавляемые женщинами и девочками, особенно на низовом уровне.",
                ),
                (
                    "Возможность для женщин и девочек возглавить справедливый переход к инклюзивной зелёной экономике",
                    "Поддерживать лидерство, навыки и занятость женщин и девочек при переходе к справедливой, низкоуглеродной и замкнутой экономике.",
                ),
                (
                    "Повышение устойчивости женщин и девочек к последствиям изменения климата, рискам бедствий и потерям и ущербу",
                    "Помогать женщинам и девочкам готовиться к климатическим потрясениям, противостоять им и восстанавливаться после них, в том числе благодаря гарантированным правам на землю и ресурсы.",
                ),
                (
                    "Расширение сбора и использования данных о взаимосвязи гендера и окружающей среды",
                    "Получать и использовать более качественные данные в разбивке по полу о том, как изменение климата и окружающей среды по-разному влияет на женщин и мужчин.",
                ),
            ],
        ),
        "technology-and-innovation": (
            "Технологии и инновации в интересах гендерного равенства",
            "Технологии и инновации",
            "Стремится к тому, чтобы женщины и девочки могли на равных использовать, формировать цифровые и физические технологии и владеть ими. Преодолевает цифровой разрыв, финансирует феминистские инновации и добивается, чтобы онлайн-пространство было свободно от насилия и дискриминации.",
            [
                (
                    "Преодоление гендерного разрыва в цифровом доступе и цифровых навыках",
                    "Сократить разрывы в подключении, устройствах и цифровых навыках, чтобы женщины и девочки могли выходить в интернет и пользоваться его преимуществами.",
                ),
                (
                    "Инвестиции в феминистские технологии и инновации",
                    "Финансировать технологии, созданные женщинами и девочками и для них, а также основательниц компаний и новаторов-женщин.",
                ),
                (
                    "Построение инклюзивных, преобразующих и подотчётных инновационных экосистем",
                    "Открыть науку, промышленность и стартапы для женщин во всём их многообразии и сделать их ответственными за гендерные последствия того, что они создают.",
                ),
                (
                    "Предотвращение и искоренение гендерного насилия в интернете и с использованием технологий, а также дискриминации",
                    "Остановить злоупотребления, травлю и предвзятость с помощью цифровых инструментов и привлекать к ответственности платформы и виновных.",
                ),
            ],
        ),
        "feminist-movements-and-leadership": (
            "Феминистские движения и лидерство",
            "Феминистские движения",
            "Поддерживает феминистские движения и женщин-лидеров, которые двигают перемены, — от местных групп до парламентов. Добивается большего финансирования феминистской самоорганизации, более безопасного гражданского пространства, равного участия в принятии решений и больших возможностей для лидерства молодых феминисток.",
            [
                (
                    "Финансирование и обеспечение ресурсами феминистских движений и организаций",
                    "Увеличить объём и качество гибкого долгосрочного финансирования, которое доходит до феминистских активисток и организаций по защите прав женщин.",
                ),
                (
                    "Расширение и защита гражданского пространства для феминистских действий и правозащитниц",
                    "Защищать свободу феминистских активисток и правозащитниц объединяться и высказываться без угроз и преследований.",
                ),
                (
                    "Содействие полному и равному участию женщин и их лидерству в принятии решений",
                    "Продвигаться к гендерному паритету в политическом, государственном и экономическом руководстве для женщин во всём их многообразии.",
                ),
                (
                    "Укрепление лидерства девочек-подростков и молодых феминисток",
                    "Дать феминистским группам под руководством девочек и молодёжи ресурсы, навыки и места за столом, необходимые, чтобы влиять на решения.",
                ),
            ],
        ),
        "women-peace-security-humanitarian-action": (
            "Договор о женщинах, мире и безопасности и гуманитарной деятельности",
            "Договор ЖМБ-ГД",
            "Рамочная инициатива наряду с коалициями действий, которая направляет действия и ресурсы на роль и права женщин в сфере мира, безопасности и гуманитарного реагирования. Подписавшие стороны берут на себя конкретные обязательства в пяти тематических областях — от финансирования до защиты в кризисных ситуациях.",
            [
                (
                    "Финансирование повестки дня по вопросам женщин, мира и безопасности и гуманитарной деятельности",
                    "Увеличивать и отслеживать средства, направляемые на повестку дня «Женщины, мир и безопасность» и на гуманитарную работу с учётом гендерных аспектов, в том числе организациям под руководством женщин.",
                ),
                (
                    "Полноценное, равное и значимое участие женщин в мирных процессах",
                    "Обеспечить участие и влияние женщин на каждом этапе переговоров, выполнения и мониторинга мирных соглашений.",
                ),
                (
                    "Экономическая безопасность женщин и доступ к ресурсам",
                    "Гарантировать доход, работу, имущество и основные услуги женщинам, переживающим конфликт, перемещение и восстановление.",
                ),
                (
                    "Лидерство и активная роль женщин в гуманитарных и кризисных ситуациях",
                    "Сделать женщин и их организации лицами, принимающими решения, а не только получателями помощи, в гуманитарном планировании и работе.",
                ),
                (
                    "Защита прав человека женщин в условиях конфликтов и кризисов",
                    "Защищать женщин и девочек, в том числе правозащитниц и миротворцев, от насилия и нарушений прав в условиях конфликтов и кризисов.",
                ),
            ],
        ),
    },
    "themes": {
        "financing": (
            "Финансирование",
            "Привлекать больше государственных и частных средств на гендерное равенство и следить, чтобы они доходили до людей и организаций, которые делают эту работу.",
        ),
        "gender-norms": (
            "Преобразование гендерных норм (в том числе с участием мужчин и мальчиков)",
            "Менять общественные ожидания и стереотипы, сдерживающие женщин и девочек, вовлекая в перемены мужчин и мальчиков.",
        ),
        "law-and-policy": (
            "Реформа законодательства и политики",
            "Отменять дискриминационные законы, принимать и применять политику, которая защищает и продвигает права женщин и девочек.",
        ),
        "education": (
            "Образование",
            "Использовать обучение — от школы до профессиональной подготовки — чтобы расширять возможности девочек и женщин и бороться с неравенством.",
        ),
        "gender-data": (
            "Гендерные данные и подотчётность",
            "Собирать и публиковать данные в разбивке по полу и отслеживать, выполняются ли обещания в области гендерного равенства.",
        ),
        "intersectionality": (
            "Противодействие интерсекциональной дискриминации",
            "Охватывать тех, кто сталкивается с несколькими формами дискриминации одновременно, например из-за возраста, инвалидности, расы, этнической принадлежности, сексуальной ориентации или миграционного статуса.",
        ),
        "structural-inequalities": (
            "Системные изменения через устранение структурного неравенства",
            "Устранять глубинные системы и дисбаланс власти, порождающие неравенство, а не только его симптомы.",
        ),
    },
}


ZH = {
    "coalitions": {
        "gender-based-violence": (
            "基于性别的暴力",
            "基于性别的暴力",
            "致力于消除线上和线下一切形式的针对妇女和女童的暴力。其合作伙伴推动更有力的法律及其执行、从根源入手的预防、为幸存者提供更好的服务，并为主导这项工作的妇女组织争取更多资金。",
            [
                (
                    "营造消除基于性别的暴力的有利法律和政策环境",
                    "依照国际和区域标准，通过、资助并执行禁止一切形式针对妇女和女童暴力的法律和政策框架。",
                ),
                (
                    "扩大以证据为基础的基于性别的暴力预防工作",
                    "投资于行之有效的方案，通过改变纵容暴力的规范、态度和做法，在暴力发生之前加以制止。",
                ),
                (
                    "扩大以幸存者为中心、全面且可获得的服务",
                    "确保每一位幸存者都能获得以其安全和选择为先的优质医疗、司法、警务、庇护和支持服务。",
                ),
                (
                    "为致力于消除基于性别的暴力的自主妇女权利组织提供资源",
                    "为女权主义和妇女权利组织，特别是基层组织，提供更灵活的资金，并让其在应对暴力中拥有真正的话语权。",
                ),
            ],
        ),
        "economic-justice-and-rights": (
            "经济公正与权利",
            "经济公正",
            "旨在让妇女享有与男子同等的经济机会、收入和保障。重点关注照护工作、体面工作、对土地和金融的掌控，以及考虑到妇女生活的经济政策。",
            [
                ("变革照护经济", "承认、减少并重新分配无偿照护和家务劳动，并在照护行业创造体面的有偿工作。"),
                (
                    "在正规和非正规经济中扩大妇女的体面工作和就业",
                    "为妇女，包括在非正规经济中谋生的妇女，提供体面、有保障且报酬公平的工作。",
                ),
                (
                    "增加妇女获得和掌控生产资源的机会",
                    "加强妇女对土地、财产、信贷、市场和数字金融服务的权利，以及她们决定如何使用这些资源的权力。",
                ),
                (
                    "设计和实施促进性别平等的宏观经济政策、刺激计划和社会保护",
                    "设计预算、复苏计划和社会保护体系，使其缩小而不是扩大男女之间的经济差距。",
                ),
            ],
        ),
        "bodily-autonomy-and-srhr": (
            "身体自主权和性与生殖健康及权利",
            "性与生殖健康及权利",
            "捍卫女童、妇女和性别多元者自主决定其身体、性和生育事务的权利。致力于推动性教育、优质医疗服务、保护性法律和有力的女权主义倡导。",
            [
                (
                    "在校内外扩大全面性教育",
                    "在学校和社区为年轻人提供准确、适龄的有关性、人际关系、知情同意和健康的教育。",
                ),
                (
                    "增加获得优质全面性与生殖健康服务的机会，包括避孕和安全堕胎",
                    "扩大可负担的优质性与生殖健康服务的覆盖面，提供全套避孕方法和安全堕胎护理。",
                ),
                (
                    "加强有关身体自主权和性与生殖健康及权利的法律、政策和问责",
                    "消除法律和政策障碍并建立保护措施，使人们能够自由决定自己的身体和生育。",
                ),
                (
                    "支持推进身体自主权和性与生殖健康及权利的女权主义组织和网络",
                    "资助和支持倡导这些权利并追究决策者责任的女权主义、青年主导和社区团体。",
                ),
            ],
        ),
        "feminist-action-for-climate-justice": (
            "女权主义气候正义行动",
            "气候正义",
            "将受气候危机冲击最严重的妇女和女童置于应对行动的中心。将资金引向妇女主导的气候解决方案，支持她们在绿色经济中的领导作用，增强抗灾能力，并改进有关性别与环境的数据。",
            [
                (
                    "增加为性别公正的气候解决方案获得资金的机会",
                    "将更多气候资金引向由妇女和女童设计和主导的解决方案，特别是基层的解决方案。",
                ),
                (
                    "使妇女和女童能够引领向包容性绿色经济的公正转型",
                    "在向公平、低碳和循环经济转型的过程中，支持妇女和女童的领导力、技能和就业。",
                ),
                (
                    "增强妇女和女童应对气候影响、灾害风险以及损失和损害的韧性",
                    "帮助妇女和女童为气候冲击做好准备、抵御冲击并从中恢复，包括通过有保障的土地和资源权利。",
                ),
                (
                    "加强有关性别与环境关系的数据收集和使用",
                    "编制和使用更好的按性别分列的数据，说明气候和环境变化对妇女和男子的不同影响。",
                ),
            ],
        ),
        "technology-and-innovation": (
            "促进性别平等的技术与创新",
            "技术与创新",
            "力求确保妇女和女童能够平等地使用、塑造和拥有数字技术和实体技术。致力于弥合数字鸿沟，资助女权主义创新，并努力使网络空间免于暴力和歧视。",
            [
                (
                    "弥合数字接入和数字能力方面的性别差距",
                    "缩小网络连接、设备和数字技能方面的差距，使妇女和女童能够上网并从中受益。",
                ),
                ("投资于女权主义技术与创新", "资助由妇女和女童打造、为妇女和女童服务的技术，以及女性创始人和创新者。"),
                (
                    "建设包容、变革和负责任的创新生态系统",
                    "让研究、产业和初创企业环境向多元化的妇女开放，并对其创造成果的性别影响负责。",
                ),
                (
                    "预防和消除网络上及技术助长的基于性别的暴力和歧视",
                    "制止借助数字工具实施的虐待、骚扰和偏见，并追究平台和施害者的责任。",
                ),
            ],
        ),
        "feminist-movements-and-leadership": (
            "女权运动与领导力",
            "女权运动",
            "支持推动变革的女权运动和女性领导者，从地方团体到议会。致力于为女权主义组织工作争取更多资金、更安全的公民空间、平等参与决策，以及让年轻女权主义者有更多领导空间。",
            [
                ("为女权运动和组织提供资金和资源", "增加惠及女权活动人士和妇女权利组织的灵活、长期资金的数量和质量。"),
                (
                    "为女权主义行动和妇女人权维护者扩大和保护公民空间",
                    "捍卫女权活动人士和妇女人权维护者组织起来、发出声音而不受威胁或报复的自由。",
                ),
                (
                    "促进妇女充分、平等地参与决策并发挥领导作用",
                    "为多元化的妇女推动在政治、公共和经济领导层实现性别均等。",
                ),
                ("加强少女和年轻女权主义者的领导力", "为女童和青年主导的女权团体提供影响决策所需的资源、技能和席位。"),
            ],
        ),
        "women-peace-security-humanitarian-action": (
            "妇女、和平与安全及人道主义行动契约",
            "妇女、和平与安全及人道主义行动契约",
            "与行动联盟并行的框架，将行动和资源引向妇女在和平、安全和人道主义应对中的作用和权利。签署方承诺在从资金到危机环境中的保护等五个主题领域采取具体步骤。",
            [
                (
                    "为妇女、和平与安全及人道主义行动议程提供资金",
                    "增加并跟踪用于妇女、和平与安全以及促进性别平等的人道主义工作的资金，包括拨给妇女主导组织的资金。",
                ),
                ("妇女充分、平等和有意义地参与和平进程", "确保妇女参与并影响和平协定谈判、执行和监测的每个阶段。"),
                (
                    "妇女的经济安全和获得资源的机会",
                    "为经历冲突、流离失所和恢复期的妇女保障收入、就业、资产和基本服务。",
                ),
                (
                    "妇女在人道主义和危机环境中的领导力和能动性",
                    "使妇女及其组织成为人道主义规划和实施中的决策者，而不仅仅是受助者。",
                ),
                (
                    "在冲突和危机中保护妇女人权",
                    "在冲突和危机环境中保护妇女和女童，包括妇女人权维护者和和平建设者，使其免遭暴力和侵权行为。",
                ),
            ],
        ),
    },
    "themes": {
        "financing": ("筹资", "为性别平等调动更多公共和私人资金，并确保资金送达开展工作的人员和组织。"),
        "gender-norms": (
            "变革性别规范（包括通过动员男子和男童参与）",
            "改变阻碍妇女和女童的社会期待和刻板印象，让男子和男童成为变革的一部分。",
        ),
        "law-and-policy": ("法律和政策改革", "修改歧视性法律，通过并执行保护和促进妇女和女童权利的政策。"),
        "education": ("教育", "利用从学校到职业培训的各类学习，扩大女童和妇女的机会并挑战不平等。"),
        "gender-data": ("性别数据与问责", "收集和公布按性别分列的数据，并跟踪有关性别平等的承诺是否兑现。"),
        "intersectionality": (
            "应对交叉性歧视",
            "惠及同时遭受多种歧视的人，例如因年龄、残疾、种族、族裔、性取向或移民身份而受到歧视的人。",
        ),
        "structural-inequalities": (
            "通过消除结构性不平等实现系统性变革",
            "解决造成不平等的深层体系和权力失衡，而不仅仅是其表象。",
        ),
    },
}


TEXTS = {"fr": FR, "es": ES, "ar": AR, "ru": RU, "zh-hans": ZH}


def fill_english(apps):
    fields = {
        "ActionCoalition": ("name", "short_name", "description"),
        "ActionArea": ("title", "description"),
        "Theme": ("name", "description"),
        "Country": ("name",),
        "Subdivision": ("name",),
    }
    for model_name, names in fields.items():
        model = apps.get_model("coalitions", model_name)
        model.objects.update(**{column(name, "en"): F(name) for name in names})


def fill_people_written(apps):
    ActionCoalition = apps.get_model("coalitions", "ActionCoalition")
    ActionArea = apps.get_model("coalitions", "ActionArea")
    Theme = apps.get_model("coalitions", "Theme")
    coalitions = {coalition.slug: coalition for coalition in ActionCoalition.objects.all()}
    areas = {(area.coalition.slug, area.number): area for area in ActionArea.objects.select_related("coalition")}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for language, texts in TEXTS.items():
        for slug, (name, short_name, description, area_texts) in texts["coalitions"].items():
            coalition = coalitions.get(slug)
            if coalition is None:
                continue
            setattr(coalition, column("name", language), name)
            setattr(coalition, column("short_name", language), short_name)
            setattr(coalition, column("description", language), description)
            for number, (title, area_description) in enumerate(area_texts, start=1):
                area = areas.get((slug, number))
                if area is not None:
                    setattr(area, column("title", language), title)
                    setattr(area, column("description", language), area_description)
        for slug, (name, description) in texts["themes"].items():
            if slug in themes:
                setattr(themes[slug], column("name", language), name)
                setattr(themes[slug], column("description", language), description)
    languages = list(TEXTS)
    ActionCoalition.objects.bulk_update(
        coalitions.values(),
        [column(field, lang) for lang in languages for field in ("name", "short_name", "description")],
    )
    ActionArea.objects.bulk_update(
        areas.values(), [column(field, lang) for lang in languages for field in ("title", "description")]
    )
    Theme.objects.bulk_update(
        themes.values(), [column(field, lang) for lang in languages for field in ("name", "description")]
    )


def fill_places(apps):
    import pycountry
    from django.utils import translation
    from django_countries import countries

    Country = apps.get_model("coalitions", "Country")
    Subdivision = apps.get_model("coalitions", "Subdivision")
    every_country = list(Country.objects.all())
    places = list(Subdivision.objects.only("code", "name"))
    for language in TEXTS:
        with translation.override(language):
            for country in every_country:
                translated = str(countries.name(country.code))
                setattr(country, column("name", language), (translated or country.name).strip()[:100])
        # Every column is filled: the English name first, in one UPDATE, then
        # the places the catalogue translates (about one in five). Without a
        # catalogue for the language (pycountry has none for Arabic), the
        # English name stays, so a list sorted or searched in any language
        # holds every place.
        name_column = column("name", language)
        Subdivision.objects.update(**{name_column: F("name")})
        catalogue = gettext.translation(
            "iso3166-2", pycountry.LOCALES_DIR, languages=[PYCOUNTRY_LOCALE[language]], fallback=True
        )
        translated_places = []
        for place in places:
            translated = catalogue.gettext(place.name)[:120]
            if translated != place.name:
                setattr(place, name_column, translated)
                translated_places.append(place)
        Subdivision.objects.bulk_update(translated_places, [name_column], batch_size=500)
    Country.objects.bulk_update(every_country, [column("name", lang) for lang in TEXTS], batch_size=500)


def fill(apps, schema_editor):
    fill_english(apps)
    fill_people_written(apps)
    fill_places(apps)


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0006_translated_names")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
