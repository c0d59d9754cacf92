"""The makers' workspace (/my/): their organisations and commitments. Views
are thin: they check who may see what, and every change goes through
commitments/services/."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coalitions.models import ActionArea
from commitments import services
from commitments.duplicates import likely_duplicates
from commitments.models import Commitment, CommitmentMaker, JoinRequest, Membership, ReviewEvent
from reporting.models import FocalPoint
from workspace import once
from workspace.forms import CommitmentForm, JoinRequestForm, MakerForm, RoleForm, WithdrawForm, add_service_errors
from workspace.helpers import act_for, render_workspace, safe_next, workspace_view

Status = Commitment.Status


def _commitment_for_member(request, pk):
    """A commitment (or amendment) of one of the user's organisations, or 404."""
    return get_object_or_404(
        Commitment.objects.filter(maker_id__in=request.workspace.maker_ids).select_related("maker", "amends"),
        pk=pk,
    )


def _service_failed(request, error):
    if isinstance(error, services.NotPermitted):
        raise PermissionDenied(error.message)
    messages.error(request, error.message)


# Commitments -----------------------------------------------------------------


@workspace_view()
def home(request):
    """The acting organisation's commitments, every status, newest first."""
    maker = request.workspace.maker
    commitments = list(
        Commitment.objects.filter(maker=maker, amends__isnull=True)
        .select_related("amendment")
        .prefetch_related("coalitions", "countries")
        .order_by("-updated_at", "-id")
    )
    counts = {code: 0 for code in Status.values}
    for commitment in commitments:
        counts[commitment.status] += 1
    wanted = request.GET.get("status")
    shown = [c for c in commitments if c.status == wanted] if wanted in counts else commitments
    tabs = [{"code": "", "label": _("All"), "count": len(commitments), "current": wanted not in counts}] + [
        {"code": code, "label": label, "count": counts[code], "current": wanted == code}
        for code, label in Status.choices
    ]
    # Focal points find their country workspace from here.
    appointments = list(FocalPoint.objects.filter(user=request.user).select_related("country"))
    return render_workspace(
        request,
        "my/home.html",
        {"commitments": shown, "tabs": tabs, "total": len(commitments), "focal_appointments": appointments},
    )


def _commitment_form(request, **kwargs):
    """The commitment form, held to a submission's rules only when the maker
    pressed "Save and submit": a draft needs its title alone."""
    return CommitmentForm(request.POST or None, submitting=request.POST.get("action") == "submit", **kwargs)


def _save_commitment(request, form, commitment=None):
    """Create or update from a valid form; submit too if asked. Returns the
    saved commitment, or None with the service's errors on the form. Saving
    and submitting are one transaction, so a refused submission saves
    nothing and the form comes back as it was typed."""
    submitting = request.POST.get("action") == "submit"
    try:
        with transaction.atomic():
            if commitment is None:
                commitment = services.commitment_create(
                    actor=request.user, maker=request.workspace.maker, data=form.service_data()
                )
            else:
                commitment = services.commitment_update(
                    actor=request.user, commitment=commitment, data=form.service_data()
                )
            if submitting:
                services.commitment_submit(actor=request.user, commitment=commitment)
    except ValidationError as error:
        form.add_service_errors(error)
        return None
    except services.ServiceError as error:
        if isinstance(error, services.NotPermitted):
            raise PermissionDenied(error.message) from None
        form.add_error(None, error.message)
        return None
    if submitting:
        messages.success(request, _("Submitted for review. The secretariat will approve it or send it back."))
    else:
        messages.success(request, _("Saved as a draft. Submit it for review when it is ready."))
    return commitment


@workspace_view()
@require_http_methods(["GET", "POST"])
def commitment_new(request):
    form = _commitment_form(request)
    # The same token is kept when the form comes back with errors, so the
    # corrected form still counts as the one it was.
    token = request.POST.get(once.FIELD_NAME) or once.new_token()
    if request.method == "POST" and form.is_valid():
        claim = once.claim("commitment-new", request.user, request.POST.get(once.FIELD_NAME))
        if not claim.first:
            return _already_created(request, claim.created_pk)
        try:
            commitment = _save_commitment(request, form)
        except BaseException:
            claim.release()
            raise
        if commitment is not None:
            claim.done(commitment.pk)
            return redirect("my-commitment", pk=commitment.pk)
        claim.release()
    context = {"form": form, "commitment": None, "form_token": token}
    return render_workspace(request, "my/commitment_form.html", context)


