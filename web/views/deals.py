"""Deal pages: the funnel as a board (a column per stage, cards moved between stages by
drag and drop or by each card's own form), the same deals as a list, and a new deal.

A deal that a running process moves is moved there: its direct move answers 409 naming
the instance (processes.ownership); a lost deal is given a reason from the list.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engine.exceptions import EngineError, InvalidData
from processes.access import deals_for, may, parties_for
from processes.access.pages import record_page
from processes.access.rights import READ, WRITE
from processes.crm.models import Deal, FunnelStage, Party
from processes.crm.services import deal_create, deal_move
from processes.ownership.guard import require_outside_process
from web.exports import download, wanted
from web.selectors.customer_cases import order_process
from web.selectors.deals import (
    STATUS_LABELS,
    DealFilters,
    deal_board,
    deal_owners,
    deal_rows,
    deal_search,
    lost_reasons,
)
from web.selectors.documents import company_currency
from web.views.common import is_htmx

PAGE_SIZE = 50


class DealForm(forms.Form):
    party = forms.ModelChoiceField(
        label=gettext_lazy("Customer"),
        queryset=Party.objects.filter(is_customer=True, is_active=True).order_by("name"),
        empty_label=gettext_lazy("Choose…"),
    )
    title = forms.CharField(label=gettext_lazy("What the deal is about"), max_length=200)
    amount = forms.DecimalField(
        label=gettext_lazy("Expected amount"), max_digits=14, decimal_places=2, min_value=0
    )
    expected_close = forms.DateField(
        label=gettext_lazy("Expected to close on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    stage = forms.ModelChoiceField(
        label=gettext_lazy("Stage"),
        queryset=FunnelStage.objects.filter(is_won=False, is_lost=False),
        required=False,
        empty_label=gettext_lazy("The first stage"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        field.queryset = parties_for(user, field.queryset)  # only the customers she sees


class MoveForm(forms.Form):
    stage = forms.ModelChoiceField(label=gettext_lazy("Move to"), queryset=FunnelStage.objects)
    lost_reason = forms.ChoiceField(label=gettext_lazy("Why it was lost"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reasons = lost_reasons()
        self.fields["lost_reason"].choices = [("", "—")] + [(r, r) for r in reasons]

    def clean(self):
        data = super().clean()
        stage = data.get("stage")
        if stage is not None and stage.is_lost and not data.get("lost_reason"):
            self.add_error("lost_reason", _("Pick why the deal was lost."))
        return data


def _context(request, filters: DealFilters) -> dict:
    context = {
        "list_name": "deal",
        "list_url": "/deals/",
        "filters": filters,
        "owners": deal_owners(),
        "currency": company_currency(),
        "stages": list(FunnelStage.objects.all()),
        "reasons": lost_reasons(),
        "statuses": STATUS_LABELS,
        "may_write": may(request.user, WRITE, "deals"),
        "may_customers": may(request.user, READ, "customers"),
        "may_order": order_process(request.user) is not None,
    }
    if filters.view == "list":
        context["page"] = Paginator(deal_search(filters, request.user), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    else:
        context["columns"] = deal_board(filters, request.user)
    return context


def _board(request, filters: DealFilters, *, status: int = 200, notice: str = "", error=""):
    context = _context(request, filters) | {"notice": notice, "error": error}
    if is_htmx(request):
        name = "_list.html" if filters.view == "list" else "_board.html"
        return render(request, f"web/deals/{name}", context, status=status)
    return render(request, "web/deals/index.html", context, status=status)


@record_page("deals")
@require_GET
def deal_index(request):
    filters = DealFilters.from_query(request.GET)
    fmt = wanted(request)
    if fmt:
        header, rows = deal_rows(deal_search(filters, request.user), company_currency())
        return download(fmt, "deals", header, rows)
    return _board(request, filters)


@record_page("deals", WRITE)
@require_POST
def deal_move_view(request, pk: int):
    """Move a deal to another stage (won and lost close it; lost with a reason)."""
    deal = get_object_or_404(
        deals_for(request.user, Deal.objects.select_related("party", "stage")), pk=pk
    )
    filters = DealFilters.from_query(request.GET)
    form = MoveForm(request.POST)
    if not form.is_valid():
        problems = [str(e) for errors in form.errors.values() for e in errors]
        return _board(request, filters, status=400, error=" ".join(problems))
    stage = form.cleaned_data["stage"]
    try:
        require_outside_process(deal, step=_("moving the deal"))
        deal_move(deal=deal, stage=stage, lost_reason=form.cleaned_data["lost_reason"])
    except EngineError as error:
        return _board(request, filters, status=error.status_code, error=error.message)
    notice = _("“%(deal)s” is now in %(stage)s.") % {"deal": deal.title, "stage": stage.name}
    if not is_htmx(request):
        messages.success(request, notice)
        return redirect("web:deals")
    return _board(request, filters, notice=notice)


@record_page("deals", WRITE)
@require_http_methods(["GET", "POST"])
def deal_new(request):
    initial = {}
    party = request.GET.get("party", "")
    if party.isdigit():
        initial["party"] = int(party)
    form = DealForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            deal = deal_create(
                party=data["party"],
                title=data["title"],
                amount=data["amount"],
                stage=data["stage"],
                expected_close=data["expected_close"],
                owner=request.user,
            )
        except InvalidData as error:
            for field, problems in error.errors.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(
                request,
                _("“%(deal)s” is in %(stage)s.") % {"deal": deal.title, "stage": deal.stage.name},
            )
            return redirect("web:deals")
    status = 400 if request.method == "POST" else 200
    return render(request, "web/deals/new.html", {"form": form}, status=status)
