"""Admin building blocks for records that change only through their app's services."""

from django.contrib import admin


class ReadOnlyInline(admin.TabularInline):
    """Lines shown with their document, never edited here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ServiceManagedAdmin(admin.ModelAdmin):
    """A document the services create and move on: viewed here, only its notes editable."""

    editable_fields: tuple[str, ...] = ("notes",)

    def has_add_permission(self, request) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name not in self.editable_fields]
