from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "processes.kpis"
    label = "kpis"
    verbose_name = "Key figures"

    def ready(self) -> None:
        # The dashboard shows the same figures as GET /api/kpis/ (web/kpis.py).
        from processes.kpis.selectors import day_figures
        from web.kpis import register_figures

        register_figures(day_figures)
