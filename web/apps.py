from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"
    verbose_name = "HyperCRM web pages"

    def ready(self) -> None:
        # The dashboard shows the business's key figures, those of GET /api/kpis/ in the
        # reader's language. The pages depend on the business, never the other way round.
        from processes.kpis.selectors import dashboard_figures

        from .kpis import register_figures

        register_figures(dashboard_figures)
