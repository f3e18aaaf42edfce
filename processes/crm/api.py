"""The crm API: /api/parties/, /api/contacts/, /api/deals/, /api/funnel-stages/,
/api/interactions/. Rights: processes.access.
"""

from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from processes.access import deals_for, parties_for, party_related_for
from processes.common.filters import boolean, choice, integer, text
from processes.common.import_api import ImportSerializer, import_answer
from processes.common.viewsets import BusinessReadViewSet, BusinessViewSet
from processes.crm import addresses, imports, selectors, services
from processes.crm.models import (
    Address,
    Contact,
    ContactChannel,
    Deal,
    FunnelStage,
    Interaction,
    Party,
)
from processes.ownership.api import ProcessStepsMixin


class TagNamesField(serializers.ListField):
    """A party's tags as their names; writing a list replaces them (new words become tags)."""

    child = serializers.CharField(max_length=50)

    def get_attribute(self, instance):
        return [tag.name for tag in instance.tags.all()]


class PartySerializer(serializers.ModelSerializer):
    tags = TagNamesField(required=False)

    class Meta:
        model = Party
        fields = [
            "id",
            "kind",
            "name",
            "tax_id",
            "tax_exemption",
            "is_customer",
            "is_supplier",
            "price_list",
            "notes",
            "owner",
            "tags",
            "is_active",
            "created_at",
            "updated_at",
        ]


class ChannelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactChannel
        fields = ["id", "kind", "value", "is_primary"]
        # The contact's uniqueness rules are checked by the service, which knows the contact.
        validators = []


class ContactSerializer(serializers.ModelSerializer):
    channels = ChannelSerializer(many=True, required=False)

    class Meta:
        model = Contact
        fields = ["id", "party", "name", "job_title", "notes", "is_active", "channels"]

    def validate(self, attrs):
        if self.instance is not None and attrs.get("channels"):
            raise serializers.ValidationError(
                {"channels": [_("Add channels with POST /api/contacts/{id}/channels/.")]}
            )
        if (
            self.instance is not None
            and attrs.get("party", self.instance.party) != self.instance.party
        ):
            raise serializers.ValidationError({"party": [_("A contact stays with its party.")]})
        return attrs


class AddressSerializer(serializers.ModelSerializer):
    lines = serializers.SerializerMethodField(help_text="As documents print it.")

    class Meta:
        model = Address
        fields = ["id", "party", "kind", "street", "postal_code", "city", "country",
                  "is_default", "lines", "created_at"]  # fmt: skip
        read_only_fields = ["id", "lines", "created_at"]
        extra_kwargs = {"is_default": {"required": False, "default": None, "allow_null": True}}

    def get_lines(self, address: Address) -> list[str]:
        return addresses.address_lines(address)


class FunnelStageSerializer(serializers.ModelSerializer):
    class Meta:
        model = FunnelStage
        fields = ["id", "name", "order", "probability", "is_won", "is_lost"]


class DealSerializer(serializers.ModelSerializer):
    party_name = serializers.CharField(source="party.name", read_only=True)
    stage_name = serializers.CharField(source="stage.name", read_only=True)

    class Meta:
        model = Deal
        fields = [
            "id",
            "party",
            "party_name",
            "title",
            "amount",
            "stage",
            "stage_name",
            "status",
            "expected_close",
            "owner",
            "lost_reason",
            "closed_at",
            "created_at",
        ]
        read_only_fields = ["status", "lost_reason", "closed_at"]
        extra_kwargs = {"stage": {"required": False}}

    def validate(self, attrs):
        if (
            self.instance is not None
            and attrs.get("stage", self.instance.stage) != self.instance.stage
        ):
            raise serializers.ValidationError(
                {"stage": [_("Move a deal with POST /api/deals/{id}/move/.")]}
            )
        return attrs


class DealMoveSerializer(serializers.Serializer):
    stage = serializers.PrimaryKeyRelatedField(queryset=FunnelStage.objects.all())
    lost_reason = serializers.CharField(required=False, allow_blank=True, default="")


class InteractionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Interaction
        fields = ["id", "party", "contact", "deal", "kind", "summary", "at", "user"]
        read_only_fields = ["user"]
        extra_kwargs = {"at": {"required": False}}


def _require_seen(user, party) -> None:
    """A customer the person does not see is no customer to her (400 naming the field)."""
    if party is not None and not parties_for(user, Party.objects.filter(pk=party.pk)).exists():
        message = _("There is no customer with the id %(id)s.") % {"id": party.pk}
        raise serializers.ValidationError({"party": [message]})


