from django.shortcuts import get_object_or_404, render

from coalitions.models import ActionCoalition

from .models import Commitment


def home(request):
    coalitions = list(ActionCoalition.objects.all())
    return render(request, "home.html", {"coalitions": coalitions})


def commitment_detail(request, reference):
    commitment = get_object_or_404(
        Commitment.objects.public().select_related("maker__country").prefetch_related("coalitions", "countries"),
        reference=reference,
    )
    return render(request, "commitments/commitment_detail.html", {"commitment": commitment})
