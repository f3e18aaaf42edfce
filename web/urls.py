"""The web pages (API.md "Web pages"); config/urls.py includes these at the root."""

from django.urls import path, re_path

from web.views import (
    audit,
    backups,
    catalogue,
    customer_edit,
    customer_import,
    customers,
    dashboard,
    decisions,
    delegation,
    documents,
    home,
    inbox,
    migrations,
    modeler,
    monitor,
    processes,
    profile,
    rights,
    search,
    start,
    stock,
    tasks,
    variables,
    versions,
)

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", home.LoginView.as_view(), name="login"),
    path("logout/", home.LogoutView.as_view(), name="logout"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("start/<str:key>/", start.case_start_view, name="case-start"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task"),
    path("tasks/<int:pk>/claim/", tasks.task_claim_view, name="task-claim"),
    path("tasks/<int:pk>/unclaim/", tasks.task_unclaim_view, name="task-unclaim"),
    path("tasks/<int:pk>/assign/", delegation.task_assign_view, name="task-assign"),
    path("tasks/<int:pk>/delegate/", delegation.task_delegate_view, name="task-delegate"),
    path("tasks/<int:pk>/resolve/", delegation.task_resolve_view, name="task-resolve"),
    path("processes/", processes.process_list, name="processes"),
    path("processes/<str:key>/", processes.process_detail, name="process"),
    path("processes/<str:key>/bpmn/", processes.process_bpmn, name="process-bpmn"),
    path("processes/<str:key>/modeler/", modeler.modeler, name="modeler"),
    path("processes/<str:key>/versions/", versions.version_history, name="process-versions"),
    path("decisions/", decisions.decision_list, name="decisions"),
    path("decisions/<str:decision_id>/edit/", decisions.decision_edit, name="decision-edit"),
    path(
        "decisions/<str:decision_id>/validate/",
        decisions.decision_validate,
        name="decision-validate",
    ),
    path("decisions/<str:decision_id>/deploy/", decisions.decision_save, name="decision-deploy"),
    path("processes/<str:key>/migrate/", migrations.migration_page, name="process-migrate"),
    path("processes/<str:key>/diff/", versions.version_compare, name="process-diff"),
    path(
        "processes/<str:key>/versions/<int:version>/rollback/",
        versions.version_rollback,
        name="process-rollback",
    ),
    # Outside /processes/{key}/ so that no process key can shadow them.
    path("modeler/new/", modeler.modeler_new, name="modeler-new"),
    path("modeler/validate/", modeler.modeler_validate, name="modeler-validate"),
    path("modeler/deploy/", modeler.modeler_deploy, name="modeler-deploy"),
    path("monitor/", monitor.monitor, name="monitor"),
    path("monitor/instances/<int:pk>/", monitor.instance_page, name="instance"),
    re_path(
        r"^monitor/instances/(?P<pk>[0-9]+)/(?P<action>cancel|suspend|resume)/$",
        monitor.instance_action,
        name="instance-action",
    ),
    path(
        "monitor/instances/<int:pk>/variables/",
        variables.instance_variables_view,
        name="instance-variables",
    ),
    path(
        "monitor/incidents/<int:pk>/retry/",
        monitor.incident_retry_view,
        name="incident-retry",
    ),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("backups/<str:name>/", backups.backup_download, name="backup-download"),
    path("profile/", profile.profile, name="profile"),
    path("customers/", customers.customer_list, name="customers"),
    path("customers/new/", customer_edit.customer_new, name="customer-new"),
    path("customers/import/", customer_import.customer_import, name="customer-import"),
    path("customers/<int:pk>/", customers.customer_detail, name="customer"),
    path("customers/<int:pk>/edit/", customer_edit.customer_edit, name="customer-edit"),
    path("customers/<int:pk>/order/", customer_edit.customer_order, name="customer-order"),
    path("customers/<int:pk>/log/", customers.customer_log, name="customer-log"),
    path("search/", search.search_page, name="search"),
    path("rights/", rights.rights_page, name="rights"),
    path("audit/", audit.audit_page, name="audit"),
    path("products/", catalogue.product_list, name="products"),
    path("products/<int:pk>/", catalogue.product_detail, name="product"),
    path("products/<int:pk>/reorder/", catalogue.product_reorder, name="product-reorder"),
    path("stock/", stock.stock_list, name="stock"),
    path("orders/new/", documents.order_new, name="order-new"),
    path("stock/transfer/", stock.stock_transfer_view, name="stock-transfer"),
    path("stock/count/", stock.stock_count_view, name="stock-count"),
]

# The document pages: /orders/, /purchase-orders/, /manufacturing-orders/, /shipments/.
for _key, (_list_view, _detail_view) in documents.PAGES.items():
    urlpatterns += [
        path(f"{_key}/", _list_view, name=f"documents-{_key}"),
        path(f"{_key}/<int:pk>/", _detail_view, name=f"document-{_key}"),
    ]