def _already_created(request, pk):
    """A second post of the same new-commitment form: no second commitment;
    the user lands on the one the first post created."""
    if pk is not None and Commitment.objects.filter(pk=pk, maker_id__in=request.workspace.maker_ids).exists():
        messages.info(request, _("This form had already been sent: here is the commitment it created."))
        return redirect("my-commitment", pk=pk)
    messages.info(request, _("This form had already been sent and is still being saved: it will appear in your list."))
    return redirect("my-home")


@workspace_view()
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk):
    commitment = _commitment_for_member(request, pk)
    if not commitment.is_editable:
        if commitment.status == Status.APPROVED:
            messages.info(
                request, _("An approved commitment is changed through an amendment, reviewed like a submission.")
            )
        else:
            messages.error(
                request,
                _("A %(status)s commitment cannot be edited.") % {"status": commitment.get_status_display().lower()},
            )
        return redirect("my-commitment", pk=commitment.pk)
    if request.method == "POST":
        form = _commitment_form(request)
        if form.is_valid() and _save_commitment(request, form, commitment) is not None:
            return redirect("my-commitment", pk=commitment.pk)
    elif request.GET.get("check") == "submit":
        # Sent back from "Submit for review": the saved draft, with every
        # piece a submission still needs marked at its field.
        form = CommitmentForm(CommitmentForm.data_from(commitment), submitting=True)
        form.is_valid()
    else:
        form = CommitmentForm(initial=CommitmentForm.initial_from(commitment))
    return render_workspace(
        request,
        "my/commitment_form.html",
        {
            "form": form,
            "commitment": commitment,
            "return_comment": _latest_return_comment(commitment),
            "checking_saved": request.method == "GET" and form.is_bound,
        },
    )


