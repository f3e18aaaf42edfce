"""The list pages' pager, which counts no further than it needs: at most `CAP` rows, or up
to the page asked for when that is further (a COUNT over a LIMIT, read in the list's
index order), so a list of a million rows pages as fast as one of a thousand.

Below the cap it is Django's Paginator (the count, "Page 2 of 7"); past it the page says
"more than 1,000" and offers the next page as long as there is one.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

CAP = 1000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page: int, *, cap: int | None = None, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = CAP if cap is None else cap
        self.upto = self.cap

    def get_page(self, number):
        try:
            wanted = max(1, int(number))
        except (TypeError, ValueError):
            wanted = 1
        # Count up to the page asked for: its rows, and one more to know a next page exists.
        self.upto = max(self.cap, min(wanted, 10**9 // self.per_page) * self.per_page)
        return super().get_page(number)

    @cached_property
    def count(self) -> int:
        """The rows counted: all of them, or `upto` and one more (`more`)."""
        return self.object_list[: self.upto + 1].count()

    @property
    def more(self) -> bool:
        """There are more rows than were counted: the page names no total."""
        return self.count > self.upto
