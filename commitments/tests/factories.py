import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from coalitions.models import ActionCoalition, Country
from commitments.models import Commitment, CommitmentMaker, Constituency, Membership


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class ReviewerFactory(UserFactory):
    """Secretariat staff allowed to decide on commitments and reports."""

    username = factory.Sequence(lambda n: f"reviewer{n}")
    is_staff = True

    @factory.post_generation
    def review_permissions(user, create, extracted, **kwargs):
        if not create:
            return
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["review_commitment", "review_progressreport"])
        )


class MakerFactory(factory.django.DjangoModelFactory):
    """A maker the secretariat has verified, so that its commitments can be
    approved; `MakerFactory(unverified=True)` for one it has not checked yet."""

    class Meta:
        model = CommitmentMaker

    class Params:
        unverified = factory.Trait(verified=False, verified_at=None)

    name = factory.Sequence(lambda n: f"Women's Rights Network {n}")
    acronym = factory.Sequence(lambda n: f"WRN{n}")
    constituency = Constituency.CIVIL_SOCIETY
    country = factory.LazyFunction(lambda: Country.objects.get(code="KE"))
    verified = True
    verified_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    maker = factory.SubFactory(MakerFactory)
    role = Membership.Role.EDITOR


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A valid programme commitment to the GBV coalition, as a draft unless
    told otherwise. Set status and timestamps directly only in tests that
    need a starting state; transitions go through the services."""

    class Meta:
        model = Commitment
        skip_postgeneration_save = True

    maker = factory.SubFactory(MakerFactory)
    title = factory.Sequence(lambda n: f"Scale up survivor-centred shelters, phase {n}")
    description = "Open and run shelters and hotlines for survivors of violence in three counties."
    is_programme = True
    scope = "national"
    start_year = 2022
    end_year = 2026
    status = Commitment.Status.DRAFT

    @factory.post_generation
    def coalitions(commitment, create, extracted, **kwargs):
        if not create:
            return
        commitment.coalitions.set(extracted or [ActionCoalition.objects.get(slug="gender-based-violence")])

    @factory.post_generation
    def countries(commitment, create, extracted, **kwargs):
        if not create:
            return
        commitment.countries.set(extracted or [commitment.maker.country_id])


class ApprovedCommitmentFactory(CommitmentFactory):
    status = Commitment.Status.APPROVED
    published_at = factory.Faker(
        "date_time_between", start_date="-3y", end_date="-1y", tzinfo=__import__("datetime").UTC
    )
