"""The audit log: who changed which business record, account or right, what and when.

django-auditlog records every save and delete of the models that
`settings.AUDITLOG_INCLUDE_TRACKING_MODELS` names (one `auditlog.LogEntry` row each: field,
old and new value, who, when, from which address and request); this app reads them
(`selectors`) for the audit page and `GET /api/audit/`, and attributes API-token requests
to their person (`attribute_to`); `middleware` names the request's person, address and
correlation id on the rows its changes write.
"""
