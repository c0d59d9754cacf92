"""Commitments: drafted from the showcase specs or generated, walked
through the review workflow, sometimes amended, and written in chunks
(`CommitmentsMixin`, part of `DemoBuilder`)."""

import datetime
import itertools
import random
from decimal import Decimal

from coalitions.models import Subdivision
from commitments.models import FIRST_YEAR, LAST_YEAR, Commitment, CommitmentType, ReviewEvent, Scope
from reporting.models import ProgressReport

from .common import Action, Status, round_amount
from .showcase import SHOWCASE_MAKERS
from .texts import (
    APPROVAL_COMMENTS,
    LOCALITIES,
    MEASURES,
    METHODS,
    PARTNERS,
    PLEDGES,
    REASONS,
    RETURN_COMMENTS,
    TARGET_GROUPS,
    WITHDRAWAL_COMMENTS,
)
from .weights import (
    AMENDMENT_WEIGHTS,
    AMOUNT_SCALE,
    DEFAULT_SCOPE_WEIGHTS,
    EXTRA_COALITIONS,
    FINANCIAL_SHARE,
    REGION_WEIGHTS,
    RETURN_ROUNDS,
    SCOPE_WEIGHTS,
    STATUS_WEIGHTS_NEW,
    STATUS_WEIGHTS_OLD,
    STATUS_WEIGHTS_RECENT,
    THEME_COUNTS,
    TYPE_WEIGHTS,
)
from .writer import (
    COMMITMENT_DEFAULTS,
    COMMITMENT_FIELDS,
    EVENT_FIELDS,
    REPORT_DEFAULTS,
    REPORT_FIELDS,
    commitment_reference,
)

# The countries whose national committees asked to follow their
# commitments place by place (issue 13).
PLACE_COUNTRIES = ("KE", "TZ", "BA")


