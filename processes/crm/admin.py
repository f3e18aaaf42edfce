from django.contrib import admin

from processes.crm.models import Contact, ContactChannel, Deal, FunnelStage, Interaction, Party


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "job_title", "is_active"]
    show_change_link = True


class ChannelInline(admin.TabularInline):
    model = ContactChannel
    extra = 0


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "tax_id", "is_customer", "is_supplier", "is_active"]
    list_filter = ["kind", "is_customer", "is_supplier", "is_active"]
    search_fields = ["name", "tax_id"]
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "party", "job_title", "is_active"]
    list_select_related = ["party"]
    search_fields = ["name", "party__name", "channels__value"]
    inlines = [ChannelInline]


@admin.register(FunnelStage)
class FunnelStageAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "probability", "is_won", "is_lost"]
    list_editable = ["order", "probability"]


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ["title", "party", "amount", "stage", "status", "expected_close", "owner"]
    list_filter = ["status", "stage"]
    list_select_related = ["party", "stage", "owner"]
    search_fields = ["title", "party__name"]

    def get_readonly_fields(self, request, obj=None):
        # Once created, stage and status change only through deal_move, which checks them.
        closed = ["status", "lost_reason", "closed_at"]
        return ["stage", *closed] if obj is not None else closed


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "party", "contact", "user"]
    list_filter = ["kind"]
    list_select_related = ["party", "contact", "user"]
    search_fields = ["summary", "party__name"]
    date_hierarchy = "at"
