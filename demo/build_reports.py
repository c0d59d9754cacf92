"""Progress reports of approved (and withdrawn) commitments, with their
own review trail (`ReportsMixin`, part of `DemoBuilder`)."""

import datetime

from .common import Action, Impl, ReportStatus, Status, round_amount
from .texts import NARRATIVES, NEXT_STEPS, REPORT_ACCEPT_COMMENTS, REPORT_RETURN_COMMENTS
from .weights import (
    BEHAVIOUR_WEIGHTS,
    BEHAVIOURS_NEW,
    BEHAVIOURS_OLD,
    CHALLENGE_COUNTS,
    CHALLENGE_ORDER,
    CHALLENGE_WEIGHTS,
    CLOSED_WEIGHTS,
    IMPLEMENTATION_BEFORE,
    IMPLEMENTATION_WEIGHTS,
    LAPSED_WEIGHTS,
    OPEN_DUE_WEIGHTS,
    OPEN_REPORTED_WEIGHTS,
)


class ReportsMixin:
    """Progress reports and their review events, for `DemoBuilder`."""

    # Progress reports --------------------------------------------------------------------

    def _reports(self, row, plan, actors):
        """Progress reports in the cycles that opened after the commitment was
        published (and closed before it was withdrawn), shaped so that its
        derived reporting status today is `reported`, `due` or `inactive`;
        every `due` one becomes `overdue` once the open cycle closes."""
        rng = self.rng
        published = row["published_at"].date()
        eligible = [cycle for cycle in self.cycles if cycle.opens_on > published]
        if row["status"] == Status.WITHDRAWN:
            withdrawn = row["updated_at"].date()
            eligible = [cycle for cycle in eligible if cycle.closes_on < withdrawn]
            behaviour = "history"
        else:
            allowed = BEHAVIOURS_OLD if published < self.last_closed.opens_on else BEHAVIOURS_NEW
            behaviour = plan.get("behaviour") or self.chooser.pick("behaviour", BEHAVIOUR_WEIGHTS, allowed=allowed)
        statuses = []
        for cycle in eligible:
            if cycle is self.open_cycle:
                if behaviour == "reported":
                    status = self.chooser.pick("open reported", OPEN_REPORTED_WEIGHTS)
                elif behaviour == "due":
                    status = self.chooser.pick("open due", OPEN_DUE_WEIGHTS)
                else:
                    status = ReportStatus.DRAFT if rng.random() < 0.1 else None
            elif cycle is self.last_closed and behaviour == "inactive":
                status = self.weighted(LAPSED_WEIGHTS)
            elif rng.random() < (0.25 if behaviour == "inactive" else 0.12):
                status = None
            else:
                status = self.chooser.pick("closed", CLOSED_WEIGHTS)
            if status is not None:
                statuses.append((cycle, status))
        if not statuses:
            return []
        path = self._implementation_path(len(statuses))
        reach = 10 ** rng.uniform(2, 5.3)
        return [
            self._report(row, plan, cycle, status, implementation, step, len(statuses), reach, actors)
            for step, ((cycle, status), implementation) in enumerate(zip(statuses, path, strict=True), start=1)
        ]

    def _implementation_path(self, length):
        """How implementation stood in each report, ending in a status drawn
        so that every status appears, and getting there plausibly."""
        final = self.chooser.pick("implementation", IMPLEMENTATION_WEIGHTS)
        before = IMPLEMENTATION_BEFORE[final]
        path = [self.rng.choice(before) for _step in range(length - 1)]
        path.sort(key=lambda status: status != Impl.NOT_STARTED)  # work that has not started comes first
        return [*path, final]

    def _report(self, row, plan, cycle, status, implementation, step, steps, reach, actors):
        rng = self.rng
        actor = rng.choice(actors)
        reviewer = rng.choice(self.reviewers)
        opens, window_end = self.cycle_windows[cycle.pk]
        created = opens + datetime.timedelta(seconds=int(rng.uniform(0, (window_end - opens).total_seconds() * 0.6)))
        people = None
        if row["is_programme"] or rng.random() < 0.5:
            people = int(reach * step / steps * rng.uniform(0.7, 1.1)) if implementation != Impl.NOT_STARTED else 0
        disbursed = None
        if implementation != Impl.NOT_STARTED:
            if row["is_financial"]:
                share = rng.uniform(0.9, 1.0) if implementation == Impl.COMPLETED else step / max(steps, 2)
                disbursed = round_amount(float(row["financial_amount_usd"]) * min(1.0, share * rng.uniform(0.6, 1.1)))
            elif rng.random() < 0.15:
                disbursed = round_amount(10 ** rng.uniform(3, 5.3))
        challenges = plan.get("challenges")
        if challenges is None:
            challenges = {self.weighted(CHALLENGE_WEIGHTS) for _draw in range(self.weighted(CHALLENGE_COUNTS))}
        challenges = [code for code in CHALLENGE_ORDER if code in challenges]
        counted, uncounted = NARRATIVES[implementation]
        narrative = rng.choice(counted if people and counted else uncounted).format(people=f"{people or 0:,}")
        evidence = f"https://results.example.org/{row['maker_id']}/{cycle.year}" if rng.random() < 0.5 else ""
        report = {
            "commitment_id": None,
            "cycle_id": cycle.pk,
            "implementation_status": implementation,
            "narrative": narrative,
            "amount_disbursed_usd": disbursed,
            "people_reached": people,
            "challenges": challenges,
            "next_steps": "" if implementation in (Impl.COMPLETED, Impl.DISCONTINUED) else rng.choice(NEXT_STEPS),
            "evidence_url": evidence,
            "status": status,
            "created_at": created,
            "submitted_at": None,
            "updated_at": created,
        }
        events = []
        moment = created
        if status != ReportStatus.DRAFT:
            moment = self._after(moment, 1, 20, limit=window_end)
            events.append((moment, Action.REPORT_SUBMITTED, ReportStatus.DRAFT, ReportStatus.SUBMITTED, "", actor))
            if status == ReportStatus.ACCEPTED and rng.random() < 0.1:
                # Returned once, corrected and submitted again in the window.
                moment = self._after(moment, 2, 15, limit=window_end)
                comment = rng.choice(REPORT_RETURN_COMMENTS)
                events.append(
                    (moment, Action.REPORT_RETURNED, ReportStatus.SUBMITTED, ReportStatus.RETURNED, comment, reviewer)
                )
                moment = self._after(moment, 1, 10, limit=window_end)
                events.append(
                    (moment, Action.REPORT_SUBMITTED, ReportStatus.RETURNED, ReportStatus.SUBMITTED, "", actor)
                )
            report["submitted_at"] = moment
            if status == ReportStatus.ACCEPTED:
                moment = self._after(moment, 2, 40)
                comment = rng.choice(REPORT_ACCEPT_COMMENTS)
                events.append(
                    (moment, Action.REPORT_ACCEPTED, ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, comment, reviewer)
                )
            elif status == ReportStatus.RETURNED:
                moment = self._after(moment, 2, 30)
                comment = rng.choice(REPORT_RETURN_COMMENTS)
                events.append(
                    (moment, Action.REPORT_RETURNED, ReportStatus.SUBMITTED, ReportStatus.RETURNED, comment, reviewer)
                )
        report["updated_at"] = moment
        return report, events
