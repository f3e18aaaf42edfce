from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "bench"
    verbose_name = "Benchmarks"

    def ready(self) -> None:
        from bench.common import notifications_wanted
        from engine.connectors import register_connector

        register_connector("bench.echo", lambda params, *, data: {"echo": params.get("value")})
        if not notifications_wanted():
            from processes.notifications import fanout

            fanout.disconnect()
