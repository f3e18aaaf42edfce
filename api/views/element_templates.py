"""The registered connectors as Camunda element templates, for the modeler's template list
(and Camunda Modeler's: save the answer as a .json file in its element-templates folder)."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.errors import FORBIDDEN
from engine.connector_templates import connector_templates
from processes.access import may_model


@extend_schema(tags=["definitions"])
class ElementTemplateListView(APIView):
    @extend_schema(
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="A JSON array of Camunda 7 element templates, one a connector.",
            ),
            403: FORBIDDEN,
        },
        summary="Every connector as an element template",
        description="Each template applies to a bpmn:ServiceTask: it sets camunda:type "
        '"external" and camunda:topic to the connector\'s name, writes each parameter as a '
        "camunda:inputParameter and the result variable as camunda:resultVariable. Labels "
        "and descriptions are in the reader's language.",
    )
    def get(self, request):
        if not may_model(request.user):
            raise PermissionDenied(_("The connector templates are for the process-owners group."))
        return Response(connector_templates())