class CommitmentsMixin:
    """Commitments, their review trails and open amendments, for `DemoBuilder`."""

    # Commitments --------------------------------------------------------------------

    def _create_commitments(self, specs, done):
        """The showcase first, then generated commitments from the oldest to
        the newest so that ids grow with time, in chunks to keep memory flat."""
        generated = self.size - len(specs)
        forum_start = self._moment(self.first_year, 3, 1)
        forum_end = self._moment(self.first_year, 7, 15)
        latest = self.now - datetime.timedelta(days=1)
        moments = sorted(
            self._between(forum_start, forum_end) if self.rng.random() < 0.3 else self._between(forum_end, latest)
            for _index in range(generated)
        )
        generated_makers = self.makers[len(SHOWCASE_MAKERS) :]
        # Every generated maker gets a commitment; after that, a few makers
        # make many (a long tail, as on the real platform).
        maker_order = list(generated_makers)
        self.rng.shuffle(maker_order)

        def plans():
            yield from specs
            for index, moment in enumerate(moments):
                if index < len(maker_order):
                    maker = maker_order[index]
                else:
                    maker = generated_makers[int(len(generated_makers) * self.rng.random() ** 2.2)]
                yield {"maker_obj": maker, "created_at": moment}

        plan_iter = iter(plans())
        while True:
            chunk = list(itertools.islice(plan_iter, self.chunk_size))
            if not chunk:
                break
            self._create_chunk(chunk)
            done(f"{self.counts['commitments']:,} commitments")

    def _create_chunk(self, plans):
        drafts = [self._draft_commitment(plan) for plan in plans]
        self._insert_commitments(drafts)
        self.counts["commitments"] += len(drafts)

        amendments = [self._amendment(draft) for draft in drafts if draft["amendment_status"]]
        self._insert_commitments(amendments)
        self.counts["open amendments"] += len(amendments)

        link_ids = self._insert_relations(drafts + amendments)
        self._insert_history(drafts + amendments, link_ids)

        reports = []
        for draft in drafts:
            for report, _events in draft["reports"]:
                report["commitment_id"] = draft["row"]["id"]
                reports.append(report)
        self._insert_with_ids(ProgressReport, [*REPORT_FIELDS, *REPORT_DEFAULTS], reports)
        self.counts["progress reports"] += len(reports)

        events = []
        for draft in drafts + amendments:
            public_id = draft["public"]["id"]
            is_amendment = draft["is_amendment"]
            for moment, action, from_status, to_status, comment, actor in draft["events"]:
                events.append((public_id, None, is_amendment, actor, action, from_status, to_status, comment, moment))
            for report, report_events in draft["reports"]:
                for moment, action, from_status, to_status, comment, actor in report_events:
                    events.append(
                        (public_id, report["id"], False, actor, action, from_status, to_status, comment, moment)
                    )
        self.writer.insert(ReviewEvent, EVENT_FIELDS, events)
        self.counts["review events"] += len(events)

    def _insert_commitments(self, drafts):
        rows = [draft["row"] for draft in drafts]
        ids = self.writer.new_ids(Commitment, len(rows))
        if ids:
            for row, pk in zip(rows, ids, strict=True):
                if row["amends_id"] is None:
                    row["reference"] = commitment_reference(row["created_at"], pk)
        # Without ids up front (SQLite), build() assigns references in one
        # UPDATE at the end.
        fields = [*COMMITMENT_FIELDS, *COMMITMENT_DEFAULTS]
        self._insert_with_ids(Commitment, ["reference", *fields] if ids else fields, rows, ids)

    def _insert_relations(self, drafts):
        """Write the links of `drafts` and return {(field, commitment id):
        [(link row id, linked id)]}."""
        through = {
            "coalitions": (Commitment.coalitions.through, "actioncoalition_id"),
            "action_areas": (Commitment.action_areas.through, "actionarea_id"),
            "themes": (Commitment.themes.through, "theme_id"),
            "countries": (Commitment.countries.through, "country_id"),
            "places": (Commitment.places.through, "subdivision_id"),
        }
        link_ids = {}
        for name, (model, column) in through.items():
            rows = [(draft["row"]["id"], value) for draft in drafts for value in draft.get(name, [])]
            # The link rows' ids are wanted for the versions, which copy them.
            ids = self.writer.new_ids(model, len(rows))
            if ids:
                self.writer.insert(
                    model, ["id", "commitment_id", column], [(pk, *row) for pk, row in zip(ids, rows, strict=True)]
                )
            else:
                ids = self.writer.insert(model, ["commitment_id", column], rows)
            for pk, (commitment_id, value) in zip(ids, rows, strict=True):
                link_ids.setdefault((name, commitment_id), []).append((pk, value))
            self.counts[f"commitment {name.replace('_', ' ')} rows"] += len(rows)
        return link_ids

    def _draft_commitment(self, plan):
        """One commitment as a row, with its many-to-many values, review trail
        and progress reports, not yet saved."""
        rng = self.rng
        maker = plan.get("maker_obj") or self.showcase_maker[plan["maker"]]
        constituency, home = maker.constituency, maker.country_id
        actors = self.actors[maker.pk]

        coalitions = plan.get("coalitions")
        if coalitions is None:
            coalitions = [self.chooser.pick("coalition", self.coalition_weights)]
            for _extra in range(self.weighted(EXTRA_COALITIONS)):
                other = self.weighted(self.coalition_weights)
                if other not in coalitions:
                    coalitions.append(other)
        primary = coalitions[0]
        pledge, pledge_area = rng.choice(PLEDGES[primary])

        scope = plan.get("scope") or self.chooser.pick("scope", SCOPE_WEIGHTS.get(constituency, DEFAULT_SCOPE_WEIGHTS))
        countries = plan.get("countries")
        if countries is None:
            countries = self._countries_for(scope, home)

        created = plan.get("created_at")
        if created is None and plan.get("created"):
            offset, month, day = plan["created"]
            created = self._moment(self.first_year + offset, month, day) + datetime.timedelta(hours=rng.uniform(0, 8))
        if created is None:
            created = self._between(self._moment(self.first_year, 5, 1), self.now - datetime.timedelta(days=400))
            if plan.get("status") in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED):
                created = self.now - datetime.timedelta(days=rng.uniform(5, 60))

        start_year = plan.get("start_year") or max(FIRST_YEAR, created.year + rng.choice([-1, 0, 0, 1]))
        end_year = plan.get("end_year") or min(
            LAST_YEAR, 2030 if rng.random() < 0.15 else start_year + rng.choice([1, 2, 3, 3, 4, 5, 5, 6])
        )
        end_year = max(end_year, start_year)

        types = plan.get("types")
        if types is None:
            types = {self.chooser.pick("type", TYPE_WEIGHTS)}
            if rng.random() < 0.45:
                types.add(self.weighted(TYPE_WEIGHTS))
            if rng.random() < FINANCIAL_SHARE.get(constituency, 0.1):
                types.add(CommitmentType.FINANCIAL)
        amount = plan.get("amount")
        if CommitmentType.FINANCIAL in types and amount is None:
            scale = AMOUNT_SCALE.get(constituency, 5.0)
            amount = round_amount(10 ** rng.uniform(scale - 1.6, scale + 0.9))
        amount = Decimal(amount) if amount is not None else None

        areas = plan.get("areas")
        if areas is None:
            area_ids = set()
            if rng.random() < 0.85:
                area_ids.add(self.areas[(primary, pledge_area)])
            for slug in coalitions:
                if rng.random() < 0.35:
                    area_ids.add(rng.choice(self.areas_of[slug]))
        else:
            area_ids = {self.areas[area] for area in areas}
        themes = plan.get("themes")
        if themes is None:
            themes = rng.sample(self.theme_slugs, self.weighted(THEME_COUNTS))
        target_groups = plan.get("target_groups")
        if target_groups is None:
            target_groups = ", ".join(rng.sample(TARGET_GROUPS[primary], rng.choice([1, 2, 2, 3]))).capitalize()
        partners = plan.get("partners")
        if partners is None:
            partners = ", ".join(rng.sample(PARTNERS, rng.choice([0, 1, 2, 2, 3]))).capitalize()

        row = {
            "maker_id": maker.pk,
            "amends_id": None,
            "title": (plan.get("title") or self._title(pledge, scope, countries, home, end_year))[:255],
            "description": plan.get("description")
            or self._description(pledge, primary, maker.name, start_year, end_year),
            "is_policy": CommitmentType.POLICY in types,
            "is_programme": CommitmentType.PROGRAMME in types,
            "is_financial": CommitmentType.FINANCIAL in types,
            "is_advocacy": CommitmentType.ADVOCACY in types,
            "financial_amount_usd": amount,
            "scope": scope,
            "start_year": start_year,
            "end_year": end_year,
            "target_groups": target_groups,
            "partners": partners,
            "status": Status.DRAFT,
            "created_at": created,
            "submitted_at": None,
            "published_at": None,
            "updated_at": created,
        }
        if plan.get("translations"):
            # The showcase's own words in another language (demo/showcase.py).
            row["translations"] = plan["translations"]
        status = plan.get("status") or self._status_for(created)
        draft = {
            "row": row,
            "public": row,
            "is_amendment": False,
            "coalitions": [self.coalitions[slug].pk for slug in coalitions],
            "action_areas": sorted(area_ids),
            "themes": [self.themes[slug] for slug in themes],
            "countries": countries,
            "places": self._places_for(scope, countries),
            "events": self._review_trail(row, status, actors),
            "reports": [],
            "actors": actors,
            "amendment_status": None,
        }
        if status in (Status.APPROVED, Status.WITHDRAWN):
            draft["reports"] = self._reports(row, plan, actors)
        if status == Status.APPROVED:
            self._remember_leader_candidate(maker, coalitions, row)
            amendment = plan.get("amendment")
            if amendment is None and "maker_obj" in plan and rng.random() < 0.01:
                amendment = self.chooser.pick("amendment", AMENDMENT_WEIGHTS)
            draft["amendment_status"] = amendment
        return draft

    def _status_for(self, created):
        age = (self.now - created).days
        weights = STATUS_WEIGHTS_NEW if age < 30 else STATUS_WEIGHTS_RECENT if age < 365 else STATUS_WEIGHTS_OLD
        return self.chooser.pick("status", weights, allowed=weights)

    def _countries_for(self, scope, home):
        rng = self.rng
        if scope == Scope.LOCAL:
            return [home]
        if scope == Scope.NATIONAL:
            return [home] if rng.random() < 0.9 else [home, rng.choice(self._neighbours(home))]
        if scope == Scope.REGIONAL:
            neighbours = self._neighbours(home)
            picked = rng.sample(neighbours, min(len(neighbours), rng.randint(2, 6)))
            return sorted({home, *picked})
        if rng.random() < 0.4:
            return []
        regions = list(REGION_WEIGHTS)
        return sorted({rng.choice(self.region_countries[rng.choice(regions)]) for _i in range(rng.randint(3, 9))})

    def _places_for(self, scope, countries):
        """A few counties, regions or entities for national and local
        commitments in the countries whose national committees follow them
        (Kenya, Tanzania, Bosnia and Herzegovina). A random stream of its own,
        so the rest of the demo data stays what it was."""
        if scope not in (Scope.NATIONAL, Scope.LOCAL):
            return []
        if not hasattr(self, "_place_choices"):
            self._place_rng = random.Random("gentrack demo places")
            self._place_choices = {}
            for code, country in Subdivision.objects.filter(
                country__in=PLACE_COUNTRIES, parent__isnull=True
            ).values_list("code", "country_id"):
                self._place_choices.setdefault(country, []).append(code)
        pool = [code for country in countries for code in self._place_choices.get(country, [])]
        if not pool or self._place_rng.random() < 0.3:
            return []
        return sorted(self._place_rng.sample(pool, min(len(pool), self._place_rng.randint(1, 3))))

    def _neighbours(self, code):
        region = self.country_region[code]
        return [other for other in self.region_countries.get(region, []) if other != code] or [code]

    def _title(self, pledge, scope, countries, home, end_year):
        rng = self.rng
        country = self.country_names[countries[0] if countries else home]
        if scope == Scope.LOCAL:
            place = rng.choice(
                [
                    f"in rural districts of {country}",
                    f"in informal settlements of {country}",
                    f"in border communities of {country}",
                    f"in the capital of {country}",
                    f"in {rng.choice(LOCALITIES).lower()} municipalities of {country}",
                ]
            )
        elif scope == Scope.NATIONAL:
            place = rng.choice([f"in {country}", f"across {country}", f"in every province of {country}"])
        elif scope == Scope.REGIONAL:
            region = self.region_labels[self.country_region[home]]
            place = rng.choice([f"across {region}", f"in {len(countries)} countries of {region}"])
        else:
            place = rng.choice(["worldwide", "in partner countries", "across the Global South"])
        title = f"{pledge} {place}"
        if rng.random() < 0.3:
            title = f"{title} by {end_year}"
        return title

    def _description(self, pledge, coalition, maker_name, start_year, end_year):
        rng = self.rng
        partners = " and ".join(rng.sample(PARTNERS, 2))
        return " ".join(
            [
                f"{maker_name} commits to {pledge[0].lower()}{pledge[1:]}.",
                rng.choice(REASONS[coalition]),
                rng.choice(METHODS).format(start=start_year, end=end_year, partners=partners, maker=maker_name),
                rng.choice(MEASURES),
            ]
        )

    # Review trail ---------------------------------------------------------------------

    def _review_trail(self, row, status, actors):
        """Walk the commitment through the workflow to `status`, as the
        services would, and return its ReviewEvents as tuples. Sets the
        workflow timestamps on the row."""
        rng = self.rng
        maker_actor = rng.choice(actors)
        reviewer = rng.choice(self.reviewers)
        moment = row["created_at"]
        events = [(moment, Action.CREATED, "", Status.DRAFT, "", maker_actor)]
        current = Status.DRAFT
        if status == Status.DRAFT:
            if rng.random() < 0.4:
                moment = self._after(moment, 0.1, 20)
                events.append((moment, Action.EDITED, current, current, "", maker_actor))
        else:
            rounds = self.weighted(RETURN_ROUNDS)
            if status == Status.RETURNED:
                rounds = max(rounds - 1, 0)
            for round_number in range(rounds + 1):
                moment = self._after(moment, 1, 30)
                events.append((moment, Action.SUBMITTED, current, Status.SUBMITTED, "", maker_actor))
                row["submitted_at"] = moment
                current = Status.SUBMITTED
                if round_number == rounds:
                    break
                moment = self._after(moment, 3, 30)
                events.append(
                    (moment, Action.RETURNED, current, Status.RETURNED, rng.choice(RETURN_COMMENTS), reviewer)
                )
                moment = self._after(moment, 1, 20)
                events.append((moment, Action.EDITED, Status.RETURNED, Status.RETURNED, "", maker_actor))
                current = Status.RETURNED
            if status == Status.RETURNED:
                moment = self._after(moment, 3, 30)
                events.append(
                    (moment, Action.RETURNED, current, Status.RETURNED, rng.choice(RETURN_COMMENTS), reviewer)
                )
            elif status in (Status.APPROVED, Status.WITHDRAWN):
                moment = self._after(moment, 3, 45)
                comment = rng.choice(APPROVAL_COMMENTS)
                events.append((moment, Action.APPROVED, current, Status.APPROVED, comment, reviewer))
                row["published_at"] = moment
                if status == Status.WITHDRAWN:
                    moment = self._after(moment, 180, 1000)
                    withdrawer = maker_actor if rng.random() < 0.8 else reviewer
                    comment = rng.choice(WITHDRAWAL_COMMENTS)
                    events.append((moment, Action.WITHDRAWN, Status.APPROVED, Status.WITHDRAWN, comment, withdrawer))
        row["status"] = status
        row["updated_at"] = moment
        return events

    def _amendment(self, draft):
        """An open amendment of an approved commitment: a copy, slightly
        changed, in draft, submitted or returned."""
        rng = self.rng
        original = draft["row"]
        status = draft["amendment_status"]
        actor = rng.choice(draft["actors"])
        started = self._after(max(original["published_at"], self.now - datetime.timedelta(days=300)), 1, 200)
        amount = original["financial_amount_usd"]
        row = {
            **original,
            "id": None,
            "reference": None,
            "amends_id": original["id"],
            "description": f"{original['description']} The amendment extends the work by a year.",
            "financial_amount_usd": round_amount(amount * Decimal("1.2")) if amount is not None else None,
            "end_year": min(original["end_year"] + 1, LAST_YEAR),
            "status": status,
            "created_at": started,
            "submitted_at": None,
            "published_at": None,
        }
        events = [(started, Action.AMENDMENT_STARTED, "", Status.DRAFT, "", actor)]
        moment = started
        if status in (Status.SUBMITTED, Status.RETURNED):
            moment = self._after(moment, 1, 20)
            events.append((moment, Action.SUBMITTED, Status.DRAFT, Status.SUBMITTED, "", actor))
            row["submitted_at"] = moment
        if status == Status.RETURNED:
            moment = self._after(moment, 2, 20)
            comment = rng.choice(RETURN_COMMENTS)
            events.append(
                (moment, Action.RETURNED, Status.SUBMITTED, Status.RETURNED, comment, rng.choice(self.reviewers))
            )
        row["updated_at"] = moment
        return {
            "row": row,
            "public": original,
            "is_amendment": True,
            "coalitions": draft["coalitions"],
            "action_areas": draft["action_areas"],
            "themes": draft["themes"],
            "countries": draft["countries"],
            "places": draft.get("places", []),
            "events": events,
            "reports": [],
        }
