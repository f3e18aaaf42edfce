from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"
    verbose_name = "HyperCRM web pages"

    def ready(self) -> None:
        # The dashboard shows the business's key figures, the same as GET /api/kpis/.
        # The pages depend on the business, never the other way round.
        from processes.kpis.selectors import day_figures

        from .kpis import register_figures

        register_figures(day_figures)
