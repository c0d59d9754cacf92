"""What every page of the makers' workspace (/my/) knows: the signed-in
user's memberships and the organisation they are acting for, kept in the
session. Objects are looked up among the user's organisations only, so that
another maker's drafts answer 404 whatever their id."""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from commitments.models import JoinRequest, Membership
from reporting.models import FocalPoint

ACTING_MAKER_KEY = "acting_maker_id"


@dataclass
class Workspace:
    memberships: list
    acting: Membership | None
    pending_requests: int = 0

    @property
    def maker(self):
        return self.acting.maker if self.acting else None

    @property
    def maker_ids(self):
        return [membership.maker_id for membership in self.memberships]

    @property
    def is_owner(self):
        return bool(self.acting and self.acting.role == Membership.Role.OWNER)

    def membership_for(self, maker_id):
        return next((m for m in self.memberships if m.maker_id == maker_id), None)


def load_workspace(request):
    memberships = list(
        Membership.objects.filter(user=request.user).select_related("maker").order_by("maker__name", "maker_id")
    )
    wanted = request.session.get(ACTING_MAKER_KEY)
    acting = next((m for m in memberships if m.maker_id == wanted), memberships[0] if memberships else None)
    owned = [m.maker_id for m in memberships if m.role == Membership.Role.OWNER]
    pending = JoinRequest.objects.filter(maker_id__in=owned, status=JoinRequest.Status.PENDING).count() if owned else 0
    return Workspace(memberships=memberships, acting=acting, pending_requests=pending)


def act_for(request, maker_id):
    request.session[ACTING_MAKER_KEY] = maker_id


def workspace_view(needs_maker=True):
    """Sign-in required; `request.workspace` set. With `needs_maker`, a user
    who belongs to no organisation yet is sent to create or join one."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.workspace = load_workspace(request)
            if needs_maker and request.workspace.acting is None:
                if FocalPoint.objects.filter(user=request.user).exists():
                    # A focal point need not belong to any organisation.
                    return redirect("my-countries")
                messages.info(request, _("First create your organisation's profile, or ask to join it."))
                return redirect("my-organisations")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _section(template):
    """Which workspace tab a page belongs to, for the navigation."""
    name = template.removeprefix("my/")
    if name.startswith("report"):
        return "reports"
    if name.startswith(("organisation", "members")):
        return "organisations"
    if name.startswith(("countr",)):
        return "countries"
    return "commitments"


def render_workspace(request, template, context=None, status=None):
    context = {"workspace": request.workspace, "section": _section(template), **(context or {})}
    return render(request, template, context, status=status)


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default
