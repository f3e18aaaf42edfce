"""The saved filters a list page offers: mine and my groups', each with its count now."""

from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.urls import reverse

from processes.collab.saved_filters import filter_count, visible_filters
from web.selectors.inbox import InboxFilters
from web.selectors.monitor import MonitorFilters

PAGE_FILTERS = {"inbox": InboxFilters, "monitor": MonitorFilters}
PAGES = {"inbox": "/inbox/", "monitor": "/monitor/"}


@dataclass(frozen=True)
class SavedFilterLink:
    pk: int
    name: str
    count: int
    url: str
    group: str
    owner: str
    mine: bool
    active: bool


def saved_filter_links(user, view: str, current) -> list[SavedFilterLink]:
    """Each filter as a link to the page showing it; `active` when the page shows it now."""
    links = []
    for saved in visible_filters(user, view):
        page_filters = PAGE_FILTERS[view].from_saved(saved.query)
        params = page_filters.as_params()
        links.append(
            SavedFilterLink(
                pk=saved.pk,
                name=saved.name,
                count=filter_count(user, saved),
                url=f"{PAGES[view]}?{params}" if params else PAGES[view],
                group=saved.group,
                owner=saved.owner.get_full_name() or saved.owner.username,
                mine=saved.owner_id == user.pk,
                active=page_filters == current,
            )
        )
    return links


def shareable_groups(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


SAVE_ROUTES = {"inbox": "web:inbox-filter-save", "monitor": "web:monitor-filter-save"}


def saved_filter_context(user, view: str, current) -> dict:
    """What the saved-filters bar of a list page needs (web/partials/saved_filters.html)."""
    return {
        "saved_filters": saved_filter_links(user, view, current),
        "share_groups": shareable_groups(user),
        "save_url": reverse(SAVE_ROUTES[view]),
        "page_params": parse_qsl(current.as_params()),
        "filters_form": f"{view}-filters",
    }
