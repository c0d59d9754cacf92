"""The people of the demo: secretariat staff, commitment makers and the
users who act for them (`MakersMixin`, part of `DemoBuilder`)."""

import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.utils.text import slugify

from commitments.models import CommitmentMaker, Constituency, Membership

from .common import DEMO_PASSWORD, DemoRefused
from .showcase import REVIEWERS, REVIEWERS_GROUP, SECRETARIAT_ADMINS_GROUP, SHOWCASE_MAKERS, UNVERIFIED_MAKER
from .texts import FAMILY_NAMES, FORMS, GIVEN_NAMES, LOCAL_BODIES, LOCALITIES, ROOTS, UN_AGENCIES
from .weights import CONSTITUENCY_WEIGHTS, REGION_WEIGHTS
from .writer import MAKER_FIELDS, MEMBERSHIP_FIELDS, USER_FIELDS


def _website(name):
    return f"https://{slugify(name)[:40].strip('-')}.example.org"


class MakersMixin:
    """Staff, makers and their members, for `DemoBuilder`."""

    def _create_staff(self):
        """Secretariat logins in the roles that migrations create: the
        `secretariat` login also administers (cycles, makers, compiling
        reports), the others review."""
        User = get_user_model()
        # Hashing is slow on purpose: one hash serves every demo login.
        self.password_hash = make_password(DEMO_PASSWORD)
        reviewers = self._role(REVIEWERS_GROUP)
        admins = self._role(SECRETARIAT_ADMINS_GROUP)
        self.reviewers = []
        self.demo_users = []
        for username, first, last in REVIEWERS:
            user, _created = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@secretariat.example.org",
                    "is_staff": True,
                    "is_active": True,
                    "password": self.password_hash,
                },
            )
            groups = [reviewers, admins] if username == "secretariat" else [reviewers]
            user.groups.add(*groups)
            self.reviewers.append(user.pk)
            role = "secretariat reviewer and admin" if admins in groups else "secretariat reviewer"
            self.demo_users.append((username, f"{role} (staff, /admin/)"))

    def _role(self, name):
        """A secretariat group from the roles migration; made with at least
        the review permissions if someone deleted it."""
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label__in=["coalitions", "commitments", "reporting"], codename__startswith="view_"
                ),
                *Permission.objects.filter(codename__in=["review_commitment", "review_progressreport"]),
            )
        return group

    def _create_makers(self):
        """The showcase makers first, then generated ones: one of every
        constituency and region before the weighted draws."""
        count = max(len(SHOWCASE_MAKERS) + len(Constituency), self.size // 4)
        makers = []
        used_names = set()
        for spec in SHOWCASE_MAKERS:
            maker = SimpleNamespace(
                pk=None,
                name=spec["name"],
                acronym=spec.get("acronym", ""),
                constituency=spec["constituency"],
                country_id=spec["country"],
                website=_website(spec["name"]),
                verified=True,
            )
            makers.append(maker)
            used_names.add(spec["name"])
        # A Member State makes its commitments once, as one maker.
        taken = {spec["country"] for spec in SHOWCASE_MAKERS}
        member_states_left = {
            region: self.rng.sample([code for code in codes if code not in taken], len(codes) - len(taken & set(codes)))
            for region, codes in self.region_countries.items()
        }
        for _index in range(count - len(SHOWCASE_MAKERS)):
            constituency = self.chooser.pick("constituency", CONSTITUENCY_WEIGHTS)
            region = self.chooser.pick("maker region", REGION_WEIGHTS)
            country = self.rng.choice(self.region_countries[region])
            if constituency == Constituency.MEMBER_STATE:
                if member_states_left[region]:
                    country = member_states_left[region].pop()
                else:
                    constituency = Constituency.LOCAL_GOVERNMENT
            name, acronym, constituency = self._maker_name(constituency, country, used_names)
            makers.append(
                SimpleNamespace(
                    pk=None,
                    name=name,
                    acronym=acronym,
                    constituency=constituency,
                    country_id=country,
                    website=_website(name),
                    # Every maker with commitments in the demo is verified:
                    # an unverified maker's commitments cannot be approved.
                    verified=True,
                )
            )
        # Registered before the first commitments of the Forum year.
        for maker in makers:
            maker.created_at = self._moment(self.first_year, 1, 10) + datetime.timedelta(days=self.rng.uniform(0, 45))
            maker.updated_at = maker.created_at
            maker.verified_at = maker.created_at + datetime.timedelta(days=self.rng.uniform(1, 10))
        self._insert_objects(CommitmentMaker, makers, MAKER_FIELDS)
        self.makers = makers
        self.showcase_maker = {spec["key"]: maker for spec, maker in zip(SHOWCASE_MAKERS, makers, strict=False)}
        self.showcase_maker_ids = {maker.pk for maker in self.showcase_maker.values()}
        self.counts["commitment makers"] = len(makers)
        self._create_members(makers)

    def _create_unverified_maker(self):
        """A second Kenyan government, registered in the workspace and waiting
        for the secretariat's check, with no commitments: reviewers see what
        a look-alike looks like (its admin page names Government of Kenya and
        offers Verify), and its owner what waiting looks like (drafts, no
        submit yet)."""
        User = get_user_model()
        spec = UNVERIFIED_MAKER
        registered = self._moment(self.first_year + 1, 2, 1)
        maker = CommitmentMaker.objects.create(
            name=spec["name"],
            constituency=spec["constituency"],
            country_id=spec["country"],
            website=_website(spec["name"]),
            verified=False,
            created_at=registered,
            updated_at=registered,
        )
        user, created = User.objects.update_or_create(
            username=spec["user"],
            defaults={
                "password": self.password_hash,
                "email": f"{spec['user']}@example.org",
                "first_name": self.rng.choice(GIVEN_NAMES),
                "last_name": self.rng.choice(FAMILY_NAMES),
            },
        )
        Membership.objects.create(user=user, maker=maker, role=Membership.Role.OWNER, created_at=registered)
        self.counts["commitment makers"] += 1
        self.counts["users"] += int(created)
        self.counts["memberships"] += 1
        self.demo_users.append((spec["user"], f"owner of {spec['name']}, not verified yet"))

    def _maker_name(self, constituency, country, used_names):
        """A made-up name that fits the constituency, unique in the demo.
        When the few UN agency or local government names of a country are
        taken, the maker becomes an international organisation instead."""
        rng = self.rng
        country_name = self.country_names[country]
        for attempt in range(40):
            root = rng.choice(ROOTS)
            if constituency == Constituency.MEMBER_STATE:
                name = f"Government of {country_name}"
            elif constituency == Constituency.UN_ENTITY:
                name = f"{rng.choice(UN_AGENCIES)} {country_name}"
            elif constituency == Constituency.LOCAL_GOVERNMENT:
                name = f"{rng.choice(LOCALITIES)} {rng.choice(LOCAL_BODIES)}, {country_name}"
            elif constituency == Constituency.ACADEMIA and rng.random() < 0.4:
                name = f"{root} University"
            else:
                name = f"{root} {rng.choice(FORMS[constituency])}"
                if attempt or rng.random() < 0.3:
                    name = f"{name} {country_name}"
            if attempt >= 30:
                name = f"{name} {attempt - 28}"
            if name not in used_names:
                break
            if attempt == 10 and constituency in (Constituency.UN_ENTITY, Constituency.LOCAL_GOVERNMENT):
                constituency = Constituency.INTERNATIONAL_ORG
        used_names.add(name)
        acronym = ""
        if constituency not in (Constituency.MEMBER_STATE, Constituency.UN_ENTITY) and rng.random() < 0.4:
            acronym = "".join(word[0] for word in name.split() if word[0].isupper())[:8]
        return name, acronym, constituency

    def _create_members(self, makers):
        """Seats for people: a demo login (with the demo password) owns each
        named showcase maker; every other maker gets an owner, sometimes an
        editor too, whose password is unusable: they exist so that the review
        trail names people."""
        User = get_user_model()
        if User.objects.filter(username__startswith="demo-member-").exists():
            raise DemoRefused("Demo member accounts (demo-member-…) are left from an earlier demo; delete them first.")
        unusable = make_password(None)
        specs = SHOWCASE_MAKERS + [{} for _maker in makers[len(SHOWCASE_MAKERS) :]]
        wanted = []  # per maker: [(username, role)]
        new_users = {}
        for index, spec in enumerate(specs, start=1):
            seats = []
            if spec.get("user"):
                seats.append((spec["user"], Membership.Role.OWNER))
                new_users[spec["user"]] = self.password_hash
            else:
                for seat in range(1 if self.rng.random() < 0.7 else 2):
                    username = f"demo-member-{index:05d}" + ("-b" if seat else "")
                    seats.append((username, Membership.Role.EDITOR if seat else Membership.Role.OWNER))
                    new_users[username] = unusable
            seats += [(username, Membership.Role.EDITOR) for username in spec.get("editors", [])]
            wanted.append(seats)
        # Named logins may be left from an earlier demo (the demo-member ones
        # cannot: see above); they are reused, with the demo password.
        named = User.objects.filter(username__in=[spec["user"] for spec in SHOWCASE_MAKERS if spec.get("user")])
        named.update(password=self.password_hash)
        existing = {user.username: user for user in named}
        users = []
        joined = self._moment(self.first_year, 1, 5)
        for username, password in new_users.items():
            if username in existing:
                continue
            users.append(
                SimpleNamespace(
                    pk=None,
                    username=username,
                    first_name=self.rng.choice(GIVEN_NAMES),
                    last_name=self.rng.choice(FAMILY_NAMES),
                    email=f"{username}@example.org",
                    password=password,
                    date_joined=joined,
                    is_staff=False,
                    is_superuser=False,
                    is_active=True,
                )
            )
        self._insert_objects(User, users, USER_FIELDS)
        by_username = {**existing, **{user.username: user for user in users}}
        memberships = []
        self.actors = {}  # maker pk -> pks of the users who write its commitments
        for maker, seats in zip(makers, wanted, strict=True):
            for username, role in seats:
                memberships.append(
                    SimpleNamespace(
                        user_id=by_username[username].pk, maker_id=maker.pk, role=role, created_at=maker.created_at
                    )
                )
            self.actors[maker.pk] = [by_username[username].pk for username, _role in seats]
        self._insert_objects(Membership, memberships, MEMBERSHIP_FIELDS)
        self.counts["users"] += len(users)
        self.counts["memberships"] += len(memberships)
        for spec in SHOWCASE_MAKERS:
            if spec.get("user"):
                self.demo_users.append((spec["user"], f"owner of {spec['name']}"))
