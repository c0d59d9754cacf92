"""A commitment's deliverables and indicators in the maker's workspace, and
the live SMART score. The views only check who may see what and hand the
typed data to commitments.services (deliverable_save, indicator_save, …)
and commitments.smart; they hold no rule of their own."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commitments import services, smart
from commitments.models import Commitment, Deliverable, Indicator
from workspace.forms import CommitmentForm, add_service_errors
from workspace.helpers import render_workspace, workspace_view
from workspace.measure_forms import DeliverableForm, IndicatorForm

KINDS = {
    "deliverable": (Deliverable, DeliverableForm, "deliverable_save", "deliverable_delete"),
    "indicator": (Indicator, IndicatorForm, "indicator_save", "indicator_delete"),
}


def _commitment(request, pk):
    return get_object_or_404(
        Commitment.objects.filter(maker_id__in=request.workspace.maker_ids).select_related("maker", "amends"), pk=pk
    )


def _item(request, kind, pk):
    model = KINDS[kind][0]
    item = get_object_or_404(
        model.objects.filter(commitment__maker_id__in=request.workspace.maker_ids).select_related(
            "commitment__maker", "commitment__amends"
        ),
        pk=pk,
    )
    return item.commitment, item


def _refuse_unless_editable(request, commitment):
    if commitment.is_editable:
        return None
    messages.error(
        request,
        _("The deliverables and indicators of an approved commitment are changed through an amendment."),
    )
    return redirect("my-commitment", pk=commitment.pk)


def _save(request, kind, commitment, item=None):
    _model, form_class, save_name, _delete = KINDS[kind]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                getattr(services, save_name)(
                    actor=request.user, commitment=commitment, data=form.service_data(), **{kind: item}
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except services.NotPermitted as error:
                raise PermissionDenied(error.message) from None
            except services.ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Saved. The SMART score is updated."))
                return redirect("my-commitment", pk=commitment.pk)
    else:
        form = form_class(initial=form_class.initial_from(item) if item else None)
    template = f"my/{kind}_form.html"
    return render_workspace(
        request,
        template,
        {"form": form, "commitment": commitment, "item": item, "smart": _typed_smart(commitment, kind, form, item)},
    )


def _typed_smart(commitment, kind, form, item):
    """The score the commitment will have with what is typed in `form`."""
    typed = dict(form.cleaned_data) if form.is_bound and hasattr(form, "cleaned_data") else {}
    if not form.is_bound and item is not None:
        typed = form.initial
    indicators = [i for i in commitment.indicators.all() if item is None or kind != "indicator" or i.pk != item.pk]
    deliverables = [
        d for d in commitment.deliverables.all() if item is None or kind != "deliverable" or d.pk != item.pk
    ]
    if typed:
        (indicators if kind == "indicator" else deliverables).append(typed)
    return smart.assess(
        smart.facts_from(CommitmentForm.initial_from(commitment), indicators=indicators, deliverables=deliverables)
    )


@workspace_view()
@require_http_methods(["GET", "POST"])
def item_new(request, pk, kind):
    commitment = _commitment(request, pk)
    return _refuse_unless_editable(request, commitment) or _save(request, kind, commitment)


@workspace_view()
@require_http_methods(["GET", "POST"])
def item_edit(request, pk, kind):
    commitment, item = _item(request, kind, pk)
    return _refuse_unless_editable(request, commitment) or _save(request, kind, commitment, item)


@workspace_view()
@require_http_methods(["GET", "POST"])
def item_delete(request, pk, kind):
    commitment, item = _item(request, kind, pk)
    refused = _refuse_unless_editable(request, commitment)
    if refused:
        return refused
    if request.method == "POST":
        try:
            getattr(services, KINDS[kind][3])(actor=request.user, **{kind: item})
        except services.NotPermitted as error:
            raise PermissionDenied(error.message) from None
        except (services.ServiceError, ValidationError) as error:
            messages.error(request, getattr(error, "message", None) or "; ".join(error.messages))
        else:
            messages.success(request, _("Removed: “%(name)s”.") % {"name": item})
        return redirect("my-commitment", pk=commitment.pk)
    return render_workspace(request, "my/measure_delete.html", {"commitment": commitment, "item": item, "kind": kind})


@workspace_view()
@require_POST
def item_preview(request, pk, kind):
    """The SMART score with the deliverable or indicator being typed (htmx
    posts its form here on every change); nothing is saved."""
    commitment = _commitment(request, pk)
    item = None
    if request.POST.get("item"):
        item = get_object_or_404(KINDS[kind][0], pk=request.POST["item"], commitment=commitment)
    form = KINDS[kind][1](request.POST)
    form.is_valid()
    return render_workspace(
        request, "my/_smart.html", {"smart": _typed_smart(commitment, kind, form, item), "live": True}
    )


@workspace_view()
@require_POST
def smart_preview(request, pk=None):
    """The SMART score of the commitment form as it is typed (htmx posts the
    whole form here on every change): the score, the criteria met and a line
    of guidance per missing one. Nothing is saved."""
    commitment = _commitment(request, pk) if pk is not None else None
    form = CommitmentForm(request.POST, submitting=False)
    form.is_valid()
    data = {name: value for name, value in form.cleaned_data.items()}
    indicators = list(commitment.indicators.all()) if commitment else []
    deliverables = list(commitment.deliverables.all()) if commitment else []
    result = smart.assess(smart.facts_from(data, indicators=indicators, deliverables=deliverables))
    return render_workspace(request, "my/_smart.html", {"smart": result, "live": True})
