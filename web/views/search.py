"""The search page the top bar's box opens."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from web.access import employee_page
from web.selectors.search import search


@employee_page
@require_GET
def search_page(request):
    q = request.GET.get("q", "").strip()
    return render(request, "web/search.html", {"q": q, "found": search(request.user, q)})