def _timeline(commitment):
    target_id = commitment.amends_id or commitment.pk
    return list(
        ReviewEvent.objects.filter(commitment_id=target_id, progress_report__isnull=True)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def _latest_return_comment(commitment):
    if commitment.status != Status.RETURNED:
        return None
    return (
        ReviewEvent.objects.filter(
            commitment_id=commitment.amends_id or commitment.pk,
            is_amendment=commitment.is_amendment,
            action=ReviewEvent.Action.RETURNED,
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )


@workspace_view()
def commitment_detail(request, pk):
    commitment = get_object_or_404(
        Commitment.objects.filter(maker_id__in=request.workspace.maker_ids)
        .select_related("maker", "amends", "amendment")
        .prefetch_related(
            "coalitions",
            Prefetch("action_areas", queryset=ActionArea.objects.select_related("coalition")),
            "themes",
            "countries",
        ),
        pk=pk,
    )
    return render_workspace(
        request,
        "my/commitment_detail.html",
        {
            "commitment": commitment,
            "amendment": getattr(commitment, "amendment", None) if not commitment.is_amendment else None,
            "events": _timeline(commitment),
            "return_comment": _latest_return_comment(commitment),
        },
    )


@workspace_view()
@require_POST
def commitment_submit(request, pk):
    commitment = _commitment_for_member(request, pk)
    try:
        services.commitment_submit(actor=request.user, commitment=commitment)
    except ValidationError:
        # The form shows every missing piece at its field.
        return redirect(reverse("my-commitment-edit", args=[commitment.pk]) + "?check=submit")
    except services.ServiceError as error:
        _service_failed(request, error)
    else:
        messages.success(request, _("Submitted for review. The secretariat will approve it or send it back."))
    return redirect("my-commitment", pk=commitment.pk)


@workspace_view()
@require_http_methods(["GET", "POST"])
def commitment_withdraw(request, pk):
    commitment = _commitment_for_member(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_withdraw(
                actor=request.user, commitment=commitment, comment=form.cleaned_data["comment"]
            )
        except services.ServiceError as error:
            _service_failed(request, error)
        else:
            messages.success(request, _("The commitment is withdrawn. It stays in the public catalogue, marked so."))
        return redirect("my-commitment", pk=commitment.pk)
    return render_workspace(request, "my/commitment_withdraw.html", {"commitment": commitment, "form": form})


@workspace_view()
@require_POST
def commitment_amend(request, pk):
    commitment = _commitment_for_member(request, pk)
    try:
        amendment = services.commitment_start_amendment(actor=request.user, commitment=commitment)
    except services.ServiceError as error:
        _service_failed(request, error)
        return redirect("my-commitment", pk=commitment.pk)
    return redirect("my-commitment-edit", pk=amendment.pk)


@workspace_view()
@require_http_methods(["GET", "POST"])
def commitment_discard(request, pk):
    amendment = _commitment_for_member(request, pk)
    if request.method == "POST":
        try:
            services.commitment_discard_amendment(actor=request.user, amendment=amendment)
        except services.ServiceError as error:
            _service_failed(request, error)
            return redirect("my-commitment", pk=amendment.pk)
        messages.success(request, _("The amendment is discarded; the approved version is unchanged."))
        return redirect("my-commitment", pk=amendment.amends_id)
    return render_workspace(request, "my/commitment_discard.html", {"commitment": amendment})


@workspace_view()
@require_http_methods(["GET", "POST"])
def commitment_delete(request, pk):
    """Delete a draft never submitted, after a confirmation page."""
    commitment = _commitment_for_member(request, pk)
    if request.method == "POST":
        try:
            services.commitment_delete_draft(actor=request.user, commitment=commitment)
        except services.ServiceError as error:
            _service_failed(request, error)
            return redirect("my-commitment", pk=commitment.pk)
        messages.success(request, _("The draft “%(title)s” is deleted.") % {"title": commitment.title})
        return redirect("my-home")
    return render_workspace(request, "my/commitment_delete.html", {"commitment": commitment})


# Organisations ---------------------------------------------------------------


@workspace_view(needs_maker=False)
def organisations(request):
    join_requests = list(
        JoinRequest.objects.filter(user=request.user).select_related("maker").order_by("-created_at")[:20]
    )
    return render_workspace(request, "my/organisations.html", {"join_requests": join_requests})


@workspace_view(needs_maker=False)
@require_http_methods(["GET", "POST"])
def organisation_new(request):
    """Register an organisation. One that looks already registered (a similar
    name or acronym in its country, or a second government) is not created
    at once: the page lists the look-alikes with "Ask to join", keeps what
    was typed, and creates it only when the user confirms it is another."""
    form = MakerForm(request.POST or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.maker_data()
        similar = likely_duplicates(
            None,
            name=data["name"],
            acronym=data.get("acronym", ""),
            country_id=data["country"].pk,
            constituency=data["constituency"],
        )
        if not similar or form.cleaned_data["confirm_new"]:
            try:
                maker = services.maker_create(actor=request.user, data=data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                act_for(request, maker.pk)
                messages.success(request, _("%(maker)s is registered and you are its owner.") % {"maker": maker})
                if maker.checked_before_submitting:
                    messages.info(request, _checked_first_message(maker))
                return redirect("my-home")
    own = set(request.workspace.maker_ids)
    return render_workspace(
        request,
        "my/organisation_form.html",
        {"form": form, "similar": [(maker, maker.pk in own) for maker in similar]},
    )


def _checked_first_message(maker):
    return _(
        "The secretariat checks Member States and UN entities before they submit commitments. You can write "
        "drafts for %(maker)s now and submit them once the secretariat has verified it; its owners get an email then."
    ) % {"maker": maker}


@workspace_view(needs_maker=False)
def organisation_search(request):
    query = request.GET.get("q", "").strip()
    results = []
    if len(query) >= 2:
        results = list(
            CommitmentMaker.objects.filter(Q(name__icontains=query) | Q(acronym__iexact=query))
            .exclude(pk__in=request.workspace.maker_ids)
            .select_related("country")
            .order_by("name", "id")[:25]
        )
    return render_workspace(request, "my/organisation_search.html", {"query": query, "results": results})


@workspace_view(needs_maker=False)
@require_http_methods(["GET", "POST"])
def organisation_join(request, maker_id):
    maker = get_object_or_404(CommitmentMaker.objects.select_related("country"), pk=maker_id)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(actor=request.user, maker=maker, message=form.cleaned_data["message"])
        except services.ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your request is sent. The owners of %(maker)s will accept or decline it.") % {"maker": maker},
            )
            return redirect("my-organisations")
    return render_workspace(request, "my/organisation_join.html", {"maker": maker, "form": form})


@workspace_view(needs_maker=False)
@require_POST
def organisation_switch(request):
    try:
        maker_id = int(request.POST.get("maker", ""))
    except ValueError:
        maker_id = None
    membership = request.workspace.membership_for(maker_id)
    if membership is None:
        raise PermissionDenied(_("You can only act for organisations you are a member of."))
    act_for(request, membership.maker_id)
    messages.success(request, _("You are now acting for %(maker)s.") % {"maker": membership.maker})
    return redirect(safe_next(request, reverse("my-home")))


def _maker_for_member(request, maker_id):
    membership = request.workspace.membership_for(maker_id)
    if membership is None:
        raise Http404(_("No organisation of yours has this id."))
    return membership


@workspace_view(needs_maker=False)
def members(request, maker_id):
    own = _maker_for_member(request, maker_id)
    is_owner = own.role == Membership.Role.OWNER
    memberships = list(
        Membership.objects.filter(maker_id=maker_id).select_related("user").order_by("user__first_name", "user__email")
    )
    pending = (
        list(
            JoinRequest.objects.filter(maker_id=maker_id, status=JoinRequest.Status.PENDING)
            .select_related("user")
            .order_by("created_at")
        )
        if is_owner
        else []
    )
    return render_workspace(
        request,
        "my/members.html",
        {
            "maker": own.maker,
            "own": own,
            "is_owner": is_owner,
            "memberships": memberships,
            "pending": pending,
            "roles": Membership.Role.choices,
        },
    )


def _member_action(request, maker_id, action):
    """Run a member-management service, answering 403 to non-owners."""
    _maker_for_member(request, maker_id)
    try:
        action()
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    except services.ServiceError as error:
        _service_failed(request, error)
        return False
    return True


@workspace_view(needs_maker=False)
@require_POST
def member_role(request, maker_id, membership_id):
    membership = get_object_or_404(Membership, pk=membership_id, maker_id=maker_id)
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else request.POST.get("role", "")
    done = _member_action(
        request,
        maker_id,
        lambda: services.membership_change_role(actor=request.user, membership=membership, role=role),
    )
    if done:
        messages.success(request, _("The role is changed."))
    return redirect("my-members", maker_id=maker_id)


@workspace_view(needs_maker=False)
@require_POST
def member_remove(request, maker_id, membership_id):
    membership = get_object_or_404(Membership, pk=membership_id, maker_id=maker_id)
    leaving = membership.user_id == request.user.pk
    if _member_action(request, maker_id, lambda: services.membership_remove(actor=request.user, membership=membership)):
        if leaving:
            messages.success(request, _("You have left %(maker)s.") % {"maker": membership.maker})
            return redirect("my-organisations")
        messages.success(request, _("The member is removed."))
    return redirect("my-members", maker_id=maker_id)


@workspace_view(needs_maker=False)
@require_POST
def join_request_decide(request, maker_id, request_id, decision):
    join_request = get_object_or_404(JoinRequest, pk=request_id, maker_id=maker_id)
    if decision == "accept":
        role = request.POST.get("role", Membership.Role.EDITOR)
        done = _member_action(
            request,
            maker_id,
            lambda: services.join_request_accept(actor=request.user, join_request=join_request, role=role),
        )
        message = _("The request is accepted: they can now act for your organisation.")
    else:
        done = _member_action(
            request, maker_id, lambda: services.join_request_decline(actor=request.user, join_request=join_request)
        )
        message = _("The request is declined.")
    if done:
        messages.success(request, message)
    return redirect("my-members", maker_id=maker_id)