class PartyViewSet(BusinessViewSet):
    """`?role=customer` lists customers, `?role=supplier` suppliers (read in get_queryset)."""

    serializer_class = PartySerializer
    record_kind = "customers"
    filter_params = {
        "kind": ("kind", choice(Party.Kind)),
        "active": ("is_active", boolean),
        "price_list": ("price_list_id", integer),
        "owner": ("owner_id", integer),
        "tag": ("tags__name__iexact", text),
    }
    search_fields = ["name", "tax_id"]
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        role = self.request.query_params.get("role") or None
        if role is not None and role not in selectors.ROLES:
            raise serializers.ValidationError(
                {"role": [_("“%(value)s” is not a role (customer, supplier).") % {"value": role}]}
            )
        parties = selectors.party_list(role=role).prefetch_related("tags")
        return parties_for(self.request.user, parties)

    def create_record(self, data, user):
        return services.party_create(**data)

    def update_record(self, instance, data, user):
        return services.party_update(party=instance, data=data)

    @extend_schema(request=ImportSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def import_csv(self, request):
        """A CSV or XLSX file of customers and suppliers with their contacts (`file`, or
        `csv` as text), all or nothing: 201 {"created", "contacts"}; with `dry_run` 200
        {"valid", "lines"}; 400 {"detail", "errors": [{"line", "column", "message"}]} and
        nothing stored."""
        return import_answer(
            request,
            partial(imports.parties_import, user=request.user),
            lambda result: {"created": result.created, "contacts": result.contacts},
        )


class ContactViewSet(BusinessViewSet):
    serializer_class = ContactSerializer
    record_kind = "customers"
    filter_params = {"party": ("party_id", integer), "active": ("is_active", boolean)}
    search_fields = ["name", "party__name", "channels__value"]
    ordering_fields = ["name"]

    def get_queryset(self):
        return party_related_for(self.request.user, selectors.contact_list())

    def create_record(self, data, user):
        _require_seen(user, data.get("party"))
        return services.contact_create(**data)

    def update_record(self, instance, data, user):
        data = {k: v for k, v in data.items() if k not in ("party", "channels")}
        return services.contact_update(contact=instance, data=data)

    @action(detail=True, methods=["post"], serializer_class=ChannelSerializer)
    def channels(self, request, pk=None):
        """Add a channel to the contact: {"kind", "value", "is_primary"?}."""
        contact = self.get_object()
        serializer = ChannelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.contact_add_channel(
            contact=contact,
            kind=data["kind"],
            value=data["value"],
            is_primary=data.get("is_primary", False),
        )
        return Response(ContactSerializer(self.reread(contact)).data, status=201)


class AddressViewSet(mixins.DestroyModelMixin, BusinessViewSet):
    """A customer's or supplier's billing and delivery addresses; the default of each kind
    is what its documents print. POST adds one (the first of a kind, or one with
    is_default, becomes the default); DELETE removes one (documents made keep it)."""

    serializer_class = AddressSerializer
    record_kind = "customers"
    filter_params = {"party": ("party_id", integer), "kind": ("kind", text)}
    ordering_fields = ["kind", "city"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return party_related_for(self.request.user, Address.objects.select_related("party"))

    def create_record(self, data, user):
        _require_seen(user, data.get("party"))
        return addresses.address_add(**data)

    def perform_destroy(self, instance):
        addresses.address_remove(address=instance)


class FunnelStageViewSet(BusinessViewSet):
    queryset = FunnelStage.objects.all()
    serializer_class = FunnelStageSerializer
    record_kind = "deals"
    pagination_class = None  # a funnel has a handful of stages; clients want them all

    def create_record(self, data, user):
        return services.funnel_stage_create(**data)

    def update_record(self, instance, data, user):
        return services.funnel_stage_update(stage=instance, data=data)


class DealViewSet(ProcessStepsMixin, BusinessViewSet):
    # A deal a live process moves (crm.move_deal) is moved there: a direct move is 409.
    process_steps = {"move": gettext_lazy("moving the deal")}
    serializer_class = DealSerializer
    record_kind = "deals"
    filter_params = {
        "party": ("party_id", integer),
        "stage": ("stage_id", integer),
        "status": ("status", choice(Deal.Status)),
        "owner": ("owner_id", integer),
    }
    search_fields = ["title", "party__name"]
    ordering_fields = ["created_at", "amount", "expected_close"]

    def get_queryset(self):
        return deals_for(self.request.user, selectors.deal_list())

    def create_record(self, data, user):
        _require_seen(user, data.get("party"))
        return services.deal_create(**data)

    def update_record(self, instance, data, user):
        data.pop("stage", None)  # unchanged (validate refuses a change); it moves via /move/
        return services.deal_update(deal=instance, data=data)

    @action(detail=True, methods=["post"], serializer_class=DealMoveSerializer)
    def move(self, request, pk=None):
        """Move the deal to a stage: {"stage", "lost_reason"?}; 409 when it is closed."""
        deal = self.get_object()
        serializer = DealMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deal = services.deal_move(deal=deal, **serializer.validated_data)
        return Response(DealSerializer(self.reread(deal)).data)


class InteractionViewSet(mixins.CreateModelMixin, BusinessReadViewSet):
    """The history is appended to, never edited: list, read and log only."""

    serializer_class = InteractionSerializer
    record_kind = "customers"
    filter_params = {
        "party": ("party_id", integer),
        "contact": ("contact_id", integer),
        "deal": ("deal_id", integer),
        "kind": ("kind", choice(Interaction.Kind)),
        "user": ("user_id", integer),
    }
    search_fields = ["summary"]
    ordering_fields = ["at"]

    def get_queryset(self):
        return party_related_for(self.request.user, selectors.interaction_list())

    def perform_create(self, serializer):
        _require_seen(self.request.user, serializer.validated_data.get("party"))
        serializer.instance = services.interaction_log(
            **serializer.validated_data, user=self.request.user
        )
